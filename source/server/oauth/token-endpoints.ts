/**
 * POST /oauth/token (RFC 6749 §4.1.3, answers per §5.1/§5.2) and POST /oauth/revoke (RFC 7009).
 * The client authenticates as for introspection (client-auth.ts: Basic or in the body); the
 * authorization code grant itself (single use, expiry, client, redirect_uri, PKCE verifier) is
 * the library's. Every answer carries Cache-Control: no-store and Pragma: no-cache.
 */
import OAuth2Server from '@node-oauth/oauth2-server';
import {findIssuedToken} from '../../domain/index.js';
import type {FormClient} from '../client-auth.js';
import type {LoadedData} from '../data-watcher.js';
import type {Outcome} from '../outcome.js';
import {errorReply, json, type Reply} from '../respond.js';
import type {GroupCommit} from './group-commit.js';
import {AUTHENTICATED} from './oauth-model.js';
import {DATA_UNAVAILABLE, dataUnavailable} from '../unavailable.js';

const FORM = 'application/x-www-form-urlencoded';
const NO_CACHE = {'Cache-Control': 'no-store', Pragma: 'no-cache'};

export interface TokenContext {
  readonly data: () => LoadedData;
  /** Takes in what other writers saved up to now (data-watcher.ts): a token another server issued a moment ago. */
  readonly catchUp?: () => Promise<void>;
  readonly library: OAuth2Server;
  readonly writes: GroupCommit;
  readonly now: () => Date;
  readonly log: (message: string) => void;
}

const failure = (status: number, error: string, description: string, extra: Partial<Outcome> = {}): Outcome => ({
  reply: errorReply(status, error, description, NO_CACHE),
  result: 'invalid_request',
  ...extra,
});

type ClientRequest = Extract<FormClient, {kind: 'client'}>;

/** The client authenticated first (client-auth.ts formClientOf, RFC 6749 §2.3.1), then the endpoint: one preamble for token and revoke. */
const withClient =
  (endpoint: (client: ClientRequest, body: string, context: TokenContext) => Promise<Outcome>) =>
  (found: FormClient, body: string, context: TokenContext): Promise<Outcome> =>
    found.kind === 'refused' ? Promise.resolve(found.refusal(NO_CACHE)) : endpoint(found, body, context);

export const tokenEndpoint = withClient(async ({thirdParty, form}, body, context): Promise<Outcome> => {
  const clientId = thirdParty.clientId;
  // The library knows more grants (password, client_credentials, refresh_token); this server offers the code grant only.
  const grantType = form.get('grant_type');
  if (grantType === null) return failure(400, 'invalid_request', 'The parameter grant_type is missing.', {clientId});
  if (grantType !== 'authorization_code')
    return failure(400, 'unsupported_grant_type', 'Only grant_type=authorization_code is supported.', {clientId});
  // The library authenticates clients itself (without the form-decoding of Basic that OAuth requires): it is handed the client already authenticated.
  const fields = Object.fromEntries(form);
  const request = new OAuth2Server.Request({
    method: 'POST',
    query: {},
    headers: {'content-type': FORM, 'content-length': String(Buffer.byteLength(body))},
    body: {...fields, client_id: clientId, client_secret: AUTHENTICATED},
  });
  const response = new OAuth2Server.Response();
  try {
    await context.library.token(request, response, {requireClientAuthentication: {authorization_code: true}});
  } catch (error) {
    if (!(error instanceof OAuth2Server.OAuthError)) throw error;
    let name = error.name;
    // RFC 6749 §5.2: a redirect_uri that is not the authorization request's makes the grant invalid (the library says invalid_request).
    if (name === 'invalid_request' && /redirect_uri/.test(error.message) && form.has('redirect_uri')) name = 'invalid_grant';
    // The client is authenticated already: whatever the library says is a 400 (no Basic challenge), or a server error.
    const status = error.code >= 500 ? error.code : 400;
    // The database away (the library wrapped its error): the client may try again shortly.
    if (dataUnavailable(error)) return {...DATA_UNAVAILABLE, clientId};
    // A server error's message may name the data file: it goes to the server log, not to the client.
    if (status >= 500) {
      context.log(`token endpoint: ${error.message}`);
      return {
        ...failure(500, 'server_error', 'The token could not be saved; try again.'),
        clientId,
        result: 'invalid_request',
      };
    }
    return {...failure(status, name, error.message), clientId, result: 'denied'};
  }
  const reply: Reply = json(200, response.body, NO_CACHE);
  return {reply, result: 'granted', clientId};
});

/** RFC 7009: the client gives its token back; its Active is cleared and the history says so. */
export const revokeEndpoint = withClient(async ({thirdParty, form}, _body, context): Promise<Outcome> => {
  const token = form.get('token');
  if (token === null || token === '')
    return failure(400, 'invalid_request', 'The parameter token is missing.', {clientId: thirdParty.clientId});
  // Unknown here: maybe issued a moment ago by another server on the same database, not yet heard of.
  const issued = findIssuedToken(context.data().index, token) ?? (await context.catchUp?.(), findIssuedToken(context.data().index, token));
  // A token unknown, or another client's, is answered as revoked: nothing to tell about it (RFC 7009 §2.2).
  if (issued && issued.thirdParty.id === thirdParty.id && issued.token.active) {
    await context.writes.submit({kind: 'revoke', thirdPartyId: thirdParty.id, tokenId: issued.token.id, why: 'revoked by the third party'});
  }
  return {
    reply: {status: 200, body: '', headers: NO_CACHE},
    result: 'granted',
    clientId: thirdParty.clientId,
    tokenId: issued?.thirdParty.id === thirdParty.id ? issued.token.id : null,
  };
});
