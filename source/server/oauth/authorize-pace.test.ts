/** The pace per address at /oauth/authorize: examples, then properties over generated arrivals (fast-check). */
import test from 'ava';
import fc from 'fast-check';
import {AuthorizePace, type PaceDecision, type PaceLimits} from './authorize-pace.js';

const limits: PaceLimits = {perSecond: 10, burst: 3, maxWaitMs: 500, maxAddresses: 100};

/** When the request starts: now, after its wait, or never. */
const startOf = (decision: PaceDecision, at: number): number | undefined =>
  decision.kind === 'now' ? at : decision.kind === 'after' ? at + decision.ms : undefined;

test('a burst starts at once, the next waits its turn, one too far ahead is refused with Retry-After', t => {
  const pace = new AuthorizePace(limits);
  for (let index = 0; index < 3; index++) t.deepEqual(pace.decide('192.0.2.1', 0), {kind: 'now'});
  t.deepEqual(pace.decide('192.0.2.1', 0), {kind: 'after', ms: 100});
  t.deepEqual(pace.decide('192.0.2.1', 0), {kind: 'after', ms: 200});
  for (let index = 0; index < 3; index++) pace.decide('192.0.2.1', 0);
  t.deepEqual(pace.decide('192.0.2.1', 0), {kind: 'refused', retryAfterSeconds: 1});
  t.deepEqual(pace.decide('192.0.2.2', 0), {kind: 'now'}, 'another address is not held up');
  t.deepEqual(pace.decide('192.0.2.1', 10_000), {kind: 'now'}, 'after a quiet spell the burst is back');
});

test('a refused request takes no turn: the next one waits no longer for it', t => {
  const pace = new AuthorizePace(limits);
  for (let index = 0; index < 8; index++) pace.decide('192.0.2.1', 0);
  t.is(pace.decide('192.0.2.1', 0).kind, 'refused');
  t.is(pace.decide('192.0.2.1', 0).kind, 'refused');
  t.deepEqual(pace.decide('192.0.2.1', 100), {kind: 'after', ms: 500});
});

test('the addresses remembered are bounded: past the most, the longest idle is forgotten', t => {
  const pace = new AuthorizePace({...limits, burst: 1, maxAddresses: 2});
  pace.decide('a', 0);
  pace.decide('b', 0);
  pace.decide('c', 0);
  t.deepEqual(pace.decide('a', 0), {kind: 'now'}, 'a was forgotten');
  t.deepEqual(pace.decide('c', 0), {kind: 'after', ms: 100}, 'c, used last, was kept');
});

const arrivals = fc.array(
  fc.record({address: fc.constantFrom('a', 'b', 'c'), gap: fc.oneof(fc.constant(0), fc.nat({max: 20}), fc.nat({max: 300}))}),
  {maxLength: 200},
);

test('property: in any window, the requests of one address that start are at most the burst and the rate allow', t => {
  fc.assert(
    fc.property(arrivals, fc.nat({max: 2_000}), (requests, window) => {
      const pace = new AuthorizePace(limits);
      const starts = new Map<string, number[]>();
      let at = 0;
      for (const {address, gap} of requests) {
        at += gap;
        const start = startOf(pace.decide(address, at), at);
        if (start !== undefined) starts.set(address, [...(starts.get(address) ?? []), start]);
      }
      for (const times of starts.values()) {
        const sorted = [...times].sort((x, y) => x - y);
        for (let first = 0; first < sorted.length; first++) {
          const inWindow = sorted.filter(time => time >= sorted[first]! && time <= sorted[first]! + window).length;
          if (inWindow > limits.burst + Math.floor((window * limits.perSecond) / 1000)) return false;
        }
      }
      return true;
    }),
  );
  t.pass();
});

test("property: one address's requests never change another's decisions, and no wait exceeds the most", t => {
  fc.assert(
    fc.property(arrivals, requests => {
      const together = new AuthorizePace(limits);
      const alone = new AuthorizePace(limits);
      let at = 0;
      for (const {address, gap} of requests) {
        at += gap;
        const decision = together.decide(address, at);
        if (decision.kind === 'after' && decision.ms > limits.maxWaitMs) return false;
        if (address === 'a' && JSON.stringify(alone.decide(address, at)) !== JSON.stringify(decision)) return false;
      }
      return true;
    }),
  );
  t.pass();
});

test('property: a request from an address not seen for a second always starts at once', t => {
  fc.assert(
    fc.property(arrivals, fc.nat({max: 100_000}), (requests, later) => {
      const pace = new AuthorizePace(limits);
      let at = 0;
      for (const {address, gap} of requests) pace.decide(address, (at += gap));
      return pace.decide('a', at + limits.maxWaitMs + 1_000 * (limits.burst / limits.perSecond) + later + 1).kind === 'now';
    }),
  );
  t.pass();
});
