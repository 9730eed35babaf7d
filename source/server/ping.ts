/**
 * GET /v1/ping with `Authorization: Bearer <token>` (RFC 6750): the simplest protected
 * resource, so that a third party can see its token work. Errors as RFC 6750 §3 says.
 */
import {checkBearerToken} from '../domain/index.js';
import {bearerOf} from './bearer.js';
import type {LoadedData} from './data-watcher.js';
import {clientKey} from './failure-throttle.js';
import type {Outcome} from './outcome.js';
import {errorReply, json} from './respond.js';

const REALM = 'Bearer realm="tpa"';

const NO_TOKEN: Outcome = {
  // No error code when the request has no token at all (RFC 6750 §3.1).
  reply: json(401, {message: 'Send the OAuth token: Authorization: Bearer <token>'}, {'WWW-Authenticate': REALM}),
  result: 'no_token',
  // Counted against the address: otherwise pings without a token would be free probes.
  failure: true,
};

const INVALID_TOKEN_DESCRIPTION = 'The OAuth token is unknown, not active, expired, or its third party is not enabled.';
const INVALID_TOKEN = errorReply(401, 'invalid_token', INVALID_TOKEN_DESCRIPTION, {
  'WWW-Authenticate': `${REALM}, error="invalid_token", error_description="${INVALID_TOKEN_DESCRIPTION}"`,
});

export const ping = (authorization: string | undefined, data: LoadedData, now: Date): Outcome => {
  const header = bearerOf(authorization);
  if (header.kind === 'none') return NO_TOKEN;
  if (header.kind === 'malformed') {
    return {
      reply: errorReply(400, 'invalid_request', header.message, {'WWW-Authenticate': `${REALM}, error="invalid_request"`}),
      result: 'invalid_request',
      failure: false,
    };
  }
  const verdict = checkBearerToken(header.token, data.index, now);
  const clientId = verdict.issued?.thirdParty.clientId ?? null;
  const tokenId = verdict.issued?.token.id ?? null;
  // A known token counts against its client; an unknown one against the address.
  const throttleKey = clientId === null ? undefined : clientKey('token', clientId);
  if (!verdict.valid)
    return {reply: INVALID_TOKEN, result: 'denied', clientId, tokenId, failure: true, ...(throttleKey ? {throttleKey} : {})};
  const {thirdParty, token} = verdict.issued;
  return {
    reply: json(200, {
      message: 'Access granted',
      third_party: thirdParty.name,
      client_id: thirdParty.clientId,
      token_expires_at: token.expiresAt,
    }),
    result: 'granted',
    clientId,
    tokenId,
    failure: false,
    ...(throttleKey ? {throttleKey} : {}),
  };
};
