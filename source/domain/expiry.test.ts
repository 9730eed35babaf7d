import test from 'ava';
import {
  addCalendarDays,
  calendarDaysUntil,
  describeExpiryNote,
  expiryForPreset,
  expiryNote,
  parseExpiryDate,
  summarizeExpiry,
  type OAuthToken,
  type ThirdParty,
} from './index.js';

// The suite runs with TZ=UTC (package.json); other zones are in test/expiry-zones.test.ts.
const local = (year: number, month: number, day: number, hour = 10, minute = 0) => new Date(year, month - 1, day, hour, minute);
const ymd = (date: Date | null) => (date === null ? null : [date.getFullYear(), date.getMonth() + 1, date.getDate()]);

const token = (expiresAt: string | null, active = true): OAuthToken => ({
  id: 'T',
  token: 'tpat_x',
  createdAt: '2026-01-01T00:00:00.000Z',
  expiresAt,
  active,
});

test('presets count from now: 30 days, 90 days, six months, one year, never', t => {
  const now = local(2026, 11, 27, 10);
  t.deepEqual(ymd(expiryForPreset('days30', now)), [2026, 12, 27]);
  t.deepEqual(ymd(expiryForPreset('days90', now)), [2027, 2, 25]);
  t.deepEqual(ymd(expiryForPreset('months6', now)), [2027, 5, 27]);
  t.deepEqual(ymd(expiryForPreset('year1', now)), [2027, 11, 27]);
  t.is(expiryForPreset('never', now), null);
});

test('presets keep the time of day', t => {
  const now = local(2026, 11, 27, 17, 45);
  for (const preset of ['days30', 'days90', 'months6', 'year1'] as const) {
    const date = expiryForPreset(preset, now)!;
    t.deepEqual([date.getHours(), date.getMinutes()], [17, 45], preset);
  }
});

test('month ends: Jan 31 + 30 days = Mar 2 (Mar 1 in a leap year); Aug 31 + six months = Feb 28; Oct 31 + six months = Apr 30', t => {
  t.deepEqual(ymd(expiryForPreset('days30', local(2027, 1, 31))), [2027, 3, 2]);
  t.deepEqual(ymd(expiryForPreset('days30', local(2028, 1, 31))), [2028, 3, 1]);
  t.deepEqual(ymd(expiryForPreset('months6', local(2026, 8, 31))), [2027, 2, 28]);
  t.deepEqual(ymd(expiryForPreset('months6', local(2026, 10, 31))), [2027, 4, 30]);
  t.deepEqual(ymd(expiryForPreset('days90', local(2026, 12, 31))), [2027, 3, 31]);
});

test('leap years: Feb 29 + one year = Feb 28; Aug 31 2027 + six months = Feb 29 2028; 90 days over Feb 29', t => {
  t.deepEqual(ymd(expiryForPreset('year1', local(2028, 2, 29))), [2029, 2, 28]);
  t.deepEqual(ymd(expiryForPreset('months6', local(2027, 8, 31))), [2028, 2, 29]);
  t.deepEqual(ymd(expiryForPreset('days90', local(2028, 1, 1))), [2028, 3, 31]);
  t.deepEqual(ymd(expiryForPreset('days90', local(2027, 1, 1))), [2027, 4, 1]);
});

test('a typed date is valid through the end of that local day', t => {
  const parsed = parseExpiryDate('2027-05-27', local(2026, 11, 27));
  t.true(parsed.ok);
  if (!parsed.ok) return;
  t.deepEqual(ymd(parsed.expiresAt), [2027, 5, 27]);
  t.deepEqual(
    [parsed.expiresAt.getHours(), parsed.expiresAt.getMinutes(), parsed.expiresAt.getSeconds(), parsed.expiresAt.getMilliseconds()],
    [23, 59, 59, 999],
  );
});

test('a typed date: today is allowed, yesterday is in the past', t => {
  const now = local(2026, 11, 27, 23, 30);
  t.true(parseExpiryDate('2026-11-27', now).ok);
  t.deepEqual(parseExpiryDate('2026-11-26', now), {ok: false, message: '2026-11-26 is in the past: choose today or a later date.'});
  t.false(parseExpiryDate('1999-01-01', now).ok);
});

test('a typed date must be a real date in YYYY-MM-DD', t => {
  const now = local(2026, 11, 27);
  const message = (text: string) => {
    const parsed = parseExpiryDate(text, now);
    return parsed.ok ? 'ok' : parsed.message;
  };
  t.is(message('27.05.2027'), 'Type the date as YYYY-MM-DD (year, month, day).');
  t.is(message('2027-5-27'), 'Type the date as YYYY-MM-DD (year, month, day).');
  t.is(message(''), 'Type the date as YYYY-MM-DD (year, month, day).');
  t.is(message('2027-13-01'), 'There is no month 13: use 01 to 12.');
  t.is(message('2027-00-10'), 'There is no month 0: use 01 to 12.');
  t.is(message('2027-04-31'), 'April 2027 has 30 days.');
  t.is(message('2027-02-29'), 'February 2027 has 28 days.');
  t.is(message('2028-02-29'), 'ok');
  t.is(message('2100-02-29'), 'February 2100 has 28 days.');
  t.is(message('2400-02-29'), 'ok');
  t.is(message(' 2027-01-31 '), 'ok');
});

test('calendar days count dates, not 24-hour periods', t => {
  t.is(calendarDaysUntil(local(2026, 11, 28, 0, 1), local(2026, 11, 27, 23, 59)), 1);
  t.is(calendarDaysUntil(local(2026, 11, 27, 23, 59), local(2026, 11, 27, 0, 0)), 0);
  t.is(calendarDaysUntil(local(2027, 1, 1), local(2026, 12, 31)), 1);
  t.is(calendarDaysUntil(local(2028, 3, 1), local(2028, 2, 28)), 2);
  t.is(calendarDaysUntil(local(2026, 11, 26), local(2026, 11, 27)), -1);
  t.deepEqual(ymd(addCalendarDays(local(2026, 12, 31), 1)), [2027, 1, 1]);
});

test('"expires in N days" within 14 calendar days, "expires today", "expired"', t => {
  const now = new Date('2026-11-27T10:00:00.000Z');
  const note = (expiresAt: string | null, active = true) => {
    const found = expiryNote(token(expiresAt, active), now);
    return found ? describeExpiryNote(found) : undefined;
  };
  t.is(note('2026-12-11T09:00:00.000Z'), 'expires in 14 days');
  t.is(note('2026-12-12T00:00:00.000Z'), undefined);
  t.is(note('2026-11-28T00:00:00.000Z'), 'expires in 1 day');
  t.is(note('2026-11-27T23:59:59.999Z'), 'expires today');
  t.is(note('2026-11-27T10:00:00.000Z'), 'expired');
  t.is(note('2026-11-27T10:00:00.001Z'), 'expires today');
  t.is(note('2020-01-01T00:00:00.000Z'), 'expired');
  t.is(note('2020-01-01T00:00:00.000Z', false), 'expired', 'expired whatever its Active flag');
  t.is(note('2026-11-30T00:00:00.000Z', false), undefined, 'an inactive token gives no access: no warning');
  t.is(note(null), undefined);
});

test('the summary marks what needs the admin (no usable token left, or only ones expiring soon), each counted once', t => {
  const now = new Date('2026-11-27T10:00:00.000Z');
  const thirdParty = (id: string, tokens: OAuthToken[]) => ({id, tokens}) as Pick<ThirdParty, 'id' | 'tokens'>;
  const summary = summarizeExpiry(
    [
      thirdParty('fresh', [token('2027-05-27T10:00:00.000Z')]),
      thirdParty('soon', [token('2026-12-01T10:00:00.000Z'), token('2027-05-27T10:00:00.000Z')]),
      thirdParty('both', [token('2026-12-01T10:00:00.000Z'), token('2026-01-01T10:00:00.000Z')]),
      thirdParty('old', [token('2026-01-01T10:00:00.000Z')]),
      thirdParty('renewed', [token('2027-05-27T10:00:00.000Z'), token('2026-01-01T10:00:00.000Z')]),
      thirdParty('none', []),
    ],
    now,
  );
  t.deepEqual(
    [...summary.marks],
    [
      ['both', 'expiring'],
      ['old', 'expired'],
    ],
    'soon and renewed have a usable token that is not expiring: nothing to do',
  );
  t.is(summary.expired, 1);
  t.is(summary.expiring, 1);
});

test('summarizing 50,000 third parties takes well under a frame budget per save', t => {
  const now = new Date('2026-11-27T10:00:00.000Z');
  const thirdParties = Array.from({length: 50_000}, (_, index) => ({
    id: String(index),
    tokens: [token(new Date(now.getTime() + (index % 400) * 86_400_000).toISOString()), token('2027-11-27T10:00:00.000Z')],
  }));
  const start = performance.now();
  const summary = summarizeExpiry(thirdParties, now);
  const elapsed = performance.now() - start;
  t.log(`50,000 third parties, 100,000 tokens: ${elapsed.toFixed(1)} ms`);
  t.is(summary.expired, 0); // every one has a usable token far from expiry beside the varying one
  t.true(elapsed < 1000);
});
