/**
 * The throttle's decision (`admit`) against any interleaving of attempts (fast-check): the right
 * credentials always proceed, a refused attempt changes nothing, one address's failures never
 * refuse another address, and the work let through is bounded (ARCHITECTURE.md, The server).
 */
import test from 'ava';
import fc from 'fast-check';
import {FailureThrottle, type Authentication} from './failure-throttle.js';

const OPTIONS = {maxFailures: 3, maxAddressFailures: 5, windowMs: 60_000, blockMs: 30_000, maxKeys: 100_000};
const ADDRESSES = ['192.0.2.1', '192.0.2.2', '198.51.100.7', '2001:db8::1'];
const CLIENTS = ['01CLIENTA', '01CLIENTB', '01CLIENTC'];

interface Attempt {
  readonly address: string;
  readonly authentication: Authentication;
  /** Milliseconds after the previous attempt. */
  readonly after: number;
}

const authentication: fc.Arbitrary<Authentication> = fc.oneof(
  fc.constantFrom(...CLIENTS).map(clientId => ({kind: 'authenticated', clientId}) as const),
  fc.option(fc.constantFrom(...CLIENTS), {nil: null, freq: 2}).map(clientId => ({kind: 'failed', clientId}) as const),
  fc.constant({kind: 'none'} as const),
);

/** Mostly bursts (so that blocks happen), now and then a pause past a window or a block. */
const pause = (maxAfter: number): fc.Arbitrary<number> =>
  fc.oneof({weight: 9, arbitrary: fc.nat({max: Math.min(maxAfter, 200)})}, {weight: 1, arbitrary: fc.nat({max: maxAfter})});

const attempt = (addresses: readonly string[], maxAfter: number): fc.Arbitrary<Attempt> =>
  fc.record({address: fc.constantFrom(...addresses), authentication, after: pause(maxAfter)});

/** Runs the attempts in order from time 0; each decision with its attempt and time. */
const run = (throttle: FailureThrottle, attempts: readonly Attempt[]) => {
  let now = 1_000_000;
  return attempts.map(item => {
    now += item.after;
    return {...item, now, admission: throttle.admit(item.address, item.authentication, now)};
  });
};

test('the right credentials always proceed, whatever failed before, from whichever address', t => {
  fc.assert(
    fc.property(fc.array(attempt(ADDRESSES, 70_000), {maxLength: 300, size: 'max'}), attempts => {
      for (const decided of run(new FailureThrottle(OPTIONS), attempts))
        if (decided.authentication.kind === 'authenticated') t.true(decided.admission.proceed);
    }),
  );
});

test('a refused attempt changes nothing: a throttle that never saw the refused ones decides every other attempt alike', t => {
  fc.assert(
    fc.property(fc.array(attempt(ADDRESSES, 70_000), {maxLength: 300, size: 'max'}), attempts => {
      const all = new FailureThrottle(OPTIONS);
      const admittedOnly = new FailureThrottle(OPTIONS);
      let now = 1_000_000;
      for (const item of attempts) {
        now += item.after;
        const admission = all.admit(item.address, item.authentication, now);
        if (!admission.proceed) continue;
        t.deepEqual(admittedOnly.admit(item.address, item.authentication, now), admission);
      }
      // And afterwards, for every address and client: the same answers.
      for (const address of ADDRESSES)
        for (const clientId of [null, ...CLIENTS]) {
          const probe: Authentication = {kind: 'failed', clientId};
          t.deepEqual(all.admit(address, probe, now), admittedOnly.admit(address, probe, now));
        }
    }),
  );
});

test('failures from other addresses never refuse an address that has not failed', t => {
  const [victim, ...others] = ADDRESSES as [string, ...string[]];
  fc.assert(
    fc.property(fc.array(attempt(others, 70_000), {maxLength: 300, size: 'max'}), authentication, (attempts, own) => {
      const throttle = new FailureThrottle(OPTIONS);
      const decided = run(throttle, attempts);
      t.true(throttle.admit(victim, own, decided.at(-1)?.now ?? 0).proceed);
    }),
  );
});

test('the work let through is bounded: within a window, at most maxFailures failures per client and address, maxAddressFailures per address', t => {
  fc.assert(
    // 300 attempts at most 90 ms apart: all within one window and one block.
    fc.property(fc.array(attempt(ADDRESSES, 90), {maxLength: 300, size: 'max'}), attempts => {
      const perPair = new Map<string, number>();
      const perAddress = new Map<string, number>();
      for (const {address, authentication: presented, admission} of run(new FailureThrottle(OPTIONS), attempts)) {
        if (presented.kind !== 'failed' || !admission.proceed) continue;
        const pair = `${presented.clientId}@${address}`;
        perPair.set(pair, (perPair.get(pair) ?? 0) + 1);
        perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
      }
      for (const count of perPair.values()) t.true(count <= OPTIONS.maxFailures);
      for (const count of perAddress.values()) t.true(count <= OPTIONS.maxAddressFailures);
    }),
  );
});

test('the tables stay bounded whatever the attempts', t => {
  fc.assert(
    fc.property(
      fc.array(fc.record({address: fc.ipV4(), authentication, after: fc.nat({max: 1_000})}), {maxLength: 500, size: 'max'}),
      attempts => {
        const throttle = new FailureThrottle({...OPTIONS, maxKeys: 20});
        run(throttle, attempts);
        // Two generations of counts and of blocks, each generation at most maxKeys / 2.
        t.true(throttle.size <= 40, `${throttle.size} keys`);
      },
    ),
  );
});
