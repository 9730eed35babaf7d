/**
 * Issue 17 §5: interop with client libraries this project did not write (openid-client,
 * oauth4webapi, @badgateway/oauth2-client) against the built `tpa serve`: discovery for an issuer
 * with a path, revocation, the Basic challenge only after Basic, scope, the access log of the
 * authorization endpoint, and whole code + PKCE flows with the `iss` check.
 */
import {readFileSync} from 'node:fs';
import {OAuth2Client, generateCodeVerifier} from '@badgateway/oauth2-client';
import type {ExecutionContext} from 'ava';
import * as oauth from 'oauth4webapi';
import * as openid from 'openid-client';
import type {ThirdParty} from '../source/domain/index.js';
import {httpRequest} from '../source/server/http-request.js';
import {accessLogPath} from '../source/store/index.js';
import {testEnvironment} from './helpers/environment.js';
import {authorizeUrl, basic, codeRequestUrl, get, makeOAuthThirdParties, pkce, postForm, spawnServe} from './helpers/oauth-server.js';
import {databaseOf} from './helpers/data-files.js';
import {sharedPerEngine, type EngineFactory} from './helpers/engines.js';

const PUBLIC = 'https://tpa.example.test';
const PATH_ISSUER = `${PUBLIC}/auth`;

/** A place of `engine` holding the OAuth third parties made with `seed`. */
const oauthPlace = async (engine: EngineFactory, seed: string) => {
  const thirdParties = makeOAuthThirdParties(testEnvironment(new Date().toISOString(), seed));
  const place = await engine.place(databaseOf(Object.values(thirdParties)));
  return {place, thirdParties, file: place.localFile};
};

/** Per engine: a server at its own address, and one published behind a proxy at PATH_ISSUER. */
const setup = async (engine: EngineFactory) => {
  const data = await oauthPlace(engine, 'interop');
  const server = await spawnServe(data.place.data);
  const other = await oauthPlace(engine, 'interop-path');
  const behindProxy = await spawnServe(other.place.data, ['--issuer', PATH_ISSUER]);
  return {...data, server, other, behindProxy};
};

/** The tests run one at a time on each engine, `shared` being the running test's servers. */
let shared: Awaited<ReturnType<typeof setup>>;
const onEachEngine = sharedPerEngine(setup, async fixture => {
  await fixture.server.stop();
  await fixture.behindProxy.stop();
});
const eachEngine = (title: string, body: (t: ExecutionContext) => Promise<void>) =>
  onEachEngine(title, async (t, fixture) => {
    shared = fixture;
    await body(t);
  });

/**
 * A reverse proxy that publishes the server at https://tpa.example.test/auth: the well-known
 * documents at the host's root (RFC 8414 §3.1), everything else under /auth.
 */
const proxyTo =
  (base: string) =>
  // The libraries hand over fetch's own options (their type is narrower than RequestInit, but not for fetch).
  (url: string, options: object): Promise<Response> => {
    const target = new URL(url);
    if (target.origin !== PUBLIC) throw new Error(`the test's proxy knows only ${PUBLIC}, not ${url}`);
    const path = target.pathname.startsWith('/.well-known/') ? target.pathname : target.pathname.replace(/^\/auth(?=\/)/, '');
    return fetch(`${base}${path}${target.search}`, options as RequestInit);
  };
const viaProxy = (url: string) => proxyTo(shared.behindProxy.url)(url, {redirect: 'manual'});

eachEngine(
  'discovery for an issuer with a path: served at /.well-known/oauth-authorization-server/auth, found by oauth4webapi',
  async t => {
    const issuer = new URL(PATH_ISSUER);
    const response = await oauth.discoveryRequest(issuer, {algorithm: 'oauth2', [oauth.customFetch]: proxyTo(shared.behindProxy.url)});
    const as = await oauth.processDiscoveryResponse(issuer, response);
    t.is(as.issuer, PATH_ISSUER);
    t.is(as.authorization_endpoint, `${PATH_ISSUER}/oauth/authorize`);
    // The root document is still there (an issuer without a path, and clients that look there).
    t.is((await get(`${shared.behindProxy.url}/.well-known/oauth-authorization-server`)).status, 200);
    // Another path is not this issuer's.
    t.is((await get(`${shared.behindProxy.url}/.well-known/oauth-authorization-server/other`)).status, 404);
    t.is((await get(`${shared.server.url}/.well-known/oauth-authorization-server/auth`)).status, 404);
  },
);

/** A whole code + PKCE flow driven by openid-client: discovery, the authorization URL, the code from the redirect (iss checked), the token. */
const openidFlow = async (
  config: openid.Configuration,
  thirdParty: ThirdParty,
  fetchPage: (url: string) => Promise<{location: string}>,
) => {
  const verifier = openid.randomPKCECodeVerifier();
  const state = openid.randomState();
  const url = openid.buildAuthorizationUrl(config, {
    redirect_uri: thirdParty.callbackUrl!,
    code_challenge: await openid.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  const {location} = await fetchPage(url.href);
  return {location, verifier, state};
};

eachEngine('openid-client: a whole code + PKCE flow behind a proxy with a path issuer, iss checked', async t => {
  const acme = shared.other.thirdParties.automatic;
  const config = await openid.discovery(
    new URL(PATH_ISSUER),
    acme.clientId,
    acme.clientSecret,
    openid.ClientSecretBasic(acme.clientSecret),
    {
      algorithm: 'oauth2',
      [openid.customFetch]: proxyTo(shared.behindProxy.url),
    },
  );
  config[openid.customFetch] = proxyTo(shared.behindProxy.url);
  const {location, verifier, state} = await openidFlow(config, acme, async url => {
    const answer = await viaProxy(url);
    t.is(answer.status, 302);
    return {location: answer.headers.get('location')!};
  });
  t.is(new URL(location).searchParams.get('iss'), PATH_ISSUER);
  const tokens = await openid.authorizationCodeGrant(config, new URL(location), {pkceCodeVerifier: verifier, expectedState: state});
  t.regex(tokens.access_token, /^tpat_/);
  t.is(tokens.expires_in, undefined);
  t.is(tokens.refresh_token, undefined);
  await openid.tokenRevocation(config, tokens.access_token);
});

eachEngine('openid-client at an issuer without a path (client_secret_post, its default): the flow, and a forged iss refused', async t => {
  const acme = shared.thirdParties.automatic;
  const config = await openid.discovery(new URL(shared.server.url), acme.clientId, acme.clientSecret, undefined, {
    algorithm: 'oauth2',
    execute: [openid.allowInsecureRequests],
  });
  const fetchPage = async (url: string) => {
    const answer = await get(url);
    t.is(answer.status, 302);
    return {location: String(answer.headers.location)};
  };
  // A redirect whose iss is not the server's (a mix-up attack) is refused before the code is used.
  const forged = await openidFlow(config, acme, fetchPage);
  const mixedUp = new URL(forged.location);
  mixedUp.searchParams.set('iss', 'https://evil.example');
  const mixUp = await t.throwsAsync(
    openid.authorizationCodeGrant(config, mixedUp, {pkceCodeVerifier: forged.verifier, expectedState: forged.state}),
  );
  t.regex(String((mixUp?.cause as Error | undefined)?.message), /"iss"/);
  const {location, verifier, state} = await openidFlow(config, acme, fetchPage);
  const tokens = await openid.authorizationCodeGrant(config, new URL(location), {pkceCodeVerifier: verifier, expectedState: state});
  t.regex(tokens.access_token, /^tpat_/);
  const introspection = await openid.tokenIntrospection(config, tokens.access_token);
  t.true(introspection.active);
  await openid.tokenRevocation(config, tokens.access_token);
  t.false((await openid.tokenIntrospection(config, tokens.access_token)).active);
});

eachEngine('revocation answers with no body type: @badgateway/oauth2-client revokes (its whole flow, iss checked by hand)', async t => {
  const acme = shared.thirdParties.automatic;
  const client = new OAuth2Client({server: shared.server.url, clientId: acme.clientId, clientSecret: acme.clientSecret});
  const codeVerifier = await generateCodeVerifier();
  const state = 'badgateway-state';
  const url = await client.authorizationCode.getAuthorizeUri({redirectUri: acme.callbackUrl!, state, codeVerifier});
  const location = String((await get(url)).headers.location);
  // The library does not check iss itself (README, "For a third party's developer").
  t.is(new URL(location).searchParams.get('iss'), shared.server.url);
  const token = await client.authorizationCode.getTokenFromCodeRedirect(location, {redirectUri: acme.callbackUrl!, state, codeVerifier});
  t.regex(token.accessToken, /^tpat_/);
  await client.revoke(token);
  const raw = await postForm(`${shared.server.url}/oauth/revoke`, {token: token.accessToken}, basic(acme));
  t.is(raw.status, 200);
  t.is(raw.headers['content-type'], undefined);
  t.is(raw.body, '');
  const introspection = await postForm(`${shared.server.url}/oauth/introspect`, {token: token.accessToken}, basic(acme));
  t.false(JSON.parse(introspection.body).active);
});

eachEngine(
  'WWW-Authenticate: Basic only where Basic was used; a client_secret_post client gets invalid_client (openid-client, oauth4webapi)',
  async t => {
    const acme = shared.thirdParties.automatic;
    // openid-client with client_secret_post and a wrong secret.
    const config = await openid.discovery(new URL(shared.server.url), acme.clientId, 'tpas_wrong', openid.ClientSecretPost('tpas_wrong'), {
      algorithm: 'oauth2',
      execute: [openid.allowInsecureRequests],
    });
    const code = await codeFor(acme);
    const refused = await openid
      .authorizationCodeGrant(config, new URL(code.location), {pkceCodeVerifier: code.verifier, expectedState: 'st'})
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    t.true(refused instanceof openid.ResponseBodyError, String(refused));
    t.is((refused as openid.ResponseBodyError).error, 'invalid_client');

    // oauth4webapi, the same.
    const as = await oauth.processDiscoveryResponse(
      new URL(shared.server.url),
      await oauth.discoveryRequest(new URL(shared.server.url), {algorithm: 'oauth2', [oauth.allowInsecureRequests]: true}),
    );
    const client: oauth.Client = {client_id: acme.clientId};
    const again = await codeFor(acme);
    const params = oauth.validateAuthResponse(as, client, new URL(again.location), 'st');
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.ClientSecretPost('tpas_wrong'),
      params,
      acme.callbackUrl!,
      again.verifier,
      {[oauth.allowInsecureRequests]: true},
    );
    t.is(response.headers.get('www-authenticate'), null);
    const error = await oauth.processAuthorizationCodeResponse(as, client, response).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    t.true(error instanceof oauth.ResponseBodyError, String(error));
    t.is((error as oauth.ResponseBodyError).error, 'invalid_client');

    // By hand: the body's secret at every endpoint, no challenge; Basic, the challenge.
    for (const endpoint of ['token', 'revoke', 'introspect']) {
      const post = await postForm(`${shared.server.url}/oauth/${endpoint}`, {
        grant_type: 'authorization_code',
        token: 'x',
        client_id: acme.clientId,
        client_secret: 'tpas_wrong',
      });
      t.is(JSON.parse(post.body).error, 'invalid_client', endpoint);
      t.is(post.headers['www-authenticate'], undefined, endpoint);
      const withBasic = await postForm(
        `${shared.server.url}/oauth/${endpoint}`,
        {grant_type: 'authorization_code', token: 'x'},
        basic({...acme, clientSecret: 'tpas_wrong'}),
      );
      t.is(withBasic.status, 401, endpoint);
      t.regex(String(withBasic.headers['www-authenticate']), /^Basic realm="tpa"/, endpoint);
    }
  },
);

const codeFor = async (thirdParty: ThirdParty, extra: Record<string, string> = {}) => {
  const {verifier, challenge} = pkce();
  const answer = await get(codeRequestUrl(shared.server.url, thirdParty, thirdParty.callbackUrl!, {code_challenge: challenge, ...extra}));
  return {answer, location: String(answer.headers.location), verifier};
};

eachEngine('scope: this server offers none, so a request that asks for one gets invalid_scope, and discovery lists none', async t => {
  const acme = shared.thirdParties.automatic;
  for (const scope of ['read', 'openid', 'read write']) {
    const {answer, location} = await codeFor(acme, {scope});
    t.is(answer.status, 302);
    const url = new URL(location);
    t.is(url.searchParams.get('error'), 'invalid_scope', scope);
    t.is(url.searchParams.get('code'), null);
    t.is(url.searchParams.get('iss'), shared.server.url);
  }
  // An empty scope is no scope.
  t.truthy(new URL((await codeFor(acme, {scope: ''})).location).searchParams.get('code'));
  const metadata = JSON.parse((await get(`${shared.server.url}/.well-known/oauth-authorization-server`)).body);
  t.false('scopes_supported' in metadata);
});

eachEngine(
  'every /oauth/authorize request is in the access log: codes, waiting, refusals as a page or a redirect, wrong methods',
  async t => {
    const {automatic, ask} = shared.thirdParties;
    // From an address of its own, so that its lines are told from the other tests' whenever they are written.
    const from = '127.0.0.9';
    const get = (url: string, method = 'GET', body?: string) =>
      httpRequest({method, url, localAddress: from, ...(body === undefined ? {} : {body})});
    const codeFor = (thirdParty: ThirdParty) => get(codeRequestUrl(shared.server.url, thirdParty)).then(answer => ({answer}));
    const granted = await codeFor(automatic);
    t.is(granted.answer.status, 302);
    const foreign = await get(
      authorizeUrl(shared.server.url, {response_type: 'code', client_id: automatic.clientId, redirect_uri: 'https://evil.example/cb'}),
    );
    t.is(foreign.status, 400);
    const unknown = await get(authorizeUrl(shared.server.url, {client_id: 'nobody'}));
    t.is(unknown.status, 400);
    const noPkce = await get(
      authorizeUrl(shared.server.url, {response_type: 'code', client_id: automatic.clientId, redirect_uri: automatic.callbackUrl!}),
    );
    t.is(noPkce.status, 302);
    const waiting = await codeFor(ask);
    t.is(waiting.answer.status, 200);
    const post = await get(`${shared.server.url}/oauth/authorize`, 'POST', '');
    t.is(post.status, 405);
    const withBody = await get(`${shared.server.url}/oauth/authorize`, 'GET', 'x=1');
    t.is(withBody.status, 400);

    const expected = [
      {endpoint: 'authorize', status: 302, result: 'granted', clientId: automatic.clientId},
      {endpoint: 'authorize', status: 400, result: 'invalid_request', clientId: automatic.clientId},
      {endpoint: 'authorize', status: 400, result: 'invalid_request', clientId: null},
      {endpoint: 'authorize', status: 302, result: 'invalid_request', clientId: automatic.clientId},
      {endpoint: 'authorize', status: 200, result: 'waiting', clientId: ask.clientId},
      {endpoint: 'authorize', status: 405, result: 'method_not_allowed', clientId: null},
      {endpoint: 'authorize', status: 400, result: 'invalid_request', clientId: null},
    ];
    const logged = () =>
      readFileSync(accessLogPath(shared.file), 'utf8')
        .split('\n')
        .filter(line => line.includes('"endpoint":"authorize"'))
        .map(line => JSON.parse(line) as Record<string, unknown>)
        .filter(line => line['remote'] === from);
    // The log gathers lines for up to 100 ms before it writes them.
    const deadline = Date.now() + 10_000;
    while (logged().length < expected.length && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 20));
    const lines = logged();
    t.deepEqual(
      lines.map(({endpoint, status, result, clientId}) => ({endpoint, status, result, clientId})),
      expected,
    );
    for (const line of lines) t.false(JSON.stringify(line).includes('evil.example'));
  },
);
