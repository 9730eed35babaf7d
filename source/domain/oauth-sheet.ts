/**
 * Connect's "Copy OAuth Information to Clipboard": what the third party needs, as one plain-text
 * sheet, and the rules for when it may be sent.
 */
import {shortenCredential} from './credentials.js';
import {toDisplayText} from './text.js';
import {isUsable, newestToken} from './tokens.js';
import type {OAuthToken, ThirdParty} from './types.js';

/** Where `tpa serve` listens unless told otherwise; the test command in the sheet points there. */
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

/** The token to send: the newest one that is active and not expired. */
export const newestUsableToken = (thirdParty: Pick<ThirdParty, 'tokens'>, now: Date): OAuthToken | undefined =>
  newestToken(thirdParty.tokens, token => isUsable(token, now));

/** Why the sheet may not be sent now, in the admin's words; undefined when it may. */
export const sendRefusal = (thirdParty: ThirdParty, saved: boolean, now: Date): string | undefined => {
  if (!saved) return 'Save first (Ctrl+S): only saved information is sent.';
  if (!newestUsableToken(thirdParty, now)) return 'No active, unexpired token to send: add one (Ctrl+G).';
  return undefined;
};

/** The command with which the third party tests its access against the server (RFC 7662 introspection). */
export const testAccessCommand = (clientId: string, clientSecret: string, token: string, serverUrl = DEFAULT_SERVER_URL): string =>
  `curl -s -u "${clientId}:${clientSecret}" -d "token=${token}" ${serverUrl}/oauth/introspect`;

/** "2027-05-27 10:00 UTC": the third party may be in another time zone. */
const utcText = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export interface SheetOptions {
  readonly serverUrl?: string;
  /** Secret and token in shortened form, for the screen; the sheet that is sent has them in full. */
  readonly concealed?: boolean;
}

/** A secret as the sheet shows it: in full, or shortened for the screen. */
const shownWith =
  (options: SheetOptions) =>
  (value: string): string =>
    options.concealed ? shortenCredential(value) : value;

/** The lines both sheets begin with: who the third party is and its client credentials. */
const sheetHead = (thirdParty: ThirdParty, show: (value: string) => string): string[] => {
  const name = toDisplayText(thirdParty.name);
  return [
    `OAuth information for ${name}`,
    '',
    `Third Party Name  ${name}`,
    `Client ID         ${thirdParty.clientId}`,
    `Client Secret     ${show(thirdParty.clientSecret)}`,
  ];
};

const SHEET_END = ['', 'Keep these values secret: whoever holds them has your access.'];

/** The sheet, line by line. Name and callback URL are made safe: the sheet goes to a clipboard or a file. */
export const oauthSheetLines = (thirdParty: ThirdParty, token: OAuthToken, options: SheetOptions = {}): string[] => {
  const show = shownWith(options);
  return [
    ...sheetHead(thirdParty, show),
    `OAuth Token       ${show(token.token)}`,
    `Token expires     ${token.expiresAt === null ? 'never' : utcText(token.expiresAt)}`,
    `Callback URL      ${thirdParty.callbackUrl ? toDisplayText(thirdParty.callbackUrl) : 'none (manual authorization)'}`,
    '',
    'Test your access (the answer says "active":true):',
    testAccessCommand(thirdParty.clientId, show(thirdParty.clientSecret), show(token.token), options.serverUrl),
    ...SHEET_END,
  ];
};

export const oauthSheet = (thirdParty: ThirdParty, token: OAuthToken, options: SheetOptions = {}): string =>
  `${oauthSheetLines(thirdParty, token, options).join('\n')}\n`;

/**
 * The sheet for a third party with a callback URL (automatic authorization): no token (its
 * application obtains one itself) but where and how: the discovery URL and the steps of the
 * authorization code flow with PKCE (RFC 6749 §4.1, RFC 7636, RFC 9207), at the public address.
 */
export const automaticSheetLines = (thirdParty: ThirdParty, issuer: string, options: SheetOptions = {}): string[] => {
  const callback = toDisplayText(thirdParty.callbackUrl ?? '');
  return [
    ...sheetHead(thirdParty, shownWith(options)),
    `Callback URL      ${callback}`,
    `Discovery         ${issuer}/.well-known/oauth-authorization-server`,
    '',
    'Your application obtains its OAuth token itself (authorization code, PKCE S256):',
    `1. GET ${issuer}/oauth/authorize: response_type=code, client_id, redirect_uri, state, code_challenge, code_challenge_method=S256.`,
    '2. Once approved: back at the callback URL with code, state and iss (check both).',
    `3. POST ${issuer}/oauth/token: grant_type=authorization_code, code, redirect_uri, code_verifier; HTTP Basic with client ID and secret.`,
    `4. The token does not expire; POST ${issuer}/oauth/revoke gives it back.`,
    ...SHEET_END,
  ];
};

export const automaticSheet = (thirdParty: ThirdParty, issuer: string, options: SheetOptions = {}): string =>
  `${automaticSheetLines(thirdParty, issuer, options).join('\n')}\n`;
