/**
 * Two built `tpa serve` on one database behind a round-robin proxy, as the README configures
 * HAProxy or nginx (the proxy's address as --issuer, --trust-proxy, no stickiness): a client
 * library's flow has its authorization on one server and its token on the other, introspection
 * and revocation on either; browsers waiting for approval on either server are counted in the
 * header of a console on the database (the real program, in a pseudo-terminal), listed by its
 * Ctrl+W, and released by its decisions, whichever server each browser's next request reaches.
 */
import test from 'ava';
import * as oauth from 'oauth4webapi';
import {httpRequest} from '../source/server/http-request.js';
import {tpa} from './helpers/cli.js';
import {databaseOf, freshFolder} from './helpers/data-files.js';
import {postgresEngine} from './helpers/engines.js';
import {testEnvironment} from './helpers/environment.js';
import {codeRequestUrl, discover, exchangeCode, makeOAuthThirdParties, pkce, runFlow, spawnServe} from './helpers/oauth-server.js';
import {KEYS, PtyConsole} from './helpers/pty-console.js';
import {roundRobinProxy} from './helpers/round-robin.js';
import {rightPaneText, WAIT} from './helpers/screen-text.js';

test.afterEach.always(() => PtyConsole.killAll());

/** Two servers on a fresh database, each with a state folder of its own (two hosts), behind one proxy. */
const behindProxy = async (t: Parameters<typeof postgresEngine>[0] & {teardown(fn: () => unknown): void}) => {
  const thirdParties = makeOAuthThirdParties(testEnvironment(new Date()));
  const place = await postgresEngine(t).place(databaseOf(Object.values(thirdParties)));
  const proxy = await roundRobinProxy();
  t.teardown(() => proxy.close());
  const options = ['--issuer', proxy.url, '--trust-proxy', '127.0.0.1'];
  const servers = await Promise.all([0, 1].map(() => spawnServe(place.data, options, {XDG_STATE_HOME: freshFolder()})));
  for (const server of servers) t.teardown(() => server.stop());
  proxy.route(servers.map(server => server.url));
  return {thirdParties, place, proxy, servers};
};

/** The server each request to `path` went to. */
const targetsOf = (proxy: Awaited<ReturnType<typeof roundRobinProxy>>, path: string) =>
  proxy.served.filter(request => request.path.startsWith(path)).map(request => request.target);

test('a client library behind the proxy: authorization on one server, the token from the other, introspection and revocation on either', async t => {
  const {thirdParties, place, proxy, servers} = await behindProxy(t);
  const acme = thirdParties.automatic;
  const as = await discover(proxy.url);
  t.is(as.issuer, proxy.url);
  const {accessToken, client, clientAuth} = await runFlow(as, acme);
  const [authorizedOn] = targetsOf(proxy, '/oauth/authorize');
  const [tokenFrom] = targetsOf(proxy, '/oauth/token');
  t.not(authorizedOn, tokenFrom, 'the code of one server redeemed at the other');

  const introspect = async () =>
    (
      await oauth.processIntrospectionResponse(
        as,
        client,
        await oauth.introspectionRequest(as, client, clientAuth, accessToken, {[oauth.allowInsecureRequests]: true}),
      )
    ).active;
  // Active on both servers: the one that did not issue it knows it once NOTIFY has told it (milliseconds).
  const issuedAt = Date.now();
  const activeOn = new Set<string>();
  while (activeOn.size < servers.length) {
    if (await introspect()) activeOn.add(proxy.served.at(-1)!.target);
    else if (Date.now() - issuedAt > 1_000) return t.fail('a server did not know the token within a second');
  }
  t.log(`active on both servers ${Date.now() - issuedAt} ms after it was issued`);

  // tpa test --via-server here, where no server runs: through the public address saved with the data (the proxy).
  const viaServer = await tpa(['test', acme.name, '--via-server', '--json', '--data', place.data]);
  t.is(viaServer.code, 0, viaServer.stderr);
  t.like(JSON.parse(viaServer.stdout), {granted: true, server: {url: proxy.url, granted: true}});

  await oauth.processRevocationResponse(
    await oauth.revocationRequest(as, client, clientAuth, accessToken, {[oauth.allowInsecureRequests]: true}),
  );
  // Inactive on both servers within a second of the revocation.
  const revokedAt = Date.now();
  while ((await introspect()) || (await introspect())) if (Date.now() - revokedAt > 1_000) return t.fail('still active after a second');
});

test.serial(
  'browsers waiting on either server: a console on the database counts them, lists them, and its decisions release each browser wherever it asks next',
  async t => {
    const {thirdParties, place, proxy} = await behindProxy(t);
    const beta = thirdParties.ask;
    const console = PtyConsole.start({args: ['--data', place.data]});
    await console.waitFor('Third parties', WAIT);

    // Two browsers (two addresses); the proxy sends each request to the other server.
    const ask = async (address: string) => {
      const {verifier, challenge} = pkce();
      const page = await httpRequest({
        method: 'GET',
        url: codeRequestUrl(proxy.url, beta, beta.callbackUrl!, {code_challenge: challenge}),
        localAddress: address,
        timeoutMs: 30_000,
      });
      t.is(page.status, 200, page.body);
      return {verifier, wait: /url=([^"]+)"/.exec(page.body)![1]!};
    };
    const first = await ask('127.0.0.2');
    const second = await ask('127.0.0.3');
    const [onA, onB] = targetsOf(proxy, '/oauth/authorize?');
    t.not(onA, onB, 'one request waits on each server');
    t.true(first.wait.startsWith(`${proxy.url}/oauth/authorize/wait/`), 'the page sends the browser back through the proxy');

    // The header counts both; Ctrl+W lists both, oldest first.
    await console.waitFor(screen => / 2 waiting/.test(screen.split('\n')[0] ?? ''), WAIT);
    console.write(KEYS.ctrl('w'));
    const list = rightPaneText(await console.waitFor('Waiting for approval (2)', WAIT));
    t.regex(list, /Beta Bank from 127\.0\.0\.2[\s\S]*Beta Bank from 127\.0\.0\.3/);

    // Each browser asks again through the proxy, held by whichever server it reaches.
    const comeBack = async (wait: string) => {
      for (;;) {
        const answer = await httpRequest({method: 'GET', url: wait, timeoutMs: 30_000});
        if (answer.status !== 200) return new URL(String(answer.headers.location));
      }
    };
    const firstAnswer = comeBack(first.wait);
    const secondAnswer = comeBack(second.wait);
    console.write(KEYS.enter);
    await console.waitFor('Beta Bank: request approved.', WAIT);
    await console.waitFor('Waiting for approval (1)', WAIT);
    console.write('d');
    await console.waitFor('Beta Bank: request denied.', WAIT);
    await console.waitFor('Waiting for approval (0)', WAIT);

    const approved = await firstAnswer;
    const code = approved.searchParams.get('code');
    t.truthy(code, approved.href);
    t.is(approved.searchParams.get('iss'), proxy.url);
    t.is((await secondAnswer).searchParams.get('error'), 'access_denied');
    // The code is good at whichever server the token request reaches.
    const token = await exchangeCode(proxy.url, beta, code!, first.verifier);
    t.is(token.status, 200, token.body);
    t.regex(JSON.stringify(await place.audit()), /approved by [^@"]+@[^"]+/);
  },
);
