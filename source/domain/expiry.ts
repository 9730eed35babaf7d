/**
 * A token's expiry as the admin sets and reads it: the presets of the expiry menu, a typed
 * date, and "expires in N days". Days are local calendar days (the admin thinks in the dates
 * on their calendar, not in 24-hour periods), so a DST change never makes a day count jump.
 */
import {addCalendarMonths, tokenState} from './tokens.js';
import type {OAuthToken, ThirdParty} from './types.js';

/** Tokens that expire within this many days are called out ("expires in N days"). */
export const EXPIRING_WITHIN_DAYS = 14;

const DAY_MS = 86_400_000;

export type ExpiryPreset = 'days30' | 'days90' | 'months6' | 'year1' | 'never';

/** The expiry menu, in its order. */
export const EXPIRY_PRESETS: readonly {readonly preset: ExpiryPreset; readonly label: string}[] = [
  {preset: 'days30', label: '30 days'},
  {preset: 'days90', label: '90 days'},
  {preset: 'months6', label: 'six months'},
  {preset: 'year1', label: 'one year'},
  {preset: 'never', label: 'never'},
];

/** The same local time of day `days` calendar days later (across a DST change too). */
export const addCalendarDays = (start: Date, days: number): Date => {
  const target = new Date(start.getTime());
  target.setDate(start.getDate() + days);
  return target;
};

/** The expiry a preset gives a token changed at `now`; null: never expires. */
export const expiryForPreset = (preset: ExpiryPreset, now: Date): Date | null => {
  switch (preset) {
    case 'days30':
      return addCalendarDays(now, 30);
    case 'days90':
      return addCalendarDays(now, 90);
    case 'months6':
      return addCalendarMonths(now, 6);
    case 'year1':
      // Feb 29 + one year = Feb 28, as addCalendarMonths clamps.
      return addCalendarMonths(now, 12);
    case 'never':
      return null;
  }
};

/** A local calendar date as a day number, so that differences are whole days whatever DST does. */
const localDayNumber = (date: Date): number => Math.round(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / DAY_MS);

/** Calendar days from the local date of `now` to the local date of `later` (0: the same day; negative: before). */
export const calendarDaysUntil = (later: Date, now: Date): number => localDayNumber(later) - localDayNumber(now);

const daysInMonth = (year: number, month: number): number => {
  const date = new Date(2000, 0, 1);
  date.setFullYear(year, month, 0); // day 0 of the next month: the last day of this one
  return date.getDate();
};

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export type ParsedExpiryDate = {readonly ok: true; readonly expiresAt: Date} | {readonly ok: false; readonly message: string};

/**
 * A date typed as YYYY-MM-DD. The token stays valid through that whole local day (it expires at
 * its last millisecond), so today is allowed; a day before today is refused.
 */
export const parseExpiryDate = (text: string, now: Date): ParsedExpiryDate => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return {ok: false, message: 'Type the date as YYYY-MM-DD (year, month, day).'};
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) return {ok: false, message: `There is no month ${month}: use 01 to 12.`};
  const lastDay = daysInMonth(year, month);
  if (day < 1 || day > lastDay) return {ok: false, message: `${MONTH_NAMES[month - 1]} ${year} has ${lastDay} days.`};
  // setFullYear, because the Date constructor reads years 0–99 as 1900–1999.
  const expiresAt = new Date(2000, 0, 1, 23, 59, 59, 999);
  expiresAt.setFullYear(year, month - 1, day);
  if (calendarDaysUntil(expiresAt, now) < 0) return {ok: false, message: `${text.trim()} is in the past: choose today or a later date.`};
  return {ok: true, expiresAt};
};

export type ExpiryNote = {readonly kind: 'expired'} | {readonly kind: 'expiring'; readonly days: number};

/**
 * What to call out about a token's expiry: "expired" (whatever its Active flag, as tokenState
 * says), or "expires in N days" for an active token within EXPIRING_WITHIN_DAYS calendar days.
 * An inactive token gives no access, so its coming expiry is no news.
 */
export const expiryNote = (token: OAuthToken, now: Date): ExpiryNote | undefined => {
  // A token of automatic authorization does not expire (Connect's help), whatever a hand edit put in expiresAt.
  if (token.expiresAt === null || token.origin === 'automatic') return undefined;
  const expiresAt = Date.parse(token.expiresAt);
  // Far from expiry: decided without any calendar arithmetic (this runs over every token on load).
  if (expiresAt - now.getTime() > (EXPIRING_WITHIN_DAYS + 2) * DAY_MS) return undefined;
  const state = tokenState(token, now);
  if (state === 'expired') return {kind: 'expired'};
  if (state !== 'active') return undefined;
  const days = calendarDaysUntil(new Date(expiresAt), now);
  return days <= EXPIRING_WITHIN_DAYS ? {kind: 'expiring', days} : undefined;
};

/** "today", "in 1 day", "in 9 days": short enough for the grid's Expires column. */
export const expiresInText = (days: number): string => (days <= 0 ? 'today' : days === 1 ? 'in 1 day' : `in ${days} days`);

/** "expired", "expires today", "expires in 9 days". */
export const describeExpiryNote = (note: ExpiryNote): string =>
  note.kind === 'expired' ? 'expired' : `expires ${expiresInText(note.days)}`;

export type ExpiryMark = 'expired' | 'expiring';

/** The worst of a third party's tokens: expired before expiring. */
export const expiryMarkOf = (thirdParty: Pick<ThirdParty, 'tokens'>, now: Date): ExpiryMark | undefined => {
  let mark: ExpiryMark | undefined;
  for (const token of thirdParty.tokens) {
    const note = expiryNote(token, now);
    if (note?.kind === 'expired') return 'expired';
    if (note) mark = 'expiring';
  }
  return mark;
};

export interface ExpirySummary {
  /** By third party id; third parties without expiring or expired tokens are absent. */
  readonly marks: ReadonlyMap<string, ExpiryMark>;
  /** Third parties with at least one expired token. */
  readonly expired: number;
  /** Third parties with a token expiring soon and none expired. */
  readonly expiring: number;
}

/** Derived once per load or save (not per keystroke): one pass over every token. */
export const summarizeExpiry = (thirdParties: Iterable<Pick<ThirdParty, 'id' | 'tokens'>>, now: Date): ExpirySummary => {
  const marks = new Map<string, ExpiryMark>();
  let expired = 0;
  let expiring = 0;
  for (const thirdParty of thirdParties) {
    const mark = expiryMarkOf(thirdParty, now);
    if (!mark) continue;
    marks.set(thirdParty.id, mark);
    if (mark === 'expired') expired++;
    else expiring++;
  }
  return {marks, expired, expiring};
};

/** How long a third party's mark is reused: marks change with the day, or at an expiry instant. */
const MARK_REUSE_MS = 60_000;

/**
 * summarizeExpiry for a console: the mark of a record already seen (records are immutable, so
 * the object is the key) is reused for a minute, so after a save only the saved record is
 * looked at again instead of every token of every third party.
 */
export const createExpirySummarizer = () => {
  const cache = new WeakMap<object, {readonly mark: ExpiryMark | undefined; readonly at: number}>();
  return (thirdParties: Iterable<Pick<ThirdParty, 'id' | 'tokens'>>, now: Date): ExpirySummary => {
    const time = now.getTime();
    const marks = new Map<string, ExpiryMark>();
    let expired = 0;
    let expiring = 0;
    for (const thirdParty of thirdParties) {
      let cached = cache.get(thirdParty);
      if (!cached || time - cached.at > MARK_REUSE_MS || time < cached.at) {
        cached = {mark: expiryMarkOf(thirdParty, now), at: time};
        cache.set(thirdParty, cached);
      }
      if (!cached.mark) continue;
      marks.set(thirdParty.id, cached.mark);
      if (cached.mark === 'expired') expired++;
      else expiring++;
    }
    return {marks, expired, expiring};
  };
};
