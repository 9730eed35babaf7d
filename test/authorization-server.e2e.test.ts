/**
 * The authorization server end to end: the built `tpa serve` on a loopback port, driven by
 * oauth4webapi (a client library this project did not write) and by hand for the refusals.
 */
import {execFile} from 'node:child_process';
import type {ExecutionContext} from 'ava';
import * as oauth from 'oauth4webapi';
import {testEnvironment} from './helpers/environment.js';
import {CLI} from './helpers/pty-console.js';
import {authorizeUrl, basic, discover, get, makeOAuthThirdParties, pkce, postForm, runFlow, spawnServe} from './helpers/oauth-server.js';
import {databaseOf} from './helpers/data-files.js';
import {sharedPerEngine, type EngineFactory} from './helpers/engines.js';

const setup = async (engine: EngineFactory) => {
  const env = testEnvironment(new Date().toISOString());
  const thirdParties = makeOAuthThirdParties(env);
  const place = await engine.place(databaseOf(Object.values(thirdParties)), env);
  const server = await spawnServe(place.data);
  const as = await discover(server.url);
  return {place, thirdParties, server, as, saved: () => place.stored(), history: async () => JSON.stringify(await place.audit())};
};

/** One built server per engine; the tests run one at a time, `shared` being the running test's. */
let shared: Awaited<ReturnType<typeof setup>>;
const onEachEngine = sharedPerEngine(setup, fixture => fixture.server.stop());
const eachEngine = (title: string, body: (t: ExecutionContext) => Promise<void>) =>
  onEachEngine(title, async (t, fixture) => {
    shared = fixture;
    await body(t);
  });

eachEngine('discovery has exactly the metadata of RFC 8414 the issue lists, at the address listened on', async t => {
  const answer = await get(`${shared.server.url}/.well-known/oauth-authorization-server`);
  t.is(answer.status, 200);
  const issuer = shared.server.url;
  t.deepEqual(JSON.parse(answer.body), {
    issuer,
    authorization_endpoint: `${issuer}/oauth/authorize`,
    token_endpoint: `${issuer}/oauth/token`,
    introspection_endpoint: `${issuer}/oauth/introspect`,
    revocation_endpoint: `${issuer}/oauth/revoke`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    authorization_response_iss_parameter_supported: true,
  });
  t.not(new URL(issuer).port, '8787');
});

eachEngine('authorization code with PKCE, then introspect and revoke, with oauth4webapi; the token is a row of the grid', async t => {
  const {as, thirdParties, saved, history} = shared;
  const acme = thirdParties.automatic;
  // A loopback callback matches on any port (RFC 8252 §7.3).
  const {accessToken, client, clientAuth} = await runFlow(as, acme, 'http://127.0.0.1:51234/callback');
  t.regex(accessToken, /^tpat_/);

  const row = (await saved()).thirdParties.find(candidate => candidate.id === acme.id)!.tokens[0]!;
  t.like(row, {token: accessToken, expiresAt: null, active: true, origin: 'automatic'});
  t.regex(await history(), /automatic authorization \(tpa serve on [^)]+\)".*token issued by automatic authorization/);

  const introspection = await oauth.processIntrospectionResponse(
    as,
    client,
    await oauth.introspectionRequest(as, client, clientAuth, accessToken, {[oauth.allowInsecureRequests]: true}),
  );
  t.is(introspection.active, true);
  const ping = await fetch(`${shared.server.url}/v1/ping`, {headers: {Authorization: `Bearer ${accessToken}`}});
  t.is(ping.status, 200);

  await oauth.processRevocationResponse(
    await oauth.revocationRequest(as, client, clientAuth, accessToken, {[oauth.allowInsecureRequests]: true}),
  );
  const after = await oauth.processIntrospectionResponse(
    as,
    client,
    await oauth.introspectionRequest(as, client, clientAuth, accessToken, {[oauth.allowInsecureRequests]: true}),
  );
  t.is(after.active, false);
  t.false((await saved()).thirdParties.find(candidate => candidate.id === acme.id)!.tokens[0]!.active);
  t.regex(await history(), /token revoked by the third party/);
});

eachEngine('a new authorization replaces the earlier automatic token: its Active is cleared, the history says replaced', async t => {
  const {as, thirdParties, saved, history} = shared;
  const first = await runFlow(as, thirdParties.automatic);
  const second = await runFlow(as, thirdParties.automatic);
  const tokens = (await saved()).thirdParties.find(candidate => candidate.id === thirdParties.automatic.id)!.tokens;
  t.true(tokens.find(token => token.token === second.accessToken)!.active);
  t.false(tokens.find(token => token.token === first.accessToken)!.active);
  // The admin's own token is untouched.
  t.true(tokens.find(token => token.origin === undefined)!.active);
  t.regex(await history(), /replaced/);
});

const codeFor = async (thirdParty = shared.thirdParties.automatic, redirectUri = thirdParty.callbackUrl!) => {
  const {verifier, challenge} = pkce();
  const answer = await get(
    authorizeUrl(shared.server.url, {
      response_type: 'code',
      client_id: thirdParty.clientId,
      redirect_uri: redirectUri,
      state: 'xyz',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }),
  );
  const location = new URL(String(answer.headers.location));
  return {code: location.searchParams.get('code')!, verifier, location, answer};
};

const exchange = (
  code: string,
  verifier: string,
  redirectUri = shared.thirdParties.automatic.callbackUrl!,
  thirdParty = shared.thirdParties.automatic,
) =>
  postForm(
    `${shared.server.url}/oauth/token`,
    {grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier},
    basic(thirdParty),
  );

eachEngine('every redirect carries iss and state (RFC 9207); the token answer is not cached', async t => {
  const {code, verifier, location} = await codeFor();
  t.is(location.searchParams.get('iss'), shared.server.url);
  t.is(location.searchParams.get('state'), 'xyz');
  const answer = await exchange(code, verifier);
  t.is(answer.status, 200);
  t.is(answer.headers['cache-control'], 'no-store');
  t.is(answer.headers['pragma'], 'no-cache');
  t.deepEqual(Object.keys(JSON.parse(answer.body)).sort(), ['access_token', 'token_type']);
  t.is(JSON.parse(answer.body).token_type, 'Bearer');
});

eachEngine('a code used twice is refused and the token it gave is revoked', async t => {
  const {code, verifier} = await codeFor();
  const first = await exchange(code, verifier);
  const token = JSON.parse(first.body).access_token as string;
  const again = await exchange(code, verifier);
  t.is(again.status, 400);
  t.is(JSON.parse(again.body).error, 'invalid_grant');
  const introspect = async () =>
    JSON.parse((await postForm(`${shared.server.url}/oauth/introspect`, {token}, basic(shared.thirdParties.automatic))).body)
      .active as boolean;
  const deadline = Date.now() + 5_000;
  while ((await introspect()) && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 20));
  t.false(await introspect());
});

eachEngine('a wrong PKCE verifier is invalid_grant, and the code is spent', async t => {
  const {code, verifier} = await codeFor();
  const wrong = await exchange(code, pkce().verifier);
  t.is(wrong.status, 400);
  t.is(JSON.parse(wrong.body).error, 'invalid_grant');
  t.is(JSON.parse((await exchange(code, verifier)).body).error, 'invalid_grant');
});

eachEngine("a redirect_uri at the token endpoint other than the authorization request's is invalid_grant", async t => {
  const {code, verifier} = await codeFor(shared.thirdParties.automatic, 'http://127.0.0.1:4000/callback');
  const answer = await exchange(code, verifier, 'http://127.0.0.1:4001/callback');
  t.is(JSON.parse(answer.body).error, 'invalid_grant');
});

eachEngine('code_challenge_method=plain, or none, is refused by a redirect with invalid_request', async t => {
  const acme = shared.thirdParties.automatic;
  for (const method of ['plain', undefined]) {
    const answer = await get(
      authorizeUrl(shared.server.url, {
        response_type: 'code',
        client_id: acme.clientId,
        redirect_uri: acme.callbackUrl!,
        state: 's',
        code_challenge: pkce().challenge,
        code_challenge_method: method,
      }),
    );
    t.is(answer.status, 302);
    const location = new URL(String(answer.headers.location));
    t.is(location.searchParams.get('error'), 'invalid_request');
    t.is(location.searchParams.get('iss'), shared.server.url);
    t.is(location.searchParams.get('state'), 's');
    t.is(location.searchParams.get('code'), null);
  }
});

eachEngine('an unknown client, a missing or unregistered redirect_uri: an error page, never a redirect', async t => {
  const acme = shared.thirdParties.automatic;
  const base = {response_type: 'code', code_challenge: pkce().challenge, code_challenge_method: 'S256', state: 's'};
  const cases = [
    {...base, client_id: 'unknown', redirect_uri: acme.callbackUrl!},
    {...base, client_id: acme.clientId},
    {...base, client_id: acme.clientId, redirect_uri: 'https://evil.example/callback'},
    {...base, client_id: acme.clientId, redirect_uri: 'http://127.0.0.1/other'},
  ];
  for (const parameters of cases) {
    const answer = await get(authorizeUrl(shared.server.url, parameters));
    t.is(answer.status, 400);
    t.is(answer.headers.location, undefined);
    t.regex(String(answer.headers['content-type']), /text\/html/);
  }
});

eachEngine(
  'a third party not Enabled gets access_denied; a manual one (no callback URL) an error page with unauthorized_client',
  async t => {
    const {disabled, manual} = shared.thirdParties;
    const denied = await codeFor(disabled);
    t.is(denied.location.searchParams.get('error'), 'access_denied');
    t.is(denied.location.searchParams.get('iss'), shared.server.url);
    const answer = await get(
      authorizeUrl(shared.server.url, {
        response_type: 'code',
        client_id: manual.clientId,
        redirect_uri: 'https://delta.example/cb',
        code_challenge: pkce().challenge,
        code_challenge_method: 'S256',
      }),
    );
    t.is(answer.status, 400);
    t.regex(answer.body, /unauthorized_client/);
    t.regex(answer.body, /manual authorization/);
  },
);

eachEngine(
  'the token endpoint refuses a wrong client with 401 invalid_client and WWW-Authenticate; other grants are unsupported',
  async t => {
    const acme = shared.thirdParties.automatic;
    const wrong = await postForm(
      `${shared.server.url}/oauth/token`,
      {grant_type: 'authorization_code', code: 'x', redirect_uri: acme.callbackUrl!, code_verifier: pkce().verifier},
      basic({...acme, clientSecret: 'nope'}),
    );
    t.is(wrong.status, 401);
    t.is(JSON.parse(wrong.body).error, 'invalid_client');
    t.truthy(wrong.headers['www-authenticate']);
    t.is(wrong.headers['cache-control'], 'no-store');
    const grant = await postForm(`${shared.server.url}/oauth/token`, {grant_type: 'client_credentials'}, basic(acme));
    t.is(grant.status, 400);
    t.is(JSON.parse(grant.body).error, 'unsupported_grant_type');
    const missing = await postForm(`${shared.server.url}/oauth/token`, {grant_type: 'authorization_code'}, basic(acme));
    t.is(missing.status, 400);
    t.is(JSON.parse(missing.body).error, 'invalid_request');
    // In the body (client_secret_post) works as Basic does.
    const {code, verifier} = await codeFor();
    const post = await postForm(`${shared.server.url}/oauth/token`, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: acme.callbackUrl!,
      code_verifier: verifier,
      client_id: acme.clientId,
      client_secret: acme.clientSecret,
    });
    t.is(post.status, 200);
  },
);

eachEngine('Active cleared by the admin after issue: introspection says inactive at once', async t => {
  const {as, thirdParties, place} = shared;
  const {accessToken} = await runFlow(as, thirdParties.automatic);
  // The admin's console clears Active through the store (another process's save).
  const store = await place.store({now: () => new Date()}, {actor: 'alice@host'});
  const acme = store.database.thirdParties.find(candidate => candidate.id === thirdParties.automatic.id)!;
  await store.saveThirdParty({
    ...acme,
    tokens: acme.tokens.map(token => (token.token === accessToken ? {...token, active: false} : token)),
  });
  const introspect = async () =>
    JSON.parse((await postForm(`${shared.server.url}/oauth/introspect`, {token: accessToken}, basic(thirdParties.automatic))).body)
      .active as boolean;
  const deadline = Date.now() + 2_000;
  while ((await introspect()) && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 10));
  t.false(await introspect());
});

eachEngine('tpa test-authorization runs the self-test through the running server: exit 0, or 1 naming the failing step', async t => {
  const run = (name: string) =>
    new Promise<{code: number | null; out: string}>(resolve => {
      execFile(process.execPath, [CLI, 'test-authorization', name, '--data', shared.place.data], (error, stdout) =>
        resolve({code: error ? ((error as {code?: number}).code ?? 1) : 0, out: stdout}),
      );
    });
  const good = await run('beta bank');
  t.is(good.code, 0, good.out);
  t.regex(good.out, /✔ revoke/);
  const manual = await run('Delta Mail');
  t.is(manual.code, 1);
  t.regex(manual.out, /The authorize step failed/);
});
