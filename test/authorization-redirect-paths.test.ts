/**
 * Issue 17 §1 on the paths that redirect later (the waiting page after an approval, a denial, a
 * timeout) and a property over the whole endpoint: an in-process `tpa serve` on a loopback port
 * with short timings.
 */
import test from 'ava';
import fc from 'fast-check';
import {matchesCallbackUrl, type ThirdParty} from '../source/domain/index.js';
import {connectApprovals, type ApprovalsState} from '../source/server/approvals-client.js';
import {startServer, type ServerOptions} from '../source/server/start-server.js';
import {openThirdPartyStore} from '../source/store/index.js';
import {databaseOf, freshFolder, writeDataFile} from './helpers/data-files.js';
import {testEnvironment} from './helpers/environment.js';
import {codeRequestUrl, get, oauthThirdParty} from './helpers/oauth-server.js';

const start = async (thirdParties: ThirdParty[], options: Partial<ServerOptions> = {}) => {
  const file = writeDataFile(freshFolder(), databaseOf(thirdParties));
  const server = await startServer({dataFile: file, port: 0, debounceMs: 10, holdMs: 200, ...options});
  return {file, server};
};

const env = testEnvironment(new Date().toISOString(), 'redirect-paths');
const make = (name: string, callbackUrl: string, approval: 'automatic' | 'ask') => oauthThirdParty(env, name, callbackUrl, approval);

const until = async (holds: () => boolean | Promise<boolean>, timeout = 10_000) => {
  const deadline = Date.now() + timeout;
  while (!(await holds())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise(resolve => setTimeout(resolve, 10));
  }
};

const ask = (url: string, thirdParty: ThirdParty) => get(codeRequestUrl(url, thirdParty));

const waitUrlOf = (html: string): string => /url=([^"]+)"/.exec(html)![1]!;

/**
 * The admin saves another callback URL; resolves once the server refuses the old one. It asks
 * with response_type=token (redirected while the old URL is saved, the error page after): a code
 * request of the same client, URL and address would replace the waiting one (approvals.ts).
 */
const moveCallback = async (file: string, url: string, thirdParty: ThirdParty, next: string) => {
  const store = await openThirdPartyStore(file, {now: () => new Date()}, {actor: 'alice@host'});
  const saved = store.database.thirdParties.find(candidate => candidate.id === thirdParty.id)!;
  await store.saveThirdParty({...saved, callbackUrl: next});
  await until(async () => (await get(codeRequestUrl(url, thirdParty, thirdParty.callbackUrl!, {response_type: 'token'}))).status === 400);
};

for (const decision of ['deny', 'timeout', 'approve'] as const) {
  test(`${decision}: a request decided after its callback URL was changed gets the error page, not a redirect to the old URL`, async t => {
    const beta = make('Beta Bank', 'https://beta.example/oauth/callback', 'ask');
    const {file, server} = await start([beta], decision === 'timeout' ? {approvalTimeoutMs: 1_500} : {});
    t.teardown(() => server.close());
    const client = connectApprovals(file, {by: 'alice@host', retryMs: 50});
    t.teardown(() => client.close());
    let last: ApprovalsState | undefined;
    client.subscribe(state => (last = state));
    const page = await ask(server.url, beta);
    t.is(page.status, 200);
    await until(() => (last?.pending.length ?? 0) === 1);
    const id = last!.pending[0]!.id;
    await moveCallback(file, server.url, beta, 'https://beta.example/new/callback');
    if (decision === 'deny') t.true(await client.deny(id));
    if (decision === 'approve') t.true(await client.approve(id));
    let answer = await get(waitUrlOf(page.body));
    // Held, then the page again while undecided (the timeout): the browser reloads it.
    while (answer.status === 200) answer = await get(waitUrlOf(page.body));
    t.is(answer.status, 400);
    t.is(answer.headers.location, undefined);
    t.regex(String(answer.headers['content-type']), /^text\/html/);
  });
}

test('property over HTTP: a redirect_uri that is not the saved callback URL (or a loopback port variant) never gets a Location', async t => {
  const acme = make('Acme Payments', 'https://acme.example/cb?tenant=7', 'automatic');
  const loop = make('Loop Desktop', 'http://127.0.0.1/callback', 'automatic');
  const beta = make('Beta Bank', 'https://beta.example/oauth/callback', 'ask');
  const {server} = await start([acme, loop, beta]);
  t.teardown(() => server.close());
  const piece = fc.constantFrom(
    'https://',
    'http://',
    'HTTPS://',
    'javascript:',
    '//',
    'acme.example',
    'ACME.example',
    'аcme.example',
    'xn--cme-5cd.example',
    'evil.example',
    '127.0.0.1',
    'localhost',
    '[::1]',
    'user@',
    ':443',
    ':5000',
    ':65536',
    ':0',
    '/cb',
    '/callback',
    '/oauth/callback',
    '/../',
    '/./',
    '%2e',
    '%63',
    '?tenant=7',
    '?',
    '#x',
    '\\',
    ' ',
  );
  const saved = [acme, loop, beta];
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(0, 1, 2),
      fc.oneof(
        fc.array(piece, {minLength: 1, maxLength: 6}).map(pieces => pieces.join('')),
        fc.constantFrom(...saved.map(one => one.callbackUrl!)),
      ),
      fc.constantFrom('code', 'token'),
      async (which, redirectUri, responseType) => {
        const thirdParty = saved[which]!;
        const answer = await get(codeRequestUrl(server.url, thirdParty, redirectUri, {response_type: responseType}));
        const location = answer.headers.location;
        if (!matchesCallbackUrl(thirdParty.callbackUrl, redirectUri)) return location === undefined && answer.status === 400;
        if (thirdParty === beta && responseType === 'code') return location === undefined && answer.status === 200;
        return answer.status === 302 && location !== undefined && location.startsWith(redirectUri);
      },
    ),
    {numRuns: 150},
  );
  t.pass();
});
