/**
 * GET /oauth/authorize (RFC 6749 §4.1.1, PKCE RFC 7636 with S256 only, RFC 9700 §2.1.1) and the
 * waiting page of a request an admin approves. Checks that decide whether a redirect is allowed
 * at all come first: until the client and its redirect_uri are known good, errors are a page
 * (RFC 6749 §4.1.2.1); after that every answer is a redirect carrying `iss` (RFC 9207).
 */
import type {IncomingMessage, ServerResponse} from 'node:http';
import OAuth2Server from '@node-oauth/oauth2-server';
import {approvalOf, matchesCallbackUrl, type ThirdParty} from '../../domain/index.js';
import type {AccessResult} from '../access-log.js';
import type {LoadedData} from '../data-watcher.js';
import type {Approvals} from './approvals.js';
import {NOT_REGISTERED, redirectToCallback, refuseWithPage, type AuthorizeAnswer} from './callback-redirect.js';
import type {Grant} from './oauth-model.js';
import {sendHtml, waitingPage} from './pages.js';
import {dataUnavailable, UNAVAILABLE_DESCRIPTION} from '../unavailable.js';

export interface AuthorizeContext {
  readonly data: () => LoadedData;
  readonly issuer: () => string;
  readonly approvals: Approvals;
  readonly library: OAuth2Server;
  readonly codeLifetimeSeconds: number;
  readonly selfTests: SelfTests;
  /** How long the waiting page's request is held for a decision before the page is sent again. */
  readonly holdMs: number;
}

/** Requests of the console's automatic-authorization test, by client and state: approved at once, marked as a test. */
export class SelfTests {
  private readonly entries = new Map<string, {by: string; until: number}>();
  register(clientId: string, state: string, by: string): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) if (entry.until <= now) this.entries.delete(key);
    if (this.entries.size < 100) this.entries.set(`${clientId}\n${state}`, {by, until: now + 60_000});
  }
  take(clientId: string, state: string | null): string | undefined {
    if (state === null) return undefined;
    const key = `${clientId}\n${state}`;
    const entry = this.entries.get(key);
    this.entries.delete(key);
    return entry && entry.until > Date.now() ? entry.by : undefined;
  }
}

export const WAIT_PATH = '/oauth/authorize/wait/';

const PARAMETERS = ['response_type', 'client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method', 'scope'];
// RFC 7636 §4.2: BASE64URL of a SHA-256 is 43 characters.
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
// RFC 6749 Appendix A.5: state is VSCHAR.
const VSCHAR = /^[\x20-\x7E]+$/;

/** The request's state as it may be sent back (VSCHAR), else null. */
const stateOf = (query: URLSearchParams): string | null => {
  const given = query.get('state');
  return given !== null && VSCHAR.test(given) ? given : null;
};

/**
 * Where a request's answer goes. Descriptions never name the third party nor say how it is set
 * up beyond what the client must change: whoever sends a client ID is not authenticated.
 */
type Checked =
  | {readonly kind: 'page'; readonly error: string; readonly description: string; readonly clientId: string | null}
  | {
      readonly kind: 'error';
      readonly thirdParty: ThirdParty;
      readonly redirectUri: string;
      readonly state: string | null;
      readonly error: string;
      readonly description: string;
    }
  | {readonly kind: 'ok'; readonly thirdParty: ThirdParty; readonly redirectUri: string; readonly state: string | null};

/** Every rule of the request, in the order that decides where its errors go. */
const check = (query: URLSearchParams, context: AuthorizeContext): Checked => {
  const clientId = query.get('client_id');
  const thirdParty = clientId === null ? undefined : context.data().index.byClientId.get(clientId);
  const page = (error: string, description: string): Checked => ({
    kind: 'page',
    error,
    description,
    clientId: thirdParty?.clientId ?? null,
  });
  if (!thirdParty) return page('invalid_client', 'The client_id is missing or no third party has it.');
  const redirectUri = query.get('redirect_uri');
  if (thirdParty.callbackUrl === null)
    return page('unauthorized_client', 'This client uses manual authorization (no callback URL is saved for it).');
  if (redirectUri === null) return page('invalid_request', 'The redirect_uri is missing.');
  // The one decision (callback-url.ts): nothing below may redirect until it said yes.
  if (!matchesCallbackUrl(thirdParty.callbackUrl, redirectUri)) return page('invalid_request', NOT_REGISTERED);
  for (const name of PARAMETERS) {
    if (query.getAll(name).length > 1) return page('invalid_request', `The parameter ${name} is given more than once.`);
  }
  const state = stateOf(query);
  const fail = (error: string, description: string): Checked => ({kind: 'error', thirdParty, redirectUri, state, error, description});
  if (query.has('state') && state === null) return fail('invalid_request', 'The state holds characters it may not (RFC 6749 A.5).');
  const responseType = query.get('response_type');
  if (responseType === null) return fail('invalid_request', 'The response_type is missing.');
  if (responseType !== 'code') return fail('unsupported_response_type', 'Only response_type=code is supported.');
  const method = query.get('code_challenge_method');
  const challenge = query.get('code_challenge');
  if (challenge === null) return fail('invalid_request', 'PKCE is required: send code_challenge with code_challenge_method=S256.');
  if (method !== 'S256') return fail('invalid_request', 'Only code_challenge_method=S256 is supported ("plain" is not).');
  if (!S256_CHALLENGE.test(challenge)) return fail('invalid_request', 'The code_challenge is not the BASE64URL of a SHA-256.');
  // A token gives the third party's access, no part of it: no scope is offered, so none can be granted (RFC 6749 §3.3).
  if (query.get('scope')) return fail('invalid_scope', 'This server offers no scopes: send the request without scope.');
  if (!thirdParty.enabled) return fail('access_denied', 'The third party is not Enabled on this server.');
  return {kind: 'ok', thirdParty, redirectUri, state};
};

const resultOfError = (error: string): AccessResult => (error === 'access_denied' ? 'denied' : 'invalid_request');

/** Where a refusal is sent back: the third party (as saved now), the redirect_uri it gave, its state. */
interface Target {
  readonly thirdParty: ThirdParty | undefined;
  readonly redirectUri: string;
  readonly state: string | null;
}

/** An error to the callback URL with the state and the issuer (RFC 6749 §4.1.2.1, RFC 9207). */
const redirectError = (
  res: ServerResponse,
  context: AuthorizeContext,
  target: Target,
  error: string,
  description: string,
): AuthorizeAnswer =>
  redirectToCallback(
    res,
    target.thirdParty,
    target.redirectUri,
    {error, error_description: description, state: target.state, iss: context.issuer()},
    resultOfError(error),
  );

/** The page or the error redirect of a request that is not ok. */
const answerRefused = (res: ServerResponse, checked: Exclude<Checked, {kind: 'ok'}>, context: AuthorizeContext): AuthorizeAnswer =>
  checked.kind === 'page'
    ? refuseWithPage(res, 400, checked.error, checked.description, checked.clientId)
    : redirectError(res, context, checked, checked.error, checked.description);

/** Issues the code through the library and redirects with it, the state and `iss`. */
const issueCode = async (
  res: ServerResponse,
  query: URLSearchParams,
  grant: Grant,
  context: AuthorizeContext,
): Promise<AuthorizeAnswer> => {
  const checked = check(query, context);
  if (checked.kind !== 'ok') return answerRefused(res, checked, context);
  const {thirdParty, redirectUri, state} = checked;
  // Only the parameters of the code grant reach the library (it would act on others, such as allowed=false; an empty scope it refuses).
  const parameters = Object.fromEntries(
    PARAMETERS.flatMap(name => (name !== 'scope' && query.has(name) ? [[name, query.get(name)!]] : [])),
  );
  const request = new OAuth2Server.Request({method: 'GET', headers: {}, query: parameters});
  let issued: OAuth2Server.AuthorizationCode;
  try {
    // The library's answer (its own Location) is not used: the redirect is ours (callback-redirect.ts), with the code it made.
    issued = await context.library.authorize(request, new OAuth2Server.Response(), {
      authenticateHandler: {handle: () => grant},
      allowEmptyState: true,
      authorizationCodeLifetime: context.codeLifetimeSeconds,
    });
  } catch (error) {
    // The library's own faults (InvalidArgumentError, ServerError) describe its internals: the client is told only that it failed.
    const oauth =
      error instanceof OAuth2Server.OAuthError &&
      !(error instanceof OAuth2Server.InvalidArgumentError) &&
      !(error instanceof OAuth2Server.ServerError)
        ? error
        : undefined;
    // The database away: the application may send the browser again shortly (RFC 6749 §4.1.2.1).
    if (dataUnavailable(error)) return redirectError(res, context, checked, 'temporarily_unavailable', UNAVAILABLE_DESCRIPTION);
    const name = oauth?.name ?? 'server_error';
    return redirectError(res, context, checked, name, oauth?.message ?? 'The code could not be issued.');
  }
  return redirectToCallback(res, thirdParty, redirectUri, {code: issued.authorizationCode, state, iss: context.issuer()}, 'granted');
};

/** The waiting page of request `id`: it reloads itself at its own address until the request is decided. */
const sendWaitingPage = async (res: ServerResponse, context: AuthorizeContext, id: string, clientId: string): Promise<AuthorizeAnswer> => {
  sendHtml(res, 200, waitingPage(await context.approvals.consoles(), `${context.issuer()}${WAIT_PATH}${id}`));
  return {result: 'waiting', clientId};
};

/** `remote`: the client's address as the request pipeline sees it (behind --trust-proxy, the forwarded one). */
export const authorize = async (
  req: IncomingMessage,
  res: ServerResponse,
  context: AuthorizeContext,
  remote: string,
): Promise<AuthorizeAnswer> => {
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const checked = check(query, context);
  if (checked.kind !== 'ok') return answerRefused(res, checked, context);
  const {thirdParty, redirectUri, state} = checked;
  const tester = context.selfTests.take(thirdParty.clientId, state);
  if (tester) return issueCode(res, query, {thirdPartyId: thirdParty.id, address: remote, approvedBy: tester, test: true}, context);
  if (approvalOf(thirdParty) === 'automatic')
    return issueCode(res, query, {thirdPartyId: thirdParty.id, address: remote, test: false}, context);
  const pending = context.approvals.request(
    {
      thirdPartyId: thirdParty.id,
      thirdPartyName: thirdParty.name,
      clientId: thirdParty.clientId,
      remote,
      redirectUri,
    },
    query,
  );
  if (!pending)
    return redirectError(res, context, checked, 'temporarily_unavailable', 'Too many requests wait for approval; try again later.');
  // The page sends the browser to wait at the issuer, which may be another server behind a load balancer.
  await context.approvals.whenShared(pending.id);
  return sendWaitingPage(res, context, pending.id, thirdParty.clientId);
};

/** GET /oauth/authorize/wait/<id>: held until decided (or holdMs), then the code, the refusal, or the page again. */
export const authorizeWait = async (id: string, res: ServerResponse, context: AuthorizeContext): Promise<AuthorizeAnswer> => {
  // Unknown here: on a database the browser may come back to another server than the one it asked.
  if (!context.approvals.get(id)) await context.approvals.catchUp();
  if (!context.approvals.get(id)?.decision) await context.approvals.waitFor(id, context.holdMs);
  const entry = context.approvals.get(id);
  if (!entry)
    return refuseWithPage(
      res,
      404,
      'invalid_request',
      'This authorization request is unknown or already answered: start again from the application.',
      null,
    );
  const {approval, query, decision} = entry;
  if (!decision) return sendWaitingPage(res, context, id, approval.clientId);
  // One answer per approval, whichever server the browser is at.
  if (!(await context.approvals.take(id)))
    return refuseWithPage(
      res,
      404,
      'invalid_request',
      'This authorization request is already answered: start again from the application.',
      null,
    );
  if (decision.kind === 'approve')
    return issueCode(
      res,
      query,
      {thirdPartyId: approval.thirdPartyId, address: approval.remote, approvedBy: decision.by, test: false},
      context,
    );
  const description = decision.kind === 'deny' ? 'The administrator denied the request.' : 'Nobody approved the request within 10 minutes.';
  // The third party as saved now: its callback URL may have changed while the request waited.
  const thirdParty = context.data().index.byClientId.get(approval.clientId);
  const target = {
    thirdParty: thirdParty?.id === approval.thirdPartyId ? thirdParty : undefined,
    redirectUri: approval.redirectUri,
    state: stateOf(query),
  };
  return redirectError(res, context, target, 'access_denied', description);
};
