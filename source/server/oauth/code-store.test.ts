/** The caps on live authorization codes (code-store.ts) against any sequence of requests (fast-check). */
import test from 'ava';
import fc from 'fast-check';
import {CodeStore} from './code-store.js';

const LIMITS = {perClientAddress: 3, perAddress: 5, perClient: 8, total: 12};
const CLIENTS = ['X', 'Y', 'Z'];
const ADDRESSES = ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4'];
const LIFETIME = 60_000;

const request = (addresses: readonly string[]) =>
  fc.record({
    clientId: fc.constantFrom(...CLIENTS),
    address: fc.constantFrom(...addresses),
    after: fc.nat({max: 5_000}),
    use: fc.boolean(),
  });

type Request = {clientId: string; address: string; after: number; use: boolean};

/** Adds a code per request (and uses one now and then); every code held, by client and address. */
const run = (store: CodeStore<string>, requests: readonly Request[], onAdd?: (room: ReturnType<CodeStore<string>['add']>) => void) => {
  let now = 0;
  const held = new Map<string, Request & {expiresAt: number}>();
  requests.forEach((item, index) => {
    now += item.after;
    const code = `code${index}`;
    const before = store.size;
    const room = store.add(code, code, item.clientId, item.address, now + LIFETIME, now);
    onAdd?.(room);
    if (room.kind === 'full') {
      if (store.size > before) throw new Error('a refused code was stored');
    } else {
      if (room.replaces) held.delete(room.replaces);
      held.set(code, {...item, expiresAt: now + LIFETIME});
    }
    if (item.use) {
      const first = [...held.keys()][0];
      if (first !== undefined && store.delete(first)) held.delete(first);
    }
    for (const [live, entry] of held) if (entry.expiresAt <= now) held.delete(live);
  });
  return {now, held};
};

const countBy = (entries: Iterable<Request>, key: (entry: Request) => string) => {
  const counts = new Map<string, number>();
  for (const entry of entries) counts.set(key(entry), (counts.get(key(entry)) ?? 0) + 1);
  return Math.max(0, ...counts.values());
};

test('no cap is ever passed, whatever the requests', t => {
  fc.assert(
    fc.property(fc.array(request(ADDRESSES), {maxLength: 200, size: 'max'}), requests => {
      const store = new CodeStore<string>(LIMITS);
      const {held} = run(store, requests);
      const live = [...held.values()];
      t.true(live.length <= LIMITS.total);
      t.true(countBy(live, entry => entry.address) <= LIMITS.perAddress);
      t.true(countBy(live, entry => entry.clientId) <= LIMITS.perClient);
      t.true(countBy(live, entry => `${entry.clientId}@${entry.address}`) <= LIMITS.perClientAddress);
      // The store holds exactly the codes the model says are live (the expired ones are forgotten at the next add).
      for (const code of held.keys()) t.is(store.get(code), code);
    }),
  );
});

test('one address, whatever it asks for, never takes the room of another address', t => {
  const [other, ...own] = ADDRESSES as [string, ...string[]];
  fc.assert(
    fc.property(
      fc.constantFrom(...own),
      fc.array(fc.record({clientId: fc.constantFrom(...CLIENTS), after: fc.nat({max: 100})}), {maxLength: 200, size: 'max'}),
      fc.constantFrom(...CLIENTS),
      (flooder, flood, clientId) => {
        const store = new CodeStore<string>(LIMITS);
        const {now} = run(
          store,
          flood.map(item => ({...item, address: flooder, use: false})),
        );
        t.is(store.roomFor(clientId, other, now).kind, 'room');
      },
    ),
  );
});

test('a client asking again from the same address is never refused once it holds its share: its oldest code is replaced', t => {
  fc.assert(
    fc.property(fc.array(request(ADDRESSES), {maxLength: 200, size: 'max'}), requests => {
      const store = new CodeStore<string>(LIMITS);
      const {now, held} = run(store, requests);
      for (const clientId of CLIENTS)
        for (const address of ADDRESSES) {
          const own = [...held].filter(([, entry]) => entry.clientId === clientId && entry.address === address);
          if (own.length === LIMITS.perClientAddress)
            t.deepEqual(store.roomFor(clientId, address, now), {kind: 'room', replaces: own[0]![0]});
        }
    }),
  );
});

test('expired codes are forgotten', t => {
  const store = new CodeStore<string>(LIMITS);
  for (let index = 0; index < LIMITS.perAddress; index++) store.add(`c${index}`, 'v', CLIENTS[index % 3]!, ADDRESSES[0]!, 1_000, 0);
  t.is(store.roomFor('X', ADDRESSES[0]!, 999).kind, 'full');
  t.is(store.roomFor('X', ADDRESSES[0]!, 1_000).kind, 'room');
  t.is(store.size, 0);
});
