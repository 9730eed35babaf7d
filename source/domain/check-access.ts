/**
 * The one access check, as the server runs it and as the console's test panel shows it: what a
 * third party holds, against the saved data, at a time. Each check says why it passed or failed,
 * in the admin's words; the first failure names the troubleshooting step of the Connect help.
 */
import {accessIndexOf, findIssuedToken, type AccessIndex, type IssuedToken} from './access-index.js';
import {callbackUrlMatch, readCallbackUrl} from './callback-url.js';
import {matchClientSecret} from './rotation.js';
import {newestUsableToken} from './oauth-sheet.js';
import {newestToken} from './tokens.js';
import type {OAuthToken, ThirdParty} from './types.js';

export interface PresentedCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly token: string;
  /** Checked only when given (not empty). */
  readonly callbackUrl?: string;
}

export type AccessCheckId = 'clientId' | 'clientSecret' | 'enabled' | 'tokenIssued' | 'tokenActive' | 'tokenNotExpired' | 'callbackUrl';

export interface AccessCheck {
  readonly id: AccessCheckId;
  readonly label: string;
  readonly passed: boolean;
  /** Not passed because an earlier check failed and this one could not be made. */
  readonly skipped: boolean;
  readonly reason: string;
}

export interface AccessVerdict {
  readonly granted: boolean;
  /** In the order of the Connect procedure's troubleshooting. */
  readonly checks: readonly AccessCheck[];
  /** What to look at, from the first failed check; absent when access is granted. */
  readonly troubleshooting?: string;
  /** The third party the client ID names, when it names one. */
  readonly thirdParty?: ThirdParty;
  /** The token presented, when it is known, whoever it was issued to. */
  readonly issued?: IssuedToken;
}

export const CHECK_LABELS: Record<AccessCheckId, string> = {
  clientId: 'Client ID known',
  clientSecret: 'Client secret matches',
  enabled: 'Third party Enabled',
  tokenIssued: 'Token issued to this client',
  tokenActive: 'Token Active',
  tokenNotExpired: 'Token not expired',
  callbackUrl: 'Callback URL matches',
};

const RIGHT_INFORMATION = 'Right OAuth information? The third party must use the client ID, secret and token you sent; send them again.';

export const TROUBLESHOOTING: Record<AccessCheckId, string> = {
  clientId: RIGHT_INFORMATION,
  clientSecret: RIGHT_INFORMATION,
  enabled: 'Enabled selected? Select Enabled for this third party and save.',
  tokenIssued: RIGHT_INFORMATION,
  tokenActive: 'Active selected? Select Active for this token and save, or add a new OAuth token.',
  tokenNotExpired: 'The OAuth token has expired: add a new one, save, and send the OAuth information again.',
  callbackUrl: 'Right callback URL? It must be exactly the one saved here: ask the third party for theirs and save it.',
};

const passed = (id: AccessCheckId, reason: string): AccessCheck => ({id, label: CHECK_LABELS[id], passed: true, skipped: false, reason});
const failed = (id: AccessCheckId, reason: string): AccessCheck => ({id, label: CHECK_LABELS[id], passed: false, skipped: false, reason});
const skipped = (id: AccessCheckId, reason: string): AccessCheck => ({id, label: CHECK_LABELS[id], passed: false, skipped: true, reason});

const pad = (value: number): string => String(value).padStart(2, '0');
/** YYYY-MM-DD in local time; by hand, because Intl's toLocaleDateString is slow on the server's hot path. */
const localDate = (iso: string): string => {
  const date = new Date(iso);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
};
const localTime = (iso: string): string => {
  const date = new Date(iso);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

const UNKNOWN_CLIENT = 'Not checked: the client ID is unknown.';
const UNKNOWN_TOKEN = 'Not checked: the OAuth token is unknown.';

/** The verdict on what a third party presents; `data` is the saved third parties or their index. */
export const checkAccess = (presented: PresentedCredentials, data: AccessIndex | readonly ThirdParty[], now: Date): AccessVerdict => {
  const index = Array.isArray(data) ? accessIndexOf(data as readonly ThirdParty[]) : (data as AccessIndex);
  const thirdParty = index.byClientId.get(presented.clientId);
  const issued = findIssuedToken(index, presented.token);
  const checks: AccessCheck[] = [];

  if (thirdParty) checks.push(passed('clientId', `Belongs to ${thirdParty.name}.`));
  else checks.push(failed('clientId', presented.clientId === '' ? 'No client ID was given.' : 'No third party has this client ID.'));

  if (!thirdParty) checks.push(skipped('clientSecret', UNKNOWN_CLIENT));
  else if (presented.clientSecret === '') checks.push(failed('clientSecret', 'No client secret was given.'));
  else {
    const match = matchClientSecret(thirdParty, presented.clientSecret, now);
    const until = thirdParty.previousClientSecret?.validUntil;
    if (!match) checks.push(failed('clientSecret', 'Does not match the saved one.'));
    else
      checks.push(
        passed(
          'clientSecret',
          match === 'current' || !until
            ? 'Matches the saved one.'
            : `The previous one, accepted until ${localDate(until)} ${localTime(until)}.`,
        ),
      );
  }

  if (!thirdParty) checks.push(skipped('enabled', UNKNOWN_CLIENT));
  else if (thirdParty.enabled) checks.push(passed('enabled', 'Enabled is selected.'));
  else checks.push(failed('enabled', 'Enabled is not selected.'));

  if (!issued)
    checks.push(failed('tokenIssued', presented.token === '' ? 'No OAuth token was given.' : 'No third party has this OAuth token.'));
  else if (!thirdParty) checks.push(skipped('tokenIssued', UNKNOWN_CLIENT));
  else if (issued.thirdParty.id === thirdParty.id) checks.push(passed('tokenIssued', `Issued ${localDate(issued.token.createdAt)}.`));
  else checks.push(failed('tokenIssued', `It was issued to another third party (${issued.thirdParty.name}).`));

  if (!issued) checks.push(skipped('tokenActive', UNKNOWN_TOKEN));
  else if (issued.token.active) checks.push(passed('tokenActive', 'Active is selected.'));
  else checks.push(failed('tokenActive', 'Active is cleared for this token.'));

  const expiresAt = issued?.token.expiresAt;
  if (!issued) checks.push(skipped('tokenNotExpired', UNKNOWN_TOKEN));
  else if (expiresAt === null || expiresAt === undefined) checks.push(passed('tokenNotExpired', 'It never expires.'));
  else if (Date.parse(expiresAt) > now.getTime()) checks.push(passed('tokenNotExpired', `It expires ${localDate(expiresAt)}.`));
  else checks.push(failed('tokenNotExpired', `It expired ${localDate(expiresAt)}.`));

  const callbackUrl = presented.callbackUrl ?? '';
  if (callbackUrl !== '') {
    if (!thirdParty) checks.push(skipped('callbackUrl', UNKNOWN_CLIENT));
    else if (thirdParty.callbackUrl === null) checks.push(failed('callbackUrl', 'None is saved (manual authorization).'));
    else {
      const match = callbackUrlMatch(thirdParty.callbackUrl, callbackUrl);
      if (match === 'exact') checks.push(passed('callbackUrl', 'Exactly the saved one.'));
      else if (match === 'loopback') checks.push(passed('callbackUrl', 'The saved loopback URL; any port is allowed.'));
      else if (!readCallbackUrl(callbackUrl).ok)
        checks.push(failed('callbackUrl', `It is not a valid callback URL; the saved one is ${thirdParty.callbackUrl}`));
      else checks.push(failed('callbackUrl', `The saved one is ${thirdParty.callbackUrl}`));
    }
  }

  const firstFailure = checks.find(check => !check.passed);
  return {
    granted: firstFailure === undefined,
    checks,
    ...(firstFailure ? {troubleshooting: TROUBLESHOOTING[firstFailure.id]} : {}),
    ...(thirdParty ? {thirdParty} : {}),
    ...(issued ? {issued} : {}),
  };
};

/** The token a third party would test with: the newest usable one, else the newest (to show why it fails). Ctrl+T and `tpa test` both use it. */
export const tokenToTest = (thirdParty: ThirdParty, now: Date): OAuthToken | undefined =>
  newestUsableToken(thirdParty, now) ?? newestToken(thirdParty.tokens);
