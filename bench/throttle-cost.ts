/**
 * The throttle's cost per request with a full table: 100,000 keys that each failed once in the
 * current window, then new keys failing one after another (a scan from many addresses), and
 * lookups of known keys. `npx tsx bench/throttle-cost.ts [maxKeys]`.
 */
import {performance} from 'node:perf_hooks';
import {FailureThrottle} from '../source/server/failure-throttle.js';

const KEYS = 100_000;
const ROUNDS = 20_000;

const throttle = new FailureThrottle({maxFailures: 10, windowMs: 60_000, blockMs: 60_000, maxKeys: Number(process.argv[2] ?? 100_000)});
const now = Date.now();
for (let index = 0; index < KEYS; index++) throttle.failed(`address:10.${index >> 16}.${(index >> 8) & 255}.${index & 255}`, now);

let started = performance.now();
for (let index = 0; index < ROUNDS; index++) throttle.failed(`address:11.${index >> 16}.${(index >> 8) & 255}.${index & 255}`, now + 1);
const newKey = ((performance.now() - started) * 1000) / ROUNDS;

started = performance.now();
let blocked = 0;
for (let index = 0; index < ROUNDS; index++) {
  const key = `address:10.${(index * 7) >> 16}.${((index * 7) >> 8) & 255}.${(index * 7) & 255}`;
  if (throttle.retryAfter(key, now + 2) > 0) blocked++;
  throttle.failed(key, now + 2);
}
const knownKey = ((performance.now() - started) * 1000) / ROUNDS;

const heap = process.memoryUsage().heapUsed / 1024 / 1024;
console.log(
  `${KEYS.toLocaleString('en')} keys: a new key's failure ${newKey.toFixed(2)} µs, a known key's check and failure ${knownKey.toFixed(2)} µs (${blocked} blocked), ${throttle.size.toLocaleString('en')} keys held, heap ${heap.toFixed(0)} MB`,
);
