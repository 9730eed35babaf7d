/**
 * GET /v1/ping with `Authorization: Bearer <token>` (RFC 6750): the simplest protected
 * resource, so that a third party can see its token work. Errors as RFC 6750 §3 says.
 */
import {checkBearerToken, type BearerVerdict} from '../domain/index.js';
import {bearerOf} from './bearer.js';
import type {LoadedData} from './data-watcher.js';
import type {Authentication} from './failure-throttle.js';
import type {Outcome} from './outcome.js';
import {errorReply, json} from './respond.js';

const REALM = 'Bearer realm="tpa"';

const NO_TOKEN: Outcome = {
  // No error code when the request has no token at all (RFC 6750 §3.1).
  reply: json(401, {message: 'Send the OAuth token: Authorization: Bearer <token>'}, {'WWW-Authenticate': REALM}),
  result: 'no_token',
};

const INVALID_TOKEN_DESCRIPTION = 'The OAuth token is unknown, not active, expired, or its third party is not enabled.';
const INVALID_TOKEN = errorReply(401, 'invalid_token', INVALID_TOKEN_DESCRIPTION, {
  'WWW-Authenticate': `${REALM}, error="invalid_token", error_description="${INVALID_TOKEN_DESCRIPTION}"`,
});

/** What the Authorization header presents, read before the throttle decides (route.ts `prepare`). */
export type PresentedBearer =
  | {readonly kind: 'none'; readonly authentication: Authentication}
  | {readonly kind: 'malformed'; readonly message: string; readonly authentication: Authentication}
  | {readonly kind: 'token'; readonly verdict: BearerVerdict; readonly authentication: Authentication};

export const readBearer = (authorization: string | undefined, data: LoadedData, now: Date): PresentedBearer => {
  const header = bearerOf(authorization);
  // No token at all counts as a failure against the address: otherwise pings without a token would be free probes.
  if (header.kind === 'none') return {kind: 'none', authentication: {kind: 'failed', clientId: null}};
  if (header.kind === 'malformed') return {kind: 'malformed', message: header.message, authentication: {kind: 'none'}};
  const verdict = checkBearerToken(header.token, data.index, now);
  // A known token counts against its client; an unknown one against the address alone.
  const clientId = verdict.issued?.thirdParty.clientId ?? null;
  const authentication: Authentication =
    verdict.valid && clientId !== null ? {kind: 'authenticated', clientId} : {kind: 'failed', clientId};
  return {kind: 'token', verdict, authentication};
};

export const ping = (presented: PresentedBearer): Outcome => {
  if (presented.kind === 'none') return NO_TOKEN;
  if (presented.kind === 'malformed')
    return {
      reply: errorReply(400, 'invalid_request', presented.message, {'WWW-Authenticate': `${REALM}, error="invalid_request"`}),
      result: 'invalid_request',
    };
  const {verdict} = presented;
  const clientId = verdict.issued?.thirdParty.clientId ?? null;
  const tokenId = verdict.issued?.token.id ?? null;
  if (!verdict.valid) return {reply: INVALID_TOKEN, result: 'denied', clientId, tokenId};
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
  };
};
