/**
 * Every Location the authorization endpoint sends is written here (a code, an error, a denial, a
 * timeout), and only to a redirect_uri that the one decision (matchesCallbackUrl, callback-url.ts)
 * allows for the third party as it is saved now: whatever path led here, a URI that is not its
 * callback URL gets the error page (RFC 6749 §4.1.2.1), never a redirect.
 */
import type {ServerResponse} from 'node:http';
import {matchesCallbackUrl, type ThirdParty} from '../../domain/index.js';
import type {AccessResult} from '../access-log.js';
import {errorPage, sendHtml} from './pages.js';

/** What the access log records of an answer of the authorization endpoint (the status is the response's). */
export interface AuthorizeAnswer {
  readonly result: AccessResult;
  readonly clientId: string | null;
}

export const NOT_REGISTERED = 'The redirect_uri is not the callback URL registered for this client.';

/** The error page: for what cannot be sent back to the application (RFC 6749 §4.1.2.1). */
export const refuseWithPage = (
  res: ServerResponse,
  status: number,
  error: string,
  description: string,
  clientId: string | null,
): AuthorizeAnswer => {
  sendHtml(res, status, errorPage(error, description));
  return {result: 'invalid_request', clientId};
};

/**
 * The parameters appended to the callback URL's own query, which is kept as it is (RFC 6749
 * §3.1.2): the URI is not parsed and written again, so what is redirected to is exactly the URI
 * the decision allowed.
 */
const locationOf = (redirectUri: string, parameters: Readonly<Record<string, string | null>>): string => {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) if (value !== null) query.set(name, value);
  const separator = !redirectUri.includes('?') ? '?' : redirectUri.endsWith('?') || redirectUri.endsWith('&') ? '' : '&';
  return `${redirectUri}${separator}${query}`;
};

/** 302 to the third party's callback URL with `parameters` (code or error, state, iss), or the error page when it is not its callback URL. */
export const redirectToCallback = (
  res: ServerResponse,
  thirdParty: ThirdParty | undefined,
  redirectUri: string,
  parameters: Readonly<Record<string, string | null>>,
  result: AccessResult,
): AuthorizeAnswer => {
  const clientId = thirdParty?.clientId ?? null;
  if (!thirdParty || !matchesCallbackUrl(thirdParty.callbackUrl, redirectUri))
    return refuseWithPage(res, 400, 'invalid_request', NOT_REGISTERED, clientId);
  res.writeHead(302, {
    Location: locationOf(redirectUri, parameters),
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    'Content-Length': 0,
    'Referrer-Policy': 'no-referrer',
  });
  res.end();
  return {result, clientId};
};
