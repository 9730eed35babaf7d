/**
 * How a client authenticates to an endpoint of this server (RFC 6749 §2.3.1): HTTP Basic with
 * client_id:client_secret, each form-urlencoded first, or client_id and client_secret in the
 * form body; never both methods (RFC 6749 §2.3). A bare client_id in the body beside Basic is not
 * a second method: accepted when it names the same client (some libraries always send it).
 * Hand-written because the usual Basic parsers do not undo the form-urlencoding OAuth requires.
 *
 * Every endpoint that authenticates clients (introspection, and the token and revocation
 * endpoints) goes through here, so that they accept the same forms and throttle the same way.
 */
import {clientSecretMatches, type AccessIndex, type ThirdParty} from '../domain/index.js';
import type {Authentication} from './failure-throttle.js';
import type {Outcome} from './outcome.js';
import type {RouteRequest} from './route.js';
import {errorReply, type Headers, type Reply} from './respond.js';

export type ClientAuth =
  | {readonly kind: 'credentials'; readonly clientId: string; readonly clientSecret: string; readonly method: 'basic' | 'form'}
  | {readonly kind: 'none'}
  | {readonly kind: 'malformed'; readonly message: string};

const formDecode = (value: string): string | undefined => {
  // Client IDs and secrets are letters, digits and `_`: most need no decoding (a profile: ~0.7 µs a request).
  if (!value.includes('%') && !value.includes('+')) return value;
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
};

const BASIC = /^basic +([A-Za-z0-9+/]+={0,2}) *$/i;
const NOT_BASIC = 'The Basic authorization header is not base64 of client_id:client_secret.';

const parseBasic = (header: string): ClientAuth | undefined => {
  // The well-formed header first: one regular expression on every request, two on the others.
  const encoded = BASIC.exec(header)?.[1];
  if (!encoded) return /^basic(\s|$)/i.test(header) ? {kind: 'malformed', message: NOT_BASIC} : undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const clientId = colon === -1 ? undefined : formDecode(decoded.slice(0, colon));
  const clientSecret = colon === -1 ? undefined : formDecode(decoded.slice(colon + 1));
  if (clientId === undefined || clientSecret === undefined) return {kind: 'malformed', message: NOT_BASIC};
  return {kind: 'credentials', clientId, clientSecret, method: 'basic'};
};

/** What the request presents; `form` is the parsed body (each parameter at most once: the caller checks). */
export const clientAuthOf = (authorization: string | undefined, form: URLSearchParams): ClientAuth => {
  const basic = authorization === undefined ? undefined : parseBasic(authorization);
  const formId = form.get('client_id');
  const formSecret = form.get('client_secret');
  if (basic?.kind === 'credentials') {
    if (formSecret !== null)
      return {kind: 'malformed', message: 'Authenticate the client one way only: Basic, or client_id and client_secret in the body.'};
    if (formId !== null && formId !== basic.clientId)
      return {kind: 'malformed', message: 'The client_id in the body is not the one in the Basic authorization header.'};
    return basic;
  }
  if (basic) return basic;
  if (formId !== null || formSecret !== null)
    return {kind: 'credentials', clientId: formId ?? '', clientSecret: formSecret ?? '', method: 'form'};
  return {kind: 'none'};
};

/** How the client tried to authenticate: the Basic header, client_id/client_secret in the body, or not at all. */
export type ClientAuthMethod = 'basic' | 'form' | 'none';

const BASIC_CHALLENGE = {'WWW-Authenticate': 'Basic realm="tpa", charset="UTF-8"'};

/**
 * invalid_client (RFC 6749 §5.2): 401 with the Basic challenge for a client that used the
 * Authorization header, or sent no credentials at all (the challenge says how); 400 without one
 * for a client whose secret was in the body, which no HTTP challenge is about (openid-client and
 * oauth4webapi then report invalid_client, not a challenge they cannot answer).
 */
export const invalidClientReply = (method: ClientAuthMethod, description: string, headers: Headers = {}): Reply =>
  method === 'form'
    ? errorReply(400, 'invalid_client', description, headers)
    : errorReply(401, 'invalid_client', description, {...headers, ...BASIC_CHALLENGE});

export type ClientVerdict =
  | {readonly kind: 'authenticated'; readonly thirdParty: ThirdParty}
  /** `clientId`: the known client whose secret was wrong, else null. */
  | {readonly kind: 'invalid_client'; readonly clientId: string | null; readonly method: ClientAuthMethod}
  | {readonly kind: 'malformed'; readonly message: string};

/** What the throttle makes of a verdict (failure-throttle.ts): a malformed request authenticates nobody, but is no failed guess. */
const authenticationOf = (verdict: ClientVerdict): Authentication => {
  if (verdict.kind === 'authenticated') return {kind: 'authenticated', clientId: verdict.thirdParty.clientId};
  if (verdict.kind === 'invalid_client') return {kind: 'failed', clientId: verdict.clientId};
  return {kind: 'none'};
};

/**
 * Authenticates the client of a request against the loaded data: a known client ID and its
 * secret (the current one, or the previous one within its grace period; compared in constant
 * time). Whether the third party is enabled is the caller's rule, not authentication's.
 */
export const authenticateClient = (
  authorization: string | undefined,
  form: URLSearchParams,
  index: AccessIndex,
  now: Date,
): ClientVerdict => {
  const auth = clientAuthOf(authorization, form);
  if (auth.kind === 'malformed') return auth;
  if (auth.kind === 'none') return {kind: 'invalid_client', clientId: null, method: 'none'};
  const thirdParty = index.byClientId.get(auth.clientId);
  if (!thirdParty) return {kind: 'invalid_client', clientId: null, method: auth.method};
  if (auth.clientSecret === '' || !clientSecretMatches(thirdParty, auth.clientSecret, now))
    return {kind: 'invalid_client', clientId: thirdParty.clientId, method: auth.method};
  return {kind: 'authenticated', thirdParty};
};

const FORM = 'application/x-www-form-urlencoded';

export type FormClient =
  | {
      readonly kind: 'client';
      readonly thirdParty: ThirdParty;
      readonly form: URLSearchParams;
      readonly authentication: Authentication;
    }
  /** What answers the request instead: invalid_request (it cannot be read) or invalid_client. */
  | {readonly kind: 'refused'; readonly refusal: (headers?: Headers) => Outcome; readonly authentication: Authentication};

/**
 * The form of a request to an endpoint that authenticates clients (introspection, token,
 * revocation), and the client it authenticates; read-only, so that the throttle can decide on it
 * before the endpoint does anything (route.ts `prepare`). `bodyHint` ends the wrong-body-type message.
 */
export const readFormClient = (
  authorization: string | undefined,
  contentType: string | undefined,
  body: string,
  index: AccessIndex,
  now: Date,
  bodyHint = '',
): FormClient => {
  const unreadable = (description: string): FormClient => ({
    kind: 'refused',
    refusal: headers => ({reply: errorReply(400, 'invalid_request', description, headers), result: 'invalid_request'}),
    authentication: {kind: 'none'},
  });
  // Most clients send exactly FORM: then neither split nor lower case (~0.3 µs a request).
  if (contentType !== FORM && contentType?.split(';', 1)[0]?.trim().toLowerCase() !== FORM)
    return unreadable(`Send the body as ${FORM}${bodyHint}.`);
  const form = new URLSearchParams(body);
  // One pass finds whether any parameter repeats; only then is the first repeated one named.
  const names = new Set<string>();
  for (const name of form.keys()) {
    if (names.has(name)) {
      const repeated = [...names].find(first => form.getAll(first).length > 1)!;
      return unreadable(`The parameter ${repeated} is given more than once.`);
    }
    names.add(name);
  }
  const verdict = authenticateClient(authorization, form, index, now);
  const authentication = authenticationOf(verdict);
  if (verdict.kind === 'malformed') return unreadable(verdict.message);
  if (verdict.kind === 'authenticated') return {kind: 'client', thirdParty: verdict.thirdParty, form, authentication};
  const description =
    verdict.method === 'none'
      ? 'Authenticate the client: HTTP Basic with client_id:client_secret.'
      : 'The client ID or client secret is not right.';
  return {
    kind: 'refused',
    refusal: headers => ({
      reply: invalidClientReply(verdict.method, description, headers),
      result: 'invalid_client',
      // Only a known client ID is logged: what was presented could be a secret pasted in the wrong field.
      clientId: verdict.clientId,
    }),
    authentication,
  };
};

/** The form of a request to introspect, token or revoke, and the client it authenticates (route.ts `prepare`). */
export const formClientOf = (request: RouteRequest, bodyHint?: string): FormClient =>
  readFormClient(request.authorization, request.headers['content-type'], request.body, request.data.index, request.now, bodyHint);
