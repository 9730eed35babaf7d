/**
 * GET /oauth/authorize (RFC 6749 §4.1.1, PKCE RFC 7636 with S256 only, RFC 9700 §2.1.1) and the
 * waiting page of a request an admin approves. Checks that decide whether a redirect is allowed
 * at all come first: until the client and its redirect_uri are known good, errors are a page
 * (RFC 6749 §4.1.2.1); after that every answer is a redirect carrying `iss` (RFC 9207).
 */
import type {IncomingMessage, ServerResponse} from 'node:http';
import OAuth2Server from '@node-oauth/oauth2-server';
import {approvalOf, callbackUrlMatch, type ThirdParty} from '../../domain/index.js';
import type {LoadedData} from '../data-watcher.js';
import type {Approvals} from './approvals.js';
import type {Grant} from './oauth-model.js';
import {errorPage, sendHtml, waitingPage} from './pages.js';

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

/** The callback URL with the error, the state and the issuer (RFC 6749 §4.1.2.1, RFC 9207). */
const errorRedirect = (redirectUri: string, issuer: string, error: string, description: string, state: string | null): string => {
  const url = new URL(redirectUri);
  url.searchParams.set('error', error);
  url.searchParams.set('error_description', description);
  if (state !== null) url.searchParams.set('state', state);
  url.searchParams.set('iss', issuer);
  return url.toString();
};

const redirect = (res: ServerResponse, location: string): void => {
  res.writeHead(302, {
    Location: location,
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    'Content-Length': 0,
    'Referrer-Policy': 'no-referrer',
  });
  res.end();
};

type Checked =
  | {readonly kind: 'page'; readonly error: string; readonly description: string}
  | {readonly kind: 'redirect'; readonly location: string}
  | {readonly kind: 'ok'; readonly thirdParty: ThirdParty; readonly redirectUri: string; readonly state: string | null};

/** Every rule of the request, in the order that decides where its errors go. */
const check = (query: URLSearchParams, context: AuthorizeContext): Checked => {
  const clientId = query.get('client_id');
  const thirdParty = clientId === null ? undefined : context.data().index.byClientId.get(clientId);
  if (!thirdParty) return {kind: 'page', error: 'invalid_client', description: 'The client_id is missing or no third party has it.'};
  const redirectUri = query.get('redirect_uri');
  if (thirdParty.callbackUrl === null)
    return {
      kind: 'page',
      error: 'unauthorized_client',
      description: `${thirdParty.name} uses manual authorization (no callback URL is saved for it).`,
    };
  if (redirectUri === null) return {kind: 'page', error: 'invalid_request', description: 'The redirect_uri is missing.'};
  if (callbackUrlMatch(thirdParty.callbackUrl, redirectUri) === 'different')
    return {
      kind: 'page',
      error: 'invalid_request',
      description: `The redirect_uri is not the callback URL registered for ${thirdParty.name}.`,
    };
  for (const name of PARAMETERS) {
    if (query.getAll(name).length > 1)
      return {kind: 'page', error: 'invalid_request', description: `The parameter ${name} is given more than once.`};
  }
  const state = query.get('state');
  const fail = (error: string, description: string): Checked => ({
    kind: 'redirect',
    location: errorRedirect(redirectUri, context.issuer(), error, description, state !== null && VSCHAR.test(state) ? state : null),
  });
  if (state !== null && !VSCHAR.test(state)) return fail('invalid_request', 'The state holds characters it may not (RFC 6749 A.5).');
  const responseType = query.get('response_type');
  if (responseType === null) return fail('invalid_request', 'The response_type is missing.');
  if (responseType !== 'code') return fail('unsupported_response_type', 'Only response_type=code is supported.');
  const method = query.get('code_challenge_method');
  const challenge = query.get('code_challenge');
  if (challenge === null) return fail('invalid_request', 'PKCE is required: send code_challenge with code_challenge_method=S256.');
  if (method !== 'S256') return fail('invalid_request', 'Only code_challenge_method=S256 is supported ("plain" is not).');
  if (!S256_CHALLENGE.test(challenge)) return fail('invalid_request', 'The code_challenge is not the BASE64URL of a SHA-256.');
  if (!thirdParty.enabled) return fail('access_denied', `${thirdParty.name} is not Enabled.`);
  return {kind: 'ok', thirdParty, redirectUri, state};
};

/** Issues the code through the library and redirects with it, the state and `iss`. */
const issueCode = async (res: ServerResponse, query: URLSearchParams, grant: Grant, context: AuthorizeContext): Promise<void> => {
  const checked = check(query, context);
  if (checked.kind === 'page') return sendHtml(res, 400, errorPage(checked.error, checked.description));
  if (checked.kind === 'redirect') return redirect(res, checked.location);
  const request = new OAuth2Server.Request({method: 'GET', headers: {}, query: Object.fromEntries(query)});
  const response = new OAuth2Server.Response();
  try {
    await context.library.authorize(request, response, {
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
    return redirect(
      res,
      errorRedirect(
        checked.redirectUri,
        context.issuer(),
        oauth?.name ?? 'server_error',
        oauth?.message ?? 'The code could not be issued.',
        checked.state,
      ),
    );
  }
  const location = new URL(String(response.get('location')));
  location.searchParams.set('iss', context.issuer());
  redirect(res, location.toString());
};

/** `remote`: the client's address as the request pipeline sees it (behind --trust-proxy, the forwarded one). */
export const authorize = async (req: IncomingMessage, res: ServerResponse, context: AuthorizeContext, remote: string): Promise<void> => {
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const checked = check(query, context);
  if (checked.kind === 'page') return sendHtml(res, 400, errorPage(checked.error, checked.description));
  if (checked.kind === 'redirect') return redirect(res, checked.location);
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
    return redirect(
      res,
      errorRedirect(
        redirectUri,
        context.issuer(),
        'temporarily_unavailable',
        'Too many requests wait for approval; try again later.',
        state,
      ),
    );
  sendHtml(res, 200, waitingPage(thirdParty.name, context.approvals.consoles, `${context.issuer()}${WAIT_PATH}${pending.id}`));
};

/** GET /oauth/authorize/wait/<id>: held until decided (or holdMs), then the code, the refusal, or the page again. */
export const authorizeWait = async (id: string, res: ServerResponse, context: AuthorizeContext): Promise<void> => {
  if (!context.approvals.get(id)?.decision) await context.approvals.waitFor(id, context.holdMs);
  const entry = context.approvals.get(id);
  if (!entry)
    return sendHtml(
      res,
      404,
      errorPage('invalid_request', 'This authorization request is unknown or already answered: start again from the application.'),
    );
  const {approval, query, decision} = entry;
  if (!decision)
    return sendHtml(res, 200, waitingPage(approval.thirdPartyName, context.approvals.consoles, `${context.issuer()}${WAIT_PATH}${id}`));
  context.approvals.settle(id);
  const state = query.get('state');
  if (decision.kind === 'approve')
    return issueCode(
      res,
      query,
      {thirdPartyId: approval.thirdPartyId, address: approval.remote, approvedBy: decision.by, test: false},
      context,
    );
  const description = decision.kind === 'deny' ? 'The administrator denied the request.' : 'Nobody approved the request within 10 minutes.';
  redirect(res, errorRedirect(approval.redirectUri, context.issuer(), 'access_denied', description, state));
};
