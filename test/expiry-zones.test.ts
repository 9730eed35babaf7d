import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import anyTest, {type TestFn} from 'ava';
import {REPOSITORY} from './helpers/pty-console.js';

const run = promisify(execFile);

// One child at a time: the suite runs beside pty tests.
const test = anyTest.serial as TestFn;

/**
 * The date rules as an admin in that zone sees them, in a child process with its own TZ
 * (process.env.TZ cannot be changed reliably inside one). It runs the built dist/ (npm test
 * builds first): plain node starts much faster than a TypeScript loader.
 */
const CHILD = `
import {calendarDaysUntil, expiryForPreset, parseExpiryDate} from './dist/domain/index.js';
const [now, text] = process.argv.slice(1).map((value, index) => (index === 0 ? new Date(value) : value));
const typed = parseExpiryDate(text, now);
const days30 = expiryForPreset('days30', now);
const parts = date => [date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes()];
process.stdout.write(JSON.stringify({
  typed: typed.ok ? typed.expiresAt.toISOString() : typed.message,
  typedDays: typed.ok ? calendarDaysUntil(typed.expiresAt, now) : null,
  days30: days30.toISOString(),
  days30Local: parts(days30),
  nowLocal: parts(now),
}));
`;

const inZone = async (zone: string, now: string, typed: string) => {
  const {stdout} = await run(process.execPath, ['--input-type=module', '--eval', CHILD, now, typed], {
    cwd: REPOSITORY,
    env: {...process.env, TZ: zone},
  });
  return JSON.parse(stdout) as {typed: string; typedDays: number | null; days30: string; days30Local: number[]; nowLocal: number[]};
};

test('a typed date ends at local midnight of that day, wherever the admin is', async t => {
  const auckland = await inZone('Pacific/Auckland', '2026-11-27T10:00:00.000Z', '2026-12-01');
  t.is(auckland.typed, '2026-12-01T10:59:59.999Z'); // NZDT is UTC+13
  const newYork = await inZone('America/New_York', '2026-11-27T10:00:00.000Z', '2026-12-01');
  t.is(newYork.typed, '2026-12-02T04:59:59.999Z'); // EST is UTC−5
  const kolkata = await inZone('Asia/Kolkata', '2026-11-27T10:00:00.000Z', '2026-12-01');
  t.is(kolkata.typed, '2026-12-01T18:29:59.999Z'); // UTC+5:30
});

test('"today" and "in the past" follow the local date, not the UTC one', async t => {
  // 2026-11-27T20:00Z is already Nov 28 in Auckland: Nov 27 is in the past there, today in New York.
  const auckland = await inZone('Pacific/Auckland', '2026-11-27T20:00:00.000Z', '2026-11-27');
  t.is(auckland.typed, '2026-11-27 is in the past: choose today or a later date.');
  const newYork = await inZone('America/New_York', '2026-11-27T20:00:00.000Z', '2026-11-27');
  t.is(newYork.typedDays, 0);
});

test('30 days across a DST change keep the local time of day (and so are not 30 × 24 hours)', async t => {
  // New York: 2027-03-14 clocks go forward; Feb 20 10:00 EST + 30 days = Mar 22 10:00 EDT.
  const spring = await inZone('America/New_York', '2027-02-20T15:00:00.000Z', '2027-12-31');
  t.deepEqual(spring.days30Local, [2027, 3, 22, 10, 0]);
  t.is(spring.days30, '2027-03-22T14:00:00.000Z');
  // Auckland: 2027-04-04 clocks go back; Mar 20 10:00 NZDT + 30 days = Apr 19 10:00 NZST.
  const autumn = await inZone('Pacific/Auckland', '2027-03-19T21:00:00.000Z', '2027-12-31');
  t.deepEqual(autumn.nowLocal, [2027, 3, 20, 10, 0]);
  t.deepEqual(autumn.days30Local, [2027, 4, 19, 10, 0]);
  t.is(autumn.days30, '2027-04-18T22:00:00.000Z');
});

test('a day count over a DST change is still whole days', async t => {
  // From Mar 13 to Mar 15 2027 in New York (23-hour day between): 2 days.
  const result = await inZone('America/New_York', '2027-03-13T17:00:00.000Z', '2027-03-15');
  t.is(result.typedDays, 2);
});
