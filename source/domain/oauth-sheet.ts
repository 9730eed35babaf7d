/**
 * Connect's "Copy OAuth Information to Clipboard": what the third party needs, as one plain-text
 * sheet, and the rules for when it may be sent. One sheet for every third party: its client
 * credentials, the newest usable token with the command that tests it (when it has one), and for
 * a third party with a callback URL the steps with which its application obtains tokens itself.
 * Every address in it is the public address (public-address.ts).
 */
import {shortenCredential} from './credentials.js';
import {toDisplayText} from './text.js';
import {isUsable, newestToken} from './tokens.js';
import type {OAuthToken, ThirdParty} from './types.js';

/** The token to send: the newest one that is active and not expired. */
export const newestUsableToken = (thirdParty: Pick<ThirdParty, 'tokens'>, now: Date): OAuthToken | undefined =>
  newestToken(thirdParty.tokens, token => isUsable(token, now));

/**
 * Why the sheet may not be sent now, in the admin's words; undefined when it may. A third party
 * without a callback URL needs a usable token; one with a callback URL gets its tokens itself, so
 * its sheet goes without one.
 */
export const sendRefusal = (thirdParty: ThirdParty, saved: boolean, now: Date): string | undefined => {
  if (!saved) return 'Save first (Ctrl+S): only saved information is sent.';
  if (!thirdParty.callbackUrl && !newestUsableToken(thirdParty, now)) return 'No active, unexpired token to send: add one (Ctrl+G).';
  return undefined;
};

/** The command with which the third party tests its access against the server (RFC 7662 introspection). */
export const testAccessCommand = (clientId: string, clientSecret: string, token: string, serverUrl: string): string =>
  `curl -s -u "${clientId}:${clientSecret}" -d "token=${token}" ${serverUrl}/oauth/introspect`;

/** "2027-05-27 10:00 UTC": the third party may be in another time zone. */
const utcText = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export interface SheetOptions {
  /** Secret and token in shortened form, for the screen; the sheet that is sent has them in full. */
  readonly concealed?: boolean;
}

/** The steps of the authorization code flow with PKCE (RFC 6749 §4.1, RFC 7636, RFC 9207), at the public address. */
const flowLines = (address: string): string[] => [
  'Your application obtains its OAuth token itself (authorization code, PKCE S256):',
  `1. GET ${address}/oauth/authorize: response_type=code, client_id, redirect_uri, state, code_challenge, code_challenge_method=S256.`,
  '2. Once approved: back at the callback URL with code, state and iss (check both).',
  `3. POST ${address}/oauth/token: grant_type=authorization_code, code, redirect_uri, code_verifier; HTTP Basic with client ID and secret.`,
  `4. The token does not expire; POST ${address}/oauth/revoke gives it back.`,
];

/**
 * The sheet, line by line. `token`: the newest usable one, if any. `address`: the public address.
 * Name and callback URL are made safe: the sheet goes to a clipboard or a file.
 */
export const oauthSheetLines = (
  thirdParty: ThirdParty,
  token: OAuthToken | undefined,
  address: string,
  options: SheetOptions = {},
): string[] => {
  const show = (value: string): string => (options.concealed ? shortenCredential(value) : value);
  const name = toDisplayText(thirdParty.name);
  // From the data file's settings, which a hand edit can fill with anything.
  const server = toDisplayText(address);
  const callback = thirdParty.callbackUrl ? toDisplayText(thirdParty.callbackUrl) : undefined;
  return [
    `OAuth information for ${name}`,
    '',
    `Third Party Name  ${name}`,
    `Client ID         ${thirdParty.clientId}`,
    `Client Secret     ${show(thirdParty.clientSecret)}`,
    ...(token
      ? [`OAuth Token       ${show(token.token)}`, `Token expires     ${token.expiresAt === null ? 'never' : utcText(token.expiresAt)}`]
      : []),
    `Callback URL      ${callback ?? 'none (manual authorization)'}`,
    ...(callback ? [`Discovery         ${server}/.well-known/oauth-authorization-server`] : []),
    ...(token
      ? [
          '',
          'Test your access (the answer says "active":true):',
          testAccessCommand(thirdParty.clientId, show(thirdParty.clientSecret), show(token.token), server),
        ]
      : []),
    ...(callback ? ['', ...flowLines(server)] : []),
    '',
    'Keep these values secret: whoever holds them has your access.',
  ];
};

export const oauthSheet = (thirdParty: ThirdParty, token: OAuthToken | undefined, address: string, options: SheetOptions = {}): string =>
  `${oauthSheetLines(thirdParty, token, address, options).join('\n')}\n`;
