/** Run in a child process with TZ set (expiry-zones.test.ts): the date rules as that zone's admin sees them. */
import {calendarDaysUntil, expiryForPreset, parseExpiryDate} from '../../source/domain/index.js';

const now = new Date(process.argv[2]!);
const typed = parseExpiryDate(process.argv[3]!, now);
const days30 = expiryForPreset('days30', now)!;
const localParts = (date: Date) => [date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes()];
process.stdout.write(
  JSON.stringify({
    typed: typed.ok ? typed.expiresAt.toISOString() : typed.message,
    typedDays: typed.ok ? calendarDaysUntil(typed.expiresAt, now) : null,
    days30: days30.toISOString(),
    days30Local: localParts(days30),
    nowLocal: localParts(now),
  }),
);
