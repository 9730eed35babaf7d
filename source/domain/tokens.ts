/** OAuth tokens: their lifetime and state (ARCHITECTURE.md, Data). */
import {generateCredential, generateId, TOKEN_PREFIX} from './credentials.js';
import type {Environment, OAuthToken} from './types.js';

/** Connect's default: a token expires six months after it is created. */
export const DEFAULT_TOKEN_MONTHS = 6;

/**
 * The same local time of day `months` calendar months later; a day the target month lacks is
 * clamped to its last day (Aug 31 + 6 months = Feb 28, or Feb 29 in a leap year). Local, because
 * the admin reads and thinks in local dates.
 */
export const addCalendarMonths = (start: Date, months: number): Date => {
  const target = new Date(start.getTime());
  target.setDate(1);
  target.setMonth(start.getMonth() + months);
  const lastDay = new Date(target.getFullYear(), target.getMonth() + 1, 0).getDate();
  target.setDate(Math.min(start.getDate(), lastDay));
  return target;
};

export const createToken = (env: Environment, months = DEFAULT_TOKEN_MONTHS): OAuthToken => {
  const now = env.now();
  return {
    id: generateId(env),
    token: generateCredential(TOKEN_PREFIX, env),
    createdAt: now.toISOString(),
    expiresAt: addCalendarMonths(now, months).toISOString(),
    active: true,
  };
};

export type TokenState = 'active' | 'inactive' | 'expired';

/** Expired wins over the flag: an expired token is refused whatever its Active box says. */
const expiries = new WeakMap<OAuthToken, number>();

/**
 * When the token expires, ms since the epoch: parsed once per token object (tokens are replaced,
 * never changed), since the server asks on every request it answers (Date.parse was ~0.2 µs of
 * an introspection; a profile of `tpa serve`).
 */
const expiryOf = (expiresAt: string, token: OAuthToken): number => {
  let time = expiries.get(token);
  if (time === undefined) {
    time = Date.parse(expiresAt);
    expiries.set(token, time);
  }
  return time;
};

export const tokenState = (token: OAuthToken, now: Date): TokenState => {
  if (token.expiresAt !== null && expiryOf(token.expiresAt, token) <= now.getTime()) return 'expired';
  return token.active ? 'active' : 'inactive';
};

export const isUsable = (token: OAuthToken, now: Date): boolean => tokenState(token, now) === 'active';

/** The most recently created of the tokens `which` accepts (the first of those created at the same time); undefined when none is. */
export const newestToken = (tokens: readonly OAuthToken[], which: (token: OAuthToken) => boolean = () => true): OAuthToken | undefined => {
  let newest: OAuthToken | undefined;
  for (const token of tokens) {
    if (which(token) && (!newest || Date.parse(token.createdAt) > Date.parse(newest.createdAt))) newest = token;
  }
  return newest;
};
