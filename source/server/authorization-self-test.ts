/**
 * The console's automatic-authorization test (Ctrl+T) through the running server, as the third
 * party's application would run it: discovery → authorize (PKCE S256) → code → token →
 * introspect → revoke. Each step with its answer and time; the first failing one says what to
 * look at. The request is announced on the admin channel, so it is approved at once and its
 * token is marked as a test (it replaces no live token); the token is revoked at the end.
 */
import {createHash, randomBytes} from 'node:crypto';
import {basicAuthorization} from './server-client.js';
import {findAdminChannel} from './approvals-client.js';
import {httpRequest, type HttpAnswer, type HttpRequest} from './http-request.js';

export type SelfTestStepName = 'discovery' | 'authorize' | 'code' | 'token' | 'introspect' | 'revoke';

export interface SelfTestStep {
  readonly name: SelfTestStepName;
  readonly ok: boolean;
  /** "200 issuer http://127.0.0.1:8787", "302 to the callback URL", "400 invalid_grant: …". */
  readonly answer: string;
  readonly ms: number;
}

export interface SelfTestResult {
  readonly ok: boolean;
  readonly steps: readonly SelfTestStep[];
  /** The first failing step and what to look at. */
  readonly failed?: {readonly step: SelfTestStepName; readonly lookAt: string};
}

export interface SelfTestThirdParty {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly callbackUrl: string | null;
}

export const LOOK_AT: Record<SelfTestStepName, string> = {
  discovery: 'Is tpa serve running for this data file, and does its address (--issuer) answer?',
  authorize: 'Enabled selected? Callback URL saved? Save the third party and try again.',
  code: 'The redirect lacks the code, the state or the issuer: is --issuer the address the server is reached at?',
  token: 'Right client ID and secret saved? Is the third party still Enabled?',
  introspect: 'The new token is not active: was Active cleared, or Enabled, meanwhile?',
  revoke: 'The token could not be given back: look at the server log.',
};

const TIMEOUT_MS = 5_000;

/** A form POST to one of the server's endpoints (token, introspect, revoke), the client by Basic. */
const clientPost = (
  url: string,
  endpoint: 'token' | 'introspect' | 'revoke',
  client: SelfTestThirdParty,
  form: Record<string, string>,
  timeoutMs = TIMEOUT_MS,
): HttpRequest => ({
  method: 'POST',
  url: `${url}/oauth/${endpoint}`,
  headers: {Authorization: basicAuthorization(client.clientId, client.clientSecret), 'Content-Type': 'application/x-www-form-urlencoded'},
  body: new URLSearchParams(form).toString(),
  timeoutMs,
});

/** The token request of the code grant (RFC 6749 §4.1.3) as a third party's application sends it, the client by Basic. */
export const codeExchangeRequest = (
  url: string,
  client: SelfTestThirdParty,
  code: string,
  verifier: string,
  timeoutMs = TIMEOUT_MS,
): HttpRequest =>
  clientPost(
    url,
    'token',
    client,
    {grant_type: 'authorization_code', code, redirect_uri: client.callbackUrl!, code_verifier: verifier},
    timeoutMs,
  );

const jsonOf = (answer: HttpAnswer): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(answer.body);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

const errorText = (answer: HttpAnswer): string => {
  const body = jsonOf(answer);
  return `${answer.status} ${typeof body['error'] === 'string' ? `${body['error']}${typeof body['error_description'] === 'string' ? `: ${body['error_description']}` : ''}` : ''}`.trim();
};

export const runAuthorizationSelfTest = async (dataFile: string, thirdParty: SelfTestThirdParty, by: string): Promise<SelfTestResult> => {
  const steps: SelfTestStep[] = [];
  const fail = (name: SelfTestStepName, answer: string, ms = 0): SelfTestResult => {
    steps.push({name, ok: false, answer, ms});
    return {ok: false, steps, failed: {step: name, lookAt: LOOK_AT[name]}};
  };
  const pass = (name: SelfTestStepName, answer: string, ms: number) => steps.push({name, ok: true, answer, ms});
  const attempt = async (name: SelfTestStepName, run: () => Promise<HttpAnswer>): Promise<HttpAnswer | SelfTestResult> => {
    try {
      return await run();
    } catch (error) {
      return fail(name, `no answer (${error instanceof Error ? error.message : String(error)})`);
    }
  };
  if (thirdParty.callbackUrl === null) return fail('authorize', 'no callback URL is saved: this third party uses manual authorization');

  const channel = await findAdminChannel(dataFile);
  if ('why' in channel) return fail('discovery', channel.why);
  // The server is asked at its local address: the public one (a proxy) may not be reachable from here.
  const url = channel.url;

  const discovery = await attempt('discovery', () =>
    httpRequest({method: 'GET', url: `${url}/.well-known/oauth-authorization-server`, timeoutMs: TIMEOUT_MS}),
  );
  if (!('status' in discovery)) return discovery;
  const metadata = jsonOf(discovery);
  const issuer = metadata['issuer'];
  if (discovery.status !== 200 || typeof issuer !== 'string') return fail('discovery', errorText(discovery), discovery.ms);
  pass('discovery', `200 issuer ${issuer}`, discovery.ms);

  const state = randomBytes(16).toString('base64url');
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  try {
    const announced = await httpRequest({
      method: 'POST',
      url: `${url}/admin/self-tests`,
      headers: {Authorization: `Bearer ${channel.key}`, 'Content-Type': 'application/json'},
      body: JSON.stringify({clientId: thirdParty.clientId, state, by}),
      timeoutMs: TIMEOUT_MS,
    });
    if (announced.status !== 200) return fail('authorize', `the server refused the test (${announced.status})`);
  } catch (error) {
    return fail('authorize', `no answer (${error instanceof Error ? error.message : String(error)})`);
  }
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: thirdParty.clientId,
    redirect_uri: thirdParty.callbackUrl,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const authorization = await attempt('authorize', () =>
    httpRequest({method: 'GET', url: `${url}/oauth/authorize?${query}`, timeoutMs: TIMEOUT_MS}),
  );
  if (!('status' in authorization)) return authorization;
  const location = authorization.headers.location;
  if (authorization.status !== 302 || typeof location !== 'string')
    return fail('authorize', `${authorization.status}: no redirect to the callback URL (the server shows an error page)`, authorization.ms);
  const back = new URL(location);
  const error = back.searchParams.get('error');
  if (error) return fail('authorize', `302 ${error}: ${back.searchParams.get('error_description') ?? ''}`.trim(), authorization.ms);
  pass('authorize', '302 to the callback URL', authorization.ms);

  const code = back.searchParams.get('code');
  if (!code || back.searchParams.get('state') !== state || back.searchParams.get('iss') !== issuer)
    return fail(
      'code',
      `code ${code ? 'present' : 'missing'}, state ${back.searchParams.get('state') === state ? 'matches' : 'differs'}, iss ${back.searchParams.get('iss') === issuer ? 'matches' : 'differs'}`,
    );
  pass('code', 'code, state and iss as expected', 0);

  const token = await attempt('token', () => httpRequest(codeExchangeRequest(url, thirdParty, code, verifier)));
  if (!('status' in token)) return token;
  const accessToken = jsonOf(token)['access_token'];
  if (token.status !== 200 || typeof accessToken !== 'string') return fail('token', errorText(token), token.ms);
  pass('token', '200 access_token (Bearer)', token.ms);

  const introspection = await attempt('introspect', () => httpRequest(clientPost(url, 'introspect', thirdParty, {token: accessToken})));
  if (!('status' in introspection)) return introspection;
  const active = jsonOf(introspection)['active'] === true;
  // The token is given back whatever introspection said: a test leaves no live token behind.
  const revocation = await attempt('revoke', () => httpRequest(clientPost(url, 'revoke', thirdParty, {token: accessToken})));
  if (introspection.status !== 200 || !active)
    return fail('introspect', introspection.status === 200 ? '200 active: false' : errorText(introspection), introspection.ms);
  pass('introspect', '200 active: true', introspection.ms);
  if (!('status' in revocation)) return revocation;
  if (revocation.status !== 200) return fail('revoke', errorText(revocation), revocation.ms);
  pass('revoke', '200 revoked (Active cleared)', revocation.ms);
  return {ok: true, steps};
};
