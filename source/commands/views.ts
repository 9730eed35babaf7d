/**
 * Third parties and tokens as `--json` shows them (schemas/cli-output.schema.json) and as the
 * tables read them. Secrets and tokens are shortened unless revealed. New properties may be
 * added without a new `version`; a property is never removed or changed in meaning without one.
 */
import {
  approvalOf,
  authorizationOf,
  awaitingAuthorization,
  calendarDaysUntil,
  expiryMarkOf,
  expiryNote,
  isPreviousSecretValid,
  originOf,
  shortenCredential,
  tokenState,
  type OAuthToken,
  type ThirdParty,
} from '../domain/index.js';

/** The `version` of every `--json` document. */
const OUTPUT_VERSION = 1;

export const envelope = <T extends object>(command: string, body: T) => ({version: OUTPUT_VERSION, command, ...body});

/** A secret or token as printed: in full with --reveal, else shortened as the console shows it. */
export const credential = (value: string, reveal: boolean): string => (reveal ? value : shortenCredential(value));

const tokenView = (token: OAuthToken, now: Date, reveal: boolean) => ({
  id: token.id,
  token: credential(token.token, reveal),
  createdAt: token.createdAt,
  expiresAt: token.expiresAt,
  active: token.active,
  state: tokenState(token, now),
  /** Local calendar days until it expires (negative: expired that many days ago); null: never. */
  expiresInDays: token.expiresAt === null ? null : calendarDaysUntil(new Date(token.expiresAt), now),
  sentAt: token.sentAt ?? null,
  origin: originOf(token),
  ...(token.test ? {test: true} : {}),
});

export interface TokenCounts {
  readonly active: number;
  /** Active and expiring within the window (14 days unless chosen). */
  readonly expiring: number;
  readonly expired: number;
  readonly inactive: number;
}

export const tokenCounts = (thirdParty: ThirdParty, now: Date, withinDays?: number): TokenCounts => {
  let active = 0;
  let expiring = 0;
  let expired = 0;
  let inactive = 0;
  for (const token of thirdParty.tokens) {
    const state = tokenState(token, now);
    if (state === 'expired') expired++;
    else if (state === 'inactive') inactive++;
    else {
      active++;
      if (expiryNote(token, now, withinDays)?.kind === 'expiring') expiring++;
    }
  }
  return {active, expiring, expired, inactive};
};

export const summaryView = (thirdParty: ThirdParty, now: Date) => ({
  id: thirdParty.id,
  name: thirdParty.name,
  clientId: thirdParty.clientId,
  enabled: thirdParty.enabled,
  callbackUrl: thirdParty.callbackUrl,
  authorization: authorizationOf(thirdParty),
  approval: approvalOf(thirdParty),
  awaitingAuthorization: awaitingAuthorization(thirdParty, now),
  tokenCounts: tokenCounts(thirdParty, now),
  /** The list's mark: "expired" (✗), "expiring" (!), or null. */
  expiryMark: expiryMarkOf(thirdParty, now) ?? null,
});

export const thirdPartyView = (thirdParty: ThirdParty, now: Date, reveal: boolean) => {
  const previous = thirdParty.previousClientSecret;
  return {
    ...summaryView(thirdParty, now),
    clientSecret: credential(thirdParty.clientSecret, reveal),
    previousClientSecret:
      previous && isPreviousSecretValid(thirdParty, now)
        ? {secret: credential(previous.secret, reveal), validUntil: previous.validUntil}
        : null,
    /** Whether clientSecret and the tokens are in full (--reveal) or shortened. */
    revealed: reveal,
    tokens: thirdParty.tokens.map(token => tokenView(token, now, reveal)),
    createdAt: thirdParty.createdAt,
    updatedAt: thirdParty.updatedAt,
  };
};

const pad = (value: number): string => String(value).padStart(2, '0');

/** YYYY-MM-DD in local time, as the console shows dates; "never" for null. */
export const localDate = (iso: string | null): string => {
  if (iso === null) return 'never';
  const date = new Date(iso);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
};

/** YYYY-MM-DD HH:MM in local time. */
export const localDateTime = (iso: string): string => {
  const date = new Date(iso);
  return `${localDate(iso)} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
};
