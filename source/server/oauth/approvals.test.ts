/** The caps and the replacement of requests waiting for approval (approvals.ts) against any sequence of requests (fast-check). */
import test from 'ava';
import fc from 'fast-check';
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
