/**
 * Option values in the console's own terms: an expiry is one of the expiry menu's presets or a
 * date (the console's parseExpiryDate, with its messages); a grace period is whole hours
 * (parseGraceHours); a window is whole days.
 */
import {expiryForPreset, parseExpiryDate, parseGraceHours, type ExpiryPreset} from '../domain/index.js';
import {RefusedError, UsageError} from './errors.js';

/** The expiry menu's presets as they are typed on the command line. */
const EXPIRES_VALUES: Readonly<Record<string, ExpiryPreset>> = {
  '30d': 'days30',
  '90d': 'days90',
  '6m': 'months6',
  '1y': 'year1',
  never: 'never',
};

export const EXPIRES_HELP = `${Object.keys(EXPIRES_VALUES).join('|')}|YYYY-MM-DD`;

/** The expiry an --expires value gives a token changed now; null: never. */
export const parseExpires = (text: string, now: Date): Date | null => {
  const typed = text.trim().toLowerCase();
  const preset = EXPIRES_VALUES[typed];
  if (preset) return expiryForPreset(preset, now);
  if (!/^[\d-]+$/.test(typed))
    throw new RefusedError(
      `--expires takes ${Object.keys(EXPIRES_VALUES).join(', ')} or a date as YYYY-MM-DD, not '${text.slice(0, 40)}'.`,
    );
  const parsed = parseExpiryDate(typed, now);
  if (!parsed.ok) throw new RefusedError(parsed.message);
  return parsed.expiresAt;
};

const MAX_WINDOW_DAYS = 3650;

/** "14d" (or "14"): whole calendar days, 0 to 3650. */
export const parseDays = (option: string, text: string): number => {
  const match = /^(\d{1,4})d?$/i.exec(text.trim());
  const days = match ? Number(match[1]) : Number.NaN;
  if (!match || days > MAX_WINDOW_DAYS)
    throw new UsageError(`${option} takes whole days such as 14d (0 to ${MAX_WINDOW_DAYS}), not '${text.slice(0, 40)}'.`);
  return days;
};

/** "24h" or "24": the grace period of a secret rotation, with the console's rules and messages. */
export const parseGrace = (text: string): number => {
  const parsed = parseGraceHours(text.trim().replace(/h$/i, ''));
  if (!parsed.ok) throw new RefusedError(parsed.message);
  return parsed.hours;
};
