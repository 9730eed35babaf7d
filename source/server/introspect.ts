/**
 * POST /oauth/introspect (RFC 7662): an authenticated client asks whether a token is active.
 * The answer is the token side of the shared access check (checkBearerToken); a client that fails to
 * authenticate gets invalid_client (RFC 6749 §5.2, client-auth.ts), an inactive token just {"active":false}.
 */
import {checkBearerToken} from '../domain/index.js';
import type {FormClient} from './client-auth.js';
import type {LoadedData} from './data-watcher.js';
import type {Outcome} from './outcome.js';
import {errorReply, json} from './respond.js';

const INACTIVE = json(200, {active: false});

/** What introspection adds to the form's hint when the body is not a form. */
export const INTROSPECTION_BODY = ': token=…';

const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/** The answer to a request whose client was read (client-auth.ts readFormClient) and let through by the throttle. */
export const introspect = (found: FormClient, data: LoadedData, now: Date): Outcome => {
  if (found.kind === 'refused') return found.refusal();
  const {thirdParty, form} = found;
  const clientId = thirdParty.clientId;
  const token = form.get('token');
  if (token === null || token === '')
    return {reply: errorReply(400, 'invalid_request', 'The parameter token is missing.'), result: 'invalid_request', clientId};
  const verdict = checkBearerToken(token, data.index, now);
  // Another client's token is inactive to this one.
  const issued = verdict.issued?.thirdParty.id === thirdParty.id ? verdict.issued : undefined;
  const tokenId = issued?.token.id ?? null;
  // The client authenticated: an inactive token is an answer, not a failed guess (RFC 7662 §2.2).
  if (!issued || !verdict.valid) return {reply: INACTIVE, result: 'denied', clientId, tokenId};
  return {
    reply: json(200, {
      active: true,
      client_id: clientId,
      token_type: 'Bearer',
      iat: seconds(issued.token.createdAt),
      ...(issued.token.expiresAt === null ? {} : {exp: seconds(issued.token.expiresAt)}),
    }),
    result: 'granted',
    clientId,
    tokenId,
  };
};
