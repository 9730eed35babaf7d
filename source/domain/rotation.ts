/**
 * Rotating a third party's client secret: a new one is generated, and the previous one keeps
 * working for a grace period so that the third party can switch without an outage.
 */
import {generateCredential, SECRET_PREFIX} from './credentials.js';
import {timingSafeEqual} from 'node:crypto';
import {sha256, storedDigest} from './secrets.js';
import type {Environment, ThirdParty} from './types.js';

export const DEFAULT_GRACE_HOURS = 24;
/** A longer grace period would keep a possibly leaked secret alive for too long. */
export const MAX_GRACE_HOURS = 720;

const HOUR_MS = 3_600_000;

export type ParsedGraceHours = {readonly ok: true; readonly hours: number} | {readonly ok: false; readonly message: string};

/** Whole hours, 0 (the previous secret stops at once) to MAX_GRACE_HOURS. */
export const parseGraceHours = (text: string): ParsedGraceHours => {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed))
    return {ok: false, message: `Type the grace period in whole hours, 0 to ${MAX_GRACE_HOURS} (0 stops the previous secret at once).`};
  const hours = Number(trimmed);
  if (hours > MAX_GRACE_HOURS) return {ok: false, message: `The grace period can be at most ${MAX_GRACE_HOURS} hours (30 days).`};
  return {ok: true, hours};
};

/**
 * A new client secret. With a grace period the current one becomes the previous secret, valid
 * for `graceHours` from now (real hours); a previous secret from an earlier rotation is dropped.
 * With 0 hours, or on a record never saved (nobody can hold its secret yet), it stops at once.
 */
export const rotateClientSecret = (thirdParty: ThirdParty, env: Environment, graceHours: number, neverSaved = false): ThirdParty => {
  const now = env.now();
  const keepPrevious = graceHours > 0 && !neverSaved;
  return {
    ...thirdParty,
    clientSecret: generateCredential(SECRET_PREFIX, env),
    previousClientSecret: keepPrevious
      ? {secret: thirdParty.clientSecret, validUntil: new Date(now.getTime() + graceHours * HOUR_MS).toISOString()}
      : null,
  };
};

/** True while the previous secret is inside its grace period. */
export const isPreviousSecretValid = (thirdParty: Pick<ThirdParty, 'previousClientSecret'>, now: Date): boolean => {
  const previous = thirdParty.previousClientSecret;
  return previous != null && Date.parse(previous.validUntil) > now.getTime();
};

/**
 * Which saved client secret a presented one is, if it is accepted now: the current one, or the
 * previous one inside its grace period. The presented secret is hashed once and compared with
 * both, always, in constant time, so the time taken tells nothing about which secret matched or
 * whether there is a previous one.
 */
export const matchClientSecret = (
  thirdParty: Pick<ThirdParty, 'clientSecret' | 'previousClientSecret'>,
  presented: string,
  now: Date,
): 'current' | 'previous' | undefined => {
  const previous = thirdParty.previousClientSecret;
  const digest = sha256(presented);
  const matchesCurrent = timingSafeEqual(digest, storedDigest(thirdParty, thirdParty.clientSecret));
  const matchesPrevious = timingSafeEqual(digest, storedDigest(thirdParty, previous?.secret ?? thirdParty.clientSecret));
  if (matchesCurrent) return 'current';
  return matchesPrevious && isPreviousSecretValid(thirdParty, now) ? 'previous' : undefined;
};

/** Whether a presented client secret is accepted now (the access check, server and console, asks matchClientSecret). */
export const clientSecretMatches = (
  thirdParty: Pick<ThirdParty, 'clientSecret' | 'previousClientSecret'>,
  presented: string,
  now: Date,
): boolean => matchClientSecret(thirdParty, presented, now) !== undefined;

/** The record as saved: a previous secret whose grace period is over is not kept in the file. */
export const withoutStoppedSecret = (thirdParty: ThirdParty, now: Date): ThirdParty =>
  thirdParty.previousClientSecret && !isPreviousSecretValid(thirdParty, now) ? {...thirdParty, previousClientSecret: null} : thirdParty;
