/** Approval "ask" through the admin channel, expired codes, the approvals client and the self-test, on an in-process server with short timings. */
import {mkdirSync, rmSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import type {ThirdParty} from '../source/domain/index.js';
import {connectApprovals, type ApprovalsState} from '../source/server/approvals-client.js';
import {runAuthorizationSelfTest} from '../source/server/authorization-self-test.js';
import {httpRequest} from '../source/server/http-request.js';
import {readServerFile, type ServerInfo} from '../source/server/server-info.js';
import {startServer, type ServerOptions} from '../source/server/start-server.js';
import {testEnvironment} from './helpers/environment.js';
import {authorizeFrom, authorizeUrl, exchangeCode, get, makeOAuthThirdParties, pkce, serveOn} from './helpers/oauth-server.js';
import {fileEngine, testEachEngine, type EngineFactory} from './helpers/engines.js';
import {until} from './helpers/poll.js';

/** An in-process server on a place of `engine` holding the OAuth third parties, with short timings. */
const start = async (engine: EngineFactory, options: Partial<ServerOptions> = {}) => {
  const thirdParties = makeOAuthThirdParties(testEnvironment(new Date().toISOString()));
  return {thirdParties, ...(await serveOn(engine, Object.values(thirdParties), {holdMs: 200, ...options}))};
};

/** An authorization request from a browser at `localAddress` (another address is another request: the same one asked again replaces it). */
const askFor = async (url: string, thirdParty: {clientId: string; callbackUrl: string | null}, localAddress = '127.0.0.1') =>
  (await authorizeFrom(url, thirdParty, localAddress)).answer;

/** Authorize (automatic approval) with PKCE: the code from the redirect, and its verifier. */
const codeFor = async (url: string, thirdParty: {clientId: string; callbackUrl: string | null}) => {
  const {code, verifier} = await authorizeFrom(url, thirdParty);
  return {code: code!, verifier};
};

/** The token request for a code (the code grant with its PKCE verifier, the client by Basic). */
const exchange = (url: string, thirdParty: ThirdParty, code: string, verifier: string) => exchangeCode(url, thirdParty, code, verifier);

const serverInfoOf = async (file: string): Promise<ServerInfo> => {
  const found = await readServerFile(file);
  if (found.kind !== 'found') throw new Error(`no trusted server file: ${JSON.stringify(found)}`);
  return found.info;
};

const waitUrlOf = (html: string): string => /url=([^"]+)"/.exec(html)![1]!;

testEachEngine('an expired code (lifetime shortened to 1 s) is invalid_grant', async (t, engine) => {
  const {server, thirdParties} = await start(engine, {codeLifetimeSeconds: 1});
  t.teardown(() => server.close());
  const acme = thirdParties.automatic;
  const {code, verifier} = await codeFor(server.url, acme);
  await new Promise(resolve => setTimeout(resolve, 1_100));
  const token = await exchange(server.url, acme, code, verifier);
  t.is(token.status, 400);
  t.is(JSON.parse(token.body).error, 'invalid_grant');
  t.regex(JSON.parse(token.body).error_description, /expired/);
});

testEachEngine('ask: the request waits on a page, every console sees it at once, one approves, the flow completes', async (t, engine) => {
  const {server, thirdParties, console} = await start(engine);
  t.teardown(() => server.close());
  const beta = thirdParties.ask;

  // No console yet: the page says so.
  const lonely = await askFor(server.url, beta);
  t.is(lonely.status, 200);
  t.regex(lonely.body, /No console is open/);
  t.regex(lonely.body, /http-equiv="refresh"/);
  t.notRegex(lonely.body, /<script/);

  const states: ApprovalsState[] = [];
  const consoles = [await console('alice@host'), await console('bob@host')];
  t.teardown(() => consoles.forEach(client => client.close()));
  const seen: ApprovalsState[][] = [[], []];
  consoles.forEach((client, index) => client.subscribe(state => seen[index]!.push(state)));
  consoles[0]!.subscribe(state => states.push(state));
  await until(() => seen.every(list => list.at(-1)?.connected === true && list.at(-1)!.pending.length === 1));
  const pending = states.at(-1)!.pending[0]!;
  t.like(pending, {thirdPartyName: 'Beta Bank', clientId: beta.clientId, redirectUri: beta.callbackUrl});
  t.regex(pending.remote, /127\.0\.0\.1/);

  const page = await askFor(server.url, beta, '127.0.0.2');
  t.regex(page.body, /2 consoles are open/);
  const wait = waitUrlOf(page.body);
  await until(() => states.at(-1)!.pending.length === 2);
  const second = states.at(-1)!.pending.find(candidate => wait.endsWith(candidate.id))!;
  const waiting = get(wait);
  t.true(await consoles[1]!.approve(second.id));
  let answer = await waiting;
  // On a busy machine the held request may have been answered with the page again: the browser reloads it.
  while (answer.status === 200) answer = await get(wait);
  t.is(answer.status, 302);
  const location = new URL(String(answer.headers.location));
  t.truthy(location.searchParams.get('code'));
  t.is(location.searchParams.get('iss'), server.issuer);
  // Decided: gone from both consoles' lists.
  await until(() => seen.every(list => list.at(-1)!.pending.length === 1));
  // The same approval gives no second code.
  t.is((await get(wait)).status, 404);
  t.false(await consoles[0]!.approve(second.id));

  // Denied.
  const first = waitUrlOf(lonely.body);
  t.true(await consoles[0]!.deny(pending.id));
  const denied = await get(first);
  t.is(new URL(String(denied.headers.location)).searchParams.get('error'), 'access_denied');
  t.is(new URL(String(denied.headers.location)).searchParams.get('state'), 'st');
});

testEachEngine('ask: a request nobody answers is refused with access_denied after the timeout', async (t, engine) => {
  const {server, thirdParties} = await start(engine, {approvalTimeoutMs: 300});
  t.teardown(() => server.close());
  const page = await askFor(server.url, thirdParties.ask);
  const wait = waitUrlOf(page.body);
  await new Promise(resolve => setTimeout(resolve, 400));
  const answer = await get(wait);
  t.is(answer.status, 302);
  const location = new URL(String(answer.headers.location));
  t.is(location.searchParams.get('error'), 'access_denied');
  t.regex(location.searchParams.get('error_description')!, /within 10 minutes/);
});

testEachEngine('an approved token, issued after the approval, says who approved it in the history', async (t, engine) => {
  const {server, thirdParties, place, console} = await start(engine);
  t.teardown(() => server.close());
  const client = await console('alice@host');
  t.teardown(() => client.close());
  let last: ApprovalsState | undefined;
  client.subscribe(state => (last = state));
  const {verifier, challenge} = pkce();
  const beta = thirdParties.ask;
  const page = await get(
    authorizeUrl(server.url, {
      response_type: 'code',
      client_id: beta.clientId,
      redirect_uri: beta.callbackUrl!,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }),
  );
  await until(() => last?.pending.length === 1);
  await client.approve(last!.pending[0]!.id);
  const answer = await get(waitUrlOf(page.body));
  const code = new URL(String(answer.headers.location)).searchParams.get('code')!;
  const token = await exchange(server.url, beta, code, verifier);
  t.is(token.status, 200);
  t.regex(JSON.stringify(await place.audit()), /token issued by automatic authorization, approved by alice@host/);
});

test('the approvals client connects again after the server restarts, and says when none runs', async t => {
  const {server, file} = await start(fileEngine(t));
  const client = connectApprovals(file, {by: 'alice@host', retryMs: 50});
  t.teardown(() => client.close());
  let last: ApprovalsState | undefined;
  client.subscribe(state => (last = state));
  await until(() => last?.connected === true);
  const firstKey = (await serverInfoOf(file)).adminKey;
  const stopping = Date.now();
  await server.close();
  // The console's open event stream is ended, not waited for (the forced close comes after 2 s).
  t.true(Date.now() - stopping < 1_900, `${Date.now() - stopping} ms`);
  await until(() => last?.connected === false);
  t.regex(last!.why!, /no server running|stopped|does not answer/);
  const again = await startServer({dataFile: file, port: 0, debounceMs: 10});
  t.teardown(() => again.close());
  await until(() => last?.connected === true);
  t.not((await serverInfoOf(file)).adminKey, firstKey);
});

testEachEngine('the admin channel refuses a wrong key', async (t, engine) => {
  const {server, file} = await start(engine);
  t.teardown(() => server.close());
  const answer = await httpRequest({
    method: 'POST',
    url: `${server.url}/admin/approvals/x`,
    headers: {Authorization: 'Bearer wrong'},
    body: '{}',
  });
  t.is(answer.status, 401);
  const info = await serverInfoOf(file);
  t.true(info!.adminKey!.length >= 43);
});

testEachEngine(
  'the self-test runs every step, leaves the live token alone, leaves no row behind, and the history names it the self-test',
  async (t, engine) => {
    const {server, thirdParties, file, place} = await start(engine);
    t.teardown(() => server.close());
    const beta = thirdParties.ask; // approval "ask": the test is approved by the admin who runs it
    const result = await runAuthorizationSelfTest(file, beta, 'alice@host');
    t.true(result.ok, JSON.stringify(result));
    t.deepEqual(
      result.steps.map(step => step.name),
      ['discovery', 'authorize', 'code', 'token', 'introspect', 'revoke'],
    );
    const saved = (await place.stored()).thirdParties.find(candidate => candidate.id === beta.id)!;
    t.deepEqual(saved.tokens, beta.tokens, 'the grid is as it was: no inactive "never (auto)" row');
    const history = JSON.stringify(await place.audit());
    t.regex(history, /test token issued to the automatic authorization self-test, approved by alice@host/);
    t.regex(history, /test token revoked at the end of the automatic authorization self-test/);
    t.notRegex(history, /revoked by the third party/);

    const manual = await runAuthorizationSelfTest(file, thirdParties.manual, 'alice@host');
    t.false(manual.ok);
    t.is(manual.failed!.step, 'authorize');
    const disabled = await runAuthorizationSelfTest(file, thirdParties.disabled, 'alice@host');
    t.is(disabled.failed!.step, 'authorize');
    t.regex(disabled.steps.at(-1)!.answer, /access_denied/);
  },
);

test('a token that cannot be saved is a 500 server_error that names no file; the server log says why', async t => {
  const logged: string[] = [];
  const {server, thirdParties, file} = await start(fileEngine(t), {log: line => logged.push(line)});
  t.teardown(() => server.close());
  const acme = thirdParties.automatic;
  const {code, verifier} = await codeFor(server.url, acme);
  // A folder where the data file was: reading it for the save fails, for root too.
  rmSync(file);
  mkdirSync(file);
  const token = await exchange(server.url, acme, code, verifier);
  t.is(token.status, 500);
  t.is(JSON.parse(token.body).error, 'server_error');
  t.false(token.body.includes(path.dirname(file)));
  t.true(logged.some(line => line.startsWith('token endpoint:')));
});

testEachEngine(
  "behind --trust-proxy the console is shown the client's address from X-Forwarded-For, not the proxy's",
  async (t, engine) => {
    const {server, thirdParties, console} = await start(engine, {trustProxy: '127.0.0.1'});
    t.teardown(() => server.close());
    const beta = thirdParties.ask;
    const client = await console('alice@host');
    t.teardown(() => client.close());
    let state: ApprovalsState | undefined;
    client.subscribe(next => {
      state = next;
    });
    await until(() => state?.connected === true);
    const url = authorizeUrl(server.url, {
      response_type: 'code',
      client_id: beta.clientId,
      redirect_uri: beta.callbackUrl!,
      state: 'st',
      code_challenge: pkce().challenge,
      code_challenge_method: 'S256',
    });
    await httpRequest({method: 'GET', url, timeoutMs: 30_000, headers: {'X-Forwarded-For': '203.0.113.7'}});
    await until(() => (state?.pending.length ?? 0) === 1);
    t.is(state!.pending[0]!.remote, '203.0.113.7');
  },
);
