/** The caps and the replacement of requests waiting for approval (approvals.ts) against any sequence of requests (fast-check). */
import test from 'ava';
import fc from 'fast-check';
import type {SharedApprovals, StoredApproval} from '../../store/postgres/shared-approvals.js';
import {Approvals} from './approvals.js';

const LIMITS = {perClient: 3, perAddress: 3, total: 5};
const CLIENTS = ['X', 'Y', 'Z'];
const ADDRESSES = ['192.0.2.1', '192.0.2.2', '192.0.2.3'];
const CALLBACKS = ['http://127.0.0.1:1/cb', 'http://127.0.0.1:2/cb'];

const ask = (clientId: string, redirectUri: string, remote: string) => ({
  thirdPartyId: `id-${clientId}`,
  thirdPartyName: clientId,
  clientId,
  redirectUri,
  remote,
});

const request = fc.record({
  clientId: fc.constantFrom(...CLIENTS),
  redirectUri: fc.constantFrom(...CALLBACKS),
  remote: fc.constantFrom(...ADDRESSES),
  decide: fc.boolean(),
});

const withApprovals = (use: (approvals: Approvals) => void) => {
  const approvals = new Approvals(() => new Date('2026-11-27T10:00:00Z'), 600_000, LIMITS);
  try {
    use(approvals);
  } finally {
    approvals.close();
  }
};

test('the list shows each client, callback URL and address once, the newest request, and no cap is passed', t => {
  fc.assert(
    fc.property(fc.array(request, {maxLength: 100, size: 'max'}), requests =>
      withApprovals(approvals => {
        for (const item of requests) {
          const newest = approvals.request(ask(item.clientId, item.redirectUri, item.remote), new URLSearchParams());
          if (newest)
            t.is(
              approvals
                .pending()
                .filter(
                  pending =>
                    pending.clientId === item.clientId && pending.redirectUri === item.redirectUri && pending.remote === item.remote,
                )[0]?.id,
              newest.id,
            );
          if (newest && item.decide) void approvals.decide(newest.id, {kind: 'deny', by: 'test'});
          const pending = approvals.pending();
          const keys = pending.map(entry => `${entry.clientId} ${entry.redirectUri} ${entry.remote}`);
          t.is(new Set(keys).size, keys.length);
          t.true(pending.length <= LIMITS.total);
          for (const clientId of CLIENTS) t.true(pending.filter(entry => entry.clientId === clientId).length <= LIMITS.perClient);
          for (const remote of ADDRESSES) t.true(pending.filter(entry => entry.remote === remote).length <= LIMITS.perAddress);
        }
      }),
    ),
  );
});

test('a request asked again is never refused: it replaces the one waiting', t => {
  fc.assert(
    fc.property(fc.array(request, {maxLength: 100, size: 'max'}), fc.nat(), (requests, pick) =>
      withApprovals(approvals => {
        for (const item of requests) approvals.request(ask(item.clientId, item.redirectUri, item.remote), new URLSearchParams());
        const waiting = approvals.pending();
        if (waiting.length === 0) return;
        const again = waiting[pick % waiting.length]!;
        t.truthy(approvals.request(ask(again.clientId, again.redirectUri, again.remote), new URLSearchParams()));
        t.is(approvals.pending().length, waiting.length);
      }),
    ),
  );
});

/**
 * The shared table of waiting requests as PostgreSQL keeps it (store/postgres/shared-approvals.ts):
 * one row per client, callback URL and address, its id replaced by a newer request; each write is
 * held until `release`, which lets them through newest first, as a database may answer them.
 */
const heldTable = () => {
  const rows = new Map<string, StoredApproval>();
  const held: (() => void)[] = [];
  const shared: SharedApprovals = {
    add: async stored => {
      await new Promise<void>(resolve => held.push(resolve));
      const {clientId, redirectUri, remote} = stored.approval;
      rows.set(`${clientId} ${redirectUri} ${remote}`, stored);
    },
    decide: async (id, decision) => {
      const found = [...rows].find(([, row]) => row.approval.id === id && !row.decision);
      if (!found) return false;
      rows.set(found[0], {...found[1], decision});
      return true;
    },
    take: async () => true,
    load: async () => [...rows.values()],
    watch: () => () => undefined,
    follow: () => () => undefined,
    consoles: async () => 1,
  };
  const release = async () => {
    for (let round = 0; round < 20; round++) {
      for (const resolve of held.splice(0).reverse()) resolve();
      await new Promise(resolve => setImmediate(resolve));
    }
  };
  return {rows, release, approvals: new Approvals(() => new Date('2026-11-27T10:00:00Z'), 600_000, LIMITS, shared)};
};

test('on a database, a request approved as soon as it is listed is approved: the decision waits for its row to be written', async t => {
  const {rows, release, approvals} = heldTable();
  t.teardown(() => approvals.close());
  const pending = approvals.request(ask('X', CALLBACKS[0]!, ADDRESSES[0]!), new URLSearchParams())!;
  const approved = approvals.decide(pending.id, {kind: 'approve', by: 'admin@console'});
  await release();
  t.true(await approved);
  t.is([...rows.values()][0]?.decision?.kind, 'approve');
});

test('on a database, a request asked again is written after the one it replaces: the row left is the newest, whatever answers first', async t => {
  const {rows, release, approvals} = heldTable();
  t.teardown(() => approvals.close());
  const asked = [0, 1, 2].map(() => approvals.request(ask('X', CALLBACKS[0]!, ADDRESSES[0]!), new URLSearchParams())!);
  await release();
  t.is(rows.size, 1);
  t.is([...rows.values()][0]!.approval.id, asked[2]!.id, 'the newest request is the one left');
});
