/**
 * The throttle's cost per request with a full table: 100,000 addresses that each failed once in the
 * current window, then new keys failing one after another (a scan from many addresses), and
 * lookups of known keys. `npx tsx bench/throttle-cost.ts [maxKeys]`.
 */
import {FailureThrottle} from '../source/server/failure-throttle.js';

const KEYS = 100_000;
const ROUNDS = 5_000;
/** CPU time of this process in µs: on a machine shared with other work, wall time says more about the others. */
const cpuNow = (): number => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};

const throttle = new FailureThrottle({maxFailures: 10, windowMs: 60_000, blockMs: 60_000, maxKeys: Number(process.argv[2] ?? 100_000)});
const now = Date.now();
const FAILED = {kind: 'failed', clientId: null} as const;
for (let index = 0; index < KEYS; index++) throttle.admit(`10.${index >> 16}.${(index >> 8) & 255}.${index & 255}`, FAILED, now);

let started = cpuNow();
for (let index = 0; index < ROUNDS; index++) throttle.admit(`11.${index >> 16}.${(index >> 8) & 255}.${index & 255}`, FAILED, now + 1);
const newKey = (cpuNow() - started) / ROUNDS;

started = cpuNow();
let blocked = 0;
for (let index = 0; index < ROUNDS; index++) {
  const address = `10.${(index * 7) >> 16}.${((index * 7) >> 8) & 255}.${(index * 7) & 255}`;
  if (!throttle.admit(address, FAILED, now + 2).proceed) blocked++;
}
const knownKey = (cpuNow() - started) / ROUNDS;

const heap = process.memoryUsage().heapUsed / 1024 / 1024;
console.log(
  `${KEYS.toLocaleString('en')} keys, CPU time: a new key's failure ${newKey.toFixed(2)} µs, a known key's check and failure ${knownKey.toFixed(2)} µs (${blocked} blocked), ${throttle.size.toLocaleString('en')} keys held, heap ${heap.toFixed(0)} MB`,
);
