/** A data file with third parties for every authorization case, and `tpa serve` on it (built CLI or in-process). */
import {spawn} from 'node:child_process';
import {createHash, randomBytes} from 'node:crypto';
import * as oauth from 'oauth4webapi';
import {addToken, createThirdParty, type Environment, type ThirdParty} from '../../source/domain/index.js';
import {codeExchangeRequest} from '../../source/server/authorization-self-test.js';
import {httpRequest} from '../../source/server/http-request.js';
import {consoleApprovals} from '../../source/server/shared-approvals-client.js';
import {startServer, type ServerOptions} from '../../source/server/start-server.js';
import type {EngineFactory} from './engines.js';
import {databaseOf, freshFolder, writeDataFile} from './data-files.js';
import {CLI} from './pty-console.js';

export const makeOAuthThirdParties = (env: Environment) => {
  const make = (name: string, fields: Partial<ThirdParty>): ThirdParty => ({
    ...addToken(createThirdParty(env, name), env),
    enabled: true,
    ...fields,
  });
  return {
    automatic: make('Acme Payments', {callbackUrl: 'http://127.0.0.1/callback', approval: 'automatic'}),
    ask: make('Beta Bank', {callbackUrl: 'https://beta.example/oauth/callback', approval: 'ask'}),
    disabled: make('City Utilities', {callbackUrl: 'https://city.example/cb', approval: 'automatic', enabled: false}),
    manual: make('Delta Mail', {callbackUrl: null}),
  };
};

/** An Enabled third party with a token, a callback URL and an approval setting. */
export const oauthThirdParty = (env: Environment, name: string, callbackUrl: string, approval: 'automatic' | 'ask'): ThirdParty => ({
  ...addToken(createThirdParty(env, name), env),
  enabled: true,
  callbackUrl,
  approval,
});

export const writeOAuthData = (env: Environment) => {
  const thirdParties = makeOAuthThirdParties(env);
  const file = writeDataFile(freshFolder(), databaseOf(Object.values(thirdParties)));
  return {file, thirdParties};
};

/**
 * An in-process `tpa serve` on a loopback port over `thirdParties`, on a place of `engine` (on a
 * database: the codes and waiting requests are the database's). `file`: the data file, or for a
 * database the path beside which the server keeps its server file. `console(by)`: a console's
 * approvals as the console opens them (the admin channel on a file, the database on a database).
 */
export const serveOn = async (
  engine: EngineFactory,
  thirdParties: readonly ThirdParty[],
  options: Partial<ServerOptions> = {},
  env: Pick<Environment, 'now'> = {now: () => new Date()},
) => {
  const place = await engine.place(databaseOf([...thirdParties]), env);
  const file = place.localFile;
  const server = await startServer({dataFile: file, data: place.location, port: 0, debounceMs: 10, ...options});
  const console = async (by: string) => consoleApprovals(await place.store(env, {actor: by}), file, {by, retryMs: 50});
  return {place, file, server, console};
};

/**
 * The built `tpa serve` on a free loopback port; resolves once it listens. `file`: a data file
 * or a postgres:// address; `env`: variables over this process's (a state folder of its own).
 */
export const spawnServe = async (file: string, extra: string[] = [], env: Record<string, string> = {}) => {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data', file, ...extra], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {...process.env, ...env},
  });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /listening on (\S+)/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    child.once('exit', code => reject(new Error(`tpa serve exited ${code}: ${stderr}`)));
  });
  const stop = () =>
    new Promise<void>(resolve => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  /** Ends it at once, without its clean stop (kill -9). */
  const kill = () =>
    new Promise<void>(resolve => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  return {url, stop, kill, stderr: () => stderr};
};

export const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return {verifier, challenge: createHash('sha256').update(verifier).digest('base64url')};
};

export const authorizeUrl = (base: string, parameters: Record<string, string | undefined>): string => {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined) query.set(name, value);
  return `${base}/oauth/authorize?${query}`;
};

/** The authorization request of a well-behaved client (code, PKCE S256, state `st`) with `redirectUri`, and `extra` parameters over it. */
export const codeRequestUrl = (
  base: string,
  thirdParty: Pick<ThirdParty, 'clientId' | 'callbackUrl'>,
  redirectUri = thirdParty.callbackUrl!,
  extra: Record<string, string> = {},
): string =>
  authorizeUrl(base, {
    response_type: 'code',
    client_id: thirdParty.clientId,
    redirect_uri: redirectUri,
    state: 'st',
    code_challenge: pkce().challenge,
    code_challenge_method: 'S256',
    ...extra,
  });

/**
 * The redirect_uri attacks of issue 17 §1 on the saved callback URL `https://acme.example/cb`:
 * each was redirected to with a code (or gave a 500) before the one decision (callback-url.ts).
 */
export const ISSUE_17_ATTACKS = [
  'http://evil.example/cb',
  'https://EVIL.example/cb',
  'https://acme.example@evil.example/cb',
  'https://evil.example/a/../cb',
  'https://acme.example/cb#x',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'https://аcme.example/cb', // a Cyrillic "а"
  'https://acme.example/cb/../../x',
  'garbage',
  '//evil.example/x',
  'https://acme.example:65536/cb',
] as const;

/**
 * The well-behaved authorization request (codeRequestUrl) from `localAddress` (tests use 127.0.0.x
 * as other clients), not followed: the answer, the PKCE verifier, and what the redirect carries.
 */
export const authorizeFrom = async (
  url: string,
  thirdParty: Pick<ThirdParty, 'clientId' | 'callbackUrl'>,
  localAddress = '127.0.0.1',
  extra: Record<string, string> = {},
) => {
  const {verifier, challenge} = pkce();
  const answer = await httpRequest({
    method: 'GET',
    url: codeRequestUrl(url, thirdParty, thirdParty.callbackUrl!, {code_challenge: challenge, ...extra}),
    localAddress,
    timeoutMs: 30_000,
  });
  const location = answer.headers.location === undefined ? undefined : new URL(answer.headers.location);
  return {
    answer,
    verifier,
    location,
    code: location?.searchParams.get('code') ?? undefined,
    error: location?.searchParams.get('error') ?? undefined,
  };
};

/** The token request for a code (the client by Basic unless `authorization` says otherwise), from `localAddress`. */
export const exchangeCode = (
  url: string,
  thirdParty: Pick<ThirdParty, 'clientId' | 'clientSecret' | 'callbackUrl'>,
  code: string,
  verifier: string,
  authorization?: string,
  localAddress?: string,
) => {
  // A token answer waits for its save: long on a busy machine.
  const request = codeExchangeRequest(url, thirdParty, code, verifier, 30_000);
  return httpRequest({
    ...request,
    headers: {...request.headers, ...(authorization ? {Authorization: authorization} : {})},
    ...(localAddress ? {localAddress} : {}),
  });
};

/** GET without following the redirect: the test follows it, as an application's callback would receive it. */
export const get = (url: string) => httpRequest({method: 'GET', url, timeoutMs: 30_000});

export const basic = (thirdParty: Pick<ThirdParty, 'clientId' | 'clientSecret'>) =>
  `Basic ${Buffer.from(`${thirdParty.clientId}:${thirdParty.clientSecret}`).toString('base64')}`;

/** `localAddress`: the address the request comes from (127.0.0.1 unless given). */
export const postForm = (url: string, form: Record<string, string>, authorization?: string, localAddress?: string) =>
  httpRequest({
    method: 'POST',
    url,
    headers: {'Content-Type': 'application/x-www-form-urlencoded', ...(authorization ? {Authorization: authorization} : {})},
    body: new URLSearchParams(form).toString(),
    ...(localAddress ? {localAddress} : {}),
    // A token answer waits for its save: long on a busy machine.
    timeoutMs: 30_000,
  });

/** The standard client: discovery with oauth4webapi (http allowed: loopback). */
export const discover = async (issuer: string) => {
  const issuerUrl = new URL(issuer);
  const response = await oauth.discoveryRequest(issuerUrl, {algorithm: 'oauth2', [oauth.allowInsecureRequests]: true});
  return oauth.processDiscoveryResponse(issuerUrl, response);
};

/** A whole flow as a third party's application runs it with oauth4webapi: returns the access token. */
export const runFlow = async (as: oauth.AuthorizationServer, thirdParty: ThirdParty, redirectUri = thirdParty.callbackUrl!) => {
  const client: oauth.Client = {client_id: thirdParty.clientId};
  const clientAuth = oauth.ClientSecretBasic(thirdParty.clientSecret);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const authorization = new URL(as.authorization_endpoint!);
  authorization.search = new URLSearchParams({
    response_type: 'code',
    client_id: thirdParty.clientId,
    redirect_uri: redirectUri,
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  }).toString();
  const answer = await get(authorization.toString());
  if (answer.status !== 302) throw new Error(`authorize answered ${answer.status}`);
  const params = oauth.validateAuthResponse(as, client, new URL(String(answer.headers.location)), state);
  const response = await oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, redirectUri, verifier, {
    [oauth.allowInsecureRequests]: true,
  });
  const result = await oauth.processAuthorizationCodeResponse(as, client, response);
  return {accessToken: result.access_token, client, clientAuth};
};
