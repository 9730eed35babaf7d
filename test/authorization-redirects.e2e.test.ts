/**
 * Issue 17 §1: the authorization endpoint redirects only to a third party's saved callback URL
 * (exact string, RFC 6749 §3.1.2; any port on a loopback http one, RFC 8252 §7.3). Each attack
 * the issue lists, against the built `tpa serve`: an HTML error page with a 4xx, never a
 * Location header, whatever else the request says.
 */
import test from 'ava';
import type {ThirdParty} from '../source/domain/index.js';
import {connectApprovals, type ApprovalsState} from '../source/server/approvals-client.js';
import {databaseOf, freshFolder, writeDataFile} from './helpers/data-files.js';
import {testEnvironment} from './helpers/environment.js';
import {codeRequestUrl, get, ISSUE_17_ATTACKS, oauthThirdParty, spawnServe} from './helpers/oauth-server.js';

const env = testEnvironment(new Date().toISOString(), 'redirects');
const make = (name: string, callbackUrl: string, approval: 'automatic' | 'ask') => oauthThirdParty(env, name, callbackUrl, approval);
const acme = make('Acme Payments', 'https://acme.example/cb', 'automatic');
const loop = make('Loop Desktop', 'http://127.0.0.1/callback', 'automatic');
const ask = make('Beta Bank', 'https://beta.example/oauth/callback', 'ask');
const off = {...make('Off', 'https://off.example/cb', 'automatic'), enabled: false};
const manual = {...make('Manual', 'https://manual.example/cb', 'automatic'), callbackUrl: null};
const file = writeDataFile(freshFolder(), databaseOf([acme, loop, ask, off, manual]));

let server: Awaited<ReturnType<typeof spawnServe>>;
test.before(async () => {
  server = await spawnServe(file);
});
test.after.always(async () => {
  await server?.stop();
});

/** The attacks of the issue on an https callback URL, and their kin. */
const HTTPS_ATTACKS = [
  ...ISSUE_17_ATTACKS,
  'https://xn--cme-8cd.example/cb',
  'https://ACME.example/cb',
  'HTTPS://acme.example/cb',
  'https://acme.example:443/cb',
  'https://acme.example/%63b',
  'https://acme.example/./cb',
  'https://acme.example/x/../cb',
  'https://acme.example/cb/',
  'https://acme.example/cb?',
  'https://acme.example/cb?x=1',
  'https://acme.example\\cb',
  ' https://acme.example/cb',
  'https://acme.example/cb ',
  'https://user:pass@acme.example/cb',
  'http://acme.example/cb',
  'ftp://acme.example/cb',
  'https://acme.example.evil.example/cb',
  '',
];

/** A saved loopback callback URL: only its port may differ. */
const LOOPBACK_ATTACKS = [
  'http://127.0.0.1:65536/callback',
  'http://127.0.0.1:0/callback',
  'http://127.0.0.1:05000/callback',
  'http://localhost:5000/callback',
  'http://[::1]:5000/callback',
  'http://2130706433:5000/callback',
  'http://127.1:5000/callback',
  'http://127.0.0.1.evil.example:5000/callback',
  'http://user@127.0.0.1:5000/callback',
  'http://127.0.0.1:5000/callback#x',
  'http://127.0.0.1:5000/callback/',
  'http://127.0.0.1:5000/Callback',
  'http://127.0.0.1:5000/x/../callback',
  'https://127.0.0.1:5000/callback',
  'http://127.0.0.1:5000:6000/callback',
  'http://127.0.0.1:/callback',
];

const request = (thirdParty: ThirdParty, redirectUri: string, extra: Record<string, string> = {}) =>
  get(codeRequestUrl(server.url, thirdParty, redirectUri, extra));

const refusedWithPage = (t: import('ava').ExecutionContext, answer: Awaited<ReturnType<typeof get>>, what: string) => {
  t.true(answer.status >= 400 && answer.status < 500, `${what}: ${answer.status}`);
  t.is(answer.headers.location, undefined, what);
  t.regex(String(answer.headers['content-type']), /^text\/html/, what);
  t.notRegex(answer.body, /code=/, what);
};

test.serial('each redirect_uri attack on an automatic third party gets the error page, never a Location', async t => {
  for (const uri of HTTPS_ATTACKS) refusedWithPage(t, await request(acme, uri), JSON.stringify(uri));
  for (const uri of LOOPBACK_ATTACKS) refusedWithPage(t, await request(loop, uri), JSON.stringify(uri));
});

test.serial(
  'errors that come as a redirect (unsupported_response_type, no PKCE, a not Enabled third party) never go to a foreign URI',
  async t => {
    for (const uri of ['https://evil.example/cb', 'javascript:alert(1)', 'https://acme.example/cb#x', 'garbage']) {
      refusedWithPage(t, await request(acme, uri, {response_type: 'token'}), `token ${uri}`);
      refusedWithPage(t, await request(acme, uri, {code_challenge_method: 'plain'}), `plain ${uri}`);
      refusedWithPage(t, await request(acme, uri, {state: 'bad\u0001state'}), `state ${uri}`);
      refusedWithPage(t, await request(off, uri.replace('acme', 'off')), `disabled ${uri}`);
    }
  },
);

test.serial('the saved callback URL, and a loopback one on any port, still get the code', async t => {
  for (const [thirdParty, uri] of [
    [acme, 'https://acme.example/cb'],
    [loop, 'http://127.0.0.1/callback'],
    [loop, 'http://127.0.0.1:5000/callback'],
    [loop, 'http://127.0.0.1:65535/callback'],
  ] as const) {
    const answer = await request(thirdParty, uri);
    t.is(answer.status, 302, uri);
    const location = String(answer.headers.location);
    t.true(location.startsWith(`${uri}?code=`), location);
    t.is(new URL(location).searchParams.get('state'), 'st');
  }
});

test.serial('an "ask" request with a foreign redirect_uri never reaches the consoles’ waiting list', async t => {
  const client = connectApprovals(file, {by: 'alice@host', retryMs: 50});
  t.teardown(() => client.close());
  let last: ApprovalsState | undefined;
  client.subscribe(state => (last = state));
  for (const uri of [
    'https://evil.example/oauth/callback',
    'https://beta.example/oauth/callback#x',
    'garbage',
    'https://BETA.example/oauth/callback',
  ])
    refusedWithPage(t, await request(ask, uri), uri);
  // A good request after them: once the list shows it, the foreign ones would be there too.
  const good = await request(ask, ask.callbackUrl!);
  t.is(good.status, 200);
  const deadline = Date.now() + 10_000;
  while (!(last?.pending.length && last.pending.length > 0) && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 20));
  t.deepEqual(
    last!.pending.map(pending => pending.redirectUri),
    [ask.callbackUrl],
  );
});

test.serial('error pages, error redirects and the waiting page name no third party to an unauthenticated caller (§4)', async t => {
  const disabled = await request(off, off.callbackUrl!);
  t.is(disabled.status, 302);
  const description = new URL(String(disabled.headers.location)).searchParams.get('error_description')!;
  t.notRegex(description, /\bOff\b/);
  t.regex(description, /not Enabled/);
  const manualPage = await request(manual, 'https://manual.example/cb');
  t.is(manualPage.status, 400);
  t.notRegex(manualPage.body, /Manual\b(?! authorization)/);
  t.regex(manualPage.body, /manual authorization/);
  const foreign = await request(acme, 'https://evil.example/cb');
  t.notRegex(foreign.body, /Acme/);
  const waiting = await request(ask, ask.callbackUrl!);
  t.notRegex(waiting.body, /Beta Bank/);
});
