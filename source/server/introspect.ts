/**
 * POST /oauth/introspect (RFC 7662): an authenticated client asks whether a token is active.
 * The answer is the shared access check without a callback URL; a client that fails to
 * authenticate gets 401 invalid_client (RFC 6749 §5.2), an inactive token just {"active":false}.
 */
import {checkAccess} from '../domain/index.js';
import {clientAuthOf, invalidClientReply, methodOf, type ClientAuthMethod} from './client-auth.js';
import type {LoadedData} from './data-watcher.js';
import {clientKey} from './failure-throttle.js';
import type {Outcome} from './outcome.js';
import {errorReply, json} from './respond.js';

const FORM = 'application/x-www-form-urlencoded';
const INACTIVE = json(200, {active: false});

/** A malformed request guesses nothing: not counted by the throttle. */
const invalidRequest = (description: string): Outcome => ({
  reply: errorReply(400, 'invalid_request', description),
  result: 'invalid_request',
  failure: false,
});

/** Counted against the known client whose secret was wrong, else against the address. */
const invalidClient = (method: ClientAuthMethod, description: string, clientId: string | null = null): Outcome => ({
  reply: invalidClientReply(method, description),
  result: 'invalid_client',
  clientId,
  failure: true,
  ...(clientId === null ? {} : {throttleKey: clientKey('secret', clientId)}),
});

const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

export const introspect = (
  authorization: string | undefined,
  contentType: string | undefined,
  body: string,
  data: LoadedData,
  now: Date,
): Outcome => {
  if (contentType?.split(';', 1)[0]?.trim().toLowerCase() !== FORM) return invalidRequest(`Send the body as ${FORM}: token=…`);
  const form = new URLSearchParams(body);
  for (const name of ['token', 'client_id', 'client_secret']) {
    if (form.getAll(name).length > 1) return invalidRequest(`The parameter ${name} is given more than once.`);
  }
  const auth = clientAuthOf(authorization, form);
  if (auth.kind === 'malformed') return invalidRequest(auth.message);
  if (auth.kind === 'none') return invalidClient('none', 'Authenticate the client: HTTP Basic with client_id:client_secret.');
  const token = form.get('token');
  if (token === null || token === '') return invalidRequest('The parameter token is missing.');

  const verdict = checkAccess({clientId: auth.clientId, clientSecret: auth.clientSecret, token}, data.index, now);
  const thirdParty = verdict.thirdParty;
  // Only a known client ID is logged: what was presented could be a secret pasted in the wrong field.
  const clientId = thirdParty?.clientId ?? null;
  if (!thirdParty || !verdict.checks.find(check => check.id === 'clientSecret')?.passed) {
    return invalidClient(methodOf(auth), 'The client ID or client secret is not right.', clientId);
  }
  const tokenId = verdict.issued && verdict.issued.thirdParty.id === thirdParty.id ? verdict.issued.token.id : null;
  const throttleKey = clientKey('secret', thirdParty.clientId);
  // The client authenticated: an inactive token is an answer, not a failed guess (RFC 7662 §2.2).
  if (!verdict.granted) return {reply: INACTIVE, result: 'denied', clientId, tokenId, failure: false, throttleKey};
  const issued = verdict.issued!.token;
  return {
    reply: json(200, {
      active: true,
      client_id: thirdParty.clientId,
      token_type: 'Bearer',
      iat: seconds(issued.createdAt),
      ...(issued.expiresAt === null ? {} : {exp: seconds(issued.expiresAt)}),
    }),
    result: 'granted',
    clientId,
    tokenId,
    failure: false,
    throttleKey,
  };
};
