/**
 * Issue 17 §3: no client (or address) starves the others. Authorization codes and waiting
 * approvals are capped per client and per address (a repeated request replaces the earlier one),
 * with `temporarily_unavailable` in the OAuth form when a cap is reached; connections are capped
 * per address, and a connection that sends nothing is closed early.
 */
import {connect, type Socket} from 'node:net';
import test from 'ava';
import {addToken, createThirdParty, type ThirdParty} from '../source/domain/index.js';
import type {ApprovalsState} from '../source/server/approvals-client.js';
import {httpRequest} from '../source/server/http-request.js';
import type {ServerOptions} from '../source/server/start-server.js';
import {databaseOf} from './helpers/data-files.js';
import {fileEngine, testEachEngine, type EngineFactory} from './helpers/engines.js';
import {testEnvironment} from './helpers/environment.js';
import {authorizeFrom, exchangeCode, oauthThirdParty, serveOn, spawnServe} from './helpers/oauth-server.js';
import {until} from './helpers/poll.js';

/** An in-process server on a place of `engine` (on a database the codes and waiting requests are the database's). */
const start = async (engine: EngineFactory, options: Partial<ServerOptions> = {}) => {
  const env = testEnvironment(new Date().toISOString());
  const make = (name: string, callbackUrl: string, approval: 'automatic' | 'ask'): ThirdParty => ({
    ...addToken(createThirdParty(env, name), env),
    enabled: true,
    callbackUrl,
    approval,
  });
  const thirdParties = {
    x: make('Xeno Pay', 'https://x.example/cb', 'automatic'),
    y: make('Yak Bank', 'https://y.example/cb', 'automatic'),
    z: make('Zeta Mail', 'https://z.example/cb', 'automatic'),
    ask: make('Ask Corp', 'https://ask.example/cb', 'ask'),
    loopback: make('Loop Tools', 'http://127.0.0.1/cb', 'ask'),
  };
  const {server, console} = await serveOn(engine, Object.values(thirdParties), {holdMs: 100, ...options});
  /** Follows the consoles' list of waiting requests, as a console does; `last()` is the newest state. */
  const followApprovals = async (t: {teardown: (fn: () => void) => void}) => {
    const client = await console('alice@host');
    t.teardown(() => client.close());
    let last: ApprovalsState | undefined;
    client.subscribe(state => (last = state));
    await until(() => last?.connected === true);
    return {client, last: () => last!};
  };
  return {thirdParties, server, followApprovals};
};

const CODE_LIMITS = {perClientAddress: 3, perAddress: 5, perClient: 8, total: 12};

testEachEngine('codes: one client minting codes from one address replaces its own, and starves nobody', async (t, engine) => {
  const {server, thirdParties} = await start(engine, {codeLimits: CODE_LIMITS});
  t.teardown(() => server.close());
  const {x, y} = thirdParties;
  const minted = [];
  for (let index = 0; index < 30; index++) minted.push(await authorizeFrom(server.url, x, '127.0.0.2'));
  t.true(
    minted.every(result => result.code !== undefined),
    JSON.stringify(minted.find(result => !result.code)?.location?.search),
  );
  // Every other third party still gets its code, and it works.
  const other = await authorizeFrom(server.url, y, '127.0.0.1');
  t.truthy(other.code, other.location?.search);
  t.is((await exchangeCode(server.url, y, other.code!, other.verifier)).status, 200);
  // The flooding client's oldest codes were replaced; its newest works.
  const oldest = minted[0]!;
  t.is((await exchangeCode(server.url, x, oldest.code!, oldest.verifier)).status, 400);
  const newest = minted.at(-1)!;
  t.is((await exchangeCode(server.url, x, newest.code!, newest.verifier)).status, 200);
});

testEachEngine(
  'codes: past the cap of an address, or of a client, temporarily_unavailable in the OAuth form; other addresses and clients go on',
  async (t, engine) => {
    const {server, thirdParties} = await start(engine, {codeLimits: CODE_LIMITS});
    t.teardown(() => server.close());
    const {x, y, z} = thirdParties;
    // One address: three codes of x, two of y fill its five.
    for (let index = 0; index < 3; index++) t.truthy((await authorizeFrom(server.url, x, '127.0.0.2')).code);
    for (let index = 0; index < 2; index++) t.truthy((await authorizeFrom(server.url, y, '127.0.0.2')).code);
    const full = await authorizeFrom(server.url, z, '127.0.0.2');
    t.is(full.answer.status, 302);
    t.is(full.error, 'temporarily_unavailable');
    t.is(full.location!.searchParams.get('state'), 'st');
    t.is(full.location!.searchParams.get('iss'), server.issuer);
    t.regex(full.location!.searchParams.get('error_description')!, /try again/i);
    t.truthy((await authorizeFrom(server.url, z, '127.0.0.3')).code, 'another address');
    // One client from many addresses: x holds eight at most.
    for (const address of ['127.0.0.4', '127.0.0.5']) for (let index = 0; index < 3; index++) await authorizeFrom(server.url, x, address);
    const clientFull = await authorizeFrom(server.url, x, '127.0.0.6');
    t.is(clientFull.error, 'temporarily_unavailable');
    t.truthy((await authorizeFrom(server.url, y, '127.0.0.6')).code, 'another client');
  },
);

testEachEngine('codes: past the server-wide cap, temporarily_unavailable, never a library message', async (t, engine) => {
  const {server, thirdParties} = await start(engine, {codeLimits: {...CODE_LIMITS, perAddress: 100, perClient: 100, total: 4}});
  t.teardown(() => server.close());
  for (const [index, thirdParty] of [thirdParties.x, thirdParties.y, thirdParties.z, thirdParties.x].entries())
    t.truthy((await authorizeFrom(server.url, thirdParty, `127.0.0.${index + 2}`)).code);
  const full = await authorizeFrom(server.url, thirdParties.y, '127.0.0.9');
  t.is(full.error, 'temporarily_unavailable');
  t.notRegex(full.location!.search, /invalid_argument|Missing parameter/);
});

testEachEngine(
  'the built tpa serve at its default caps: past the codes of one address, temporarily_unavailable in the OAuth form, never server_error',
  async (t, engine) => {
    // The bundle's CodesFullError must still be the library's OAuthError, or the library would make it a server_error.
    const env = testEnvironment(new Date().toISOString(), 'code-cap');
    const clients = Array.from({length: 11}, (_, index) =>
      oauthThirdParty(env, `Client ${index}`, `https://c${index}.example/cb`, 'automatic'),
    );
    const server = await spawnServe((await engine.place(databaseOf(clients))).data);
    t.teardown(server.stop);
    // Ten codes for each of ten clients (no replacement: ten is the cap per client and address) fill the address's hundred (README, Limits).
    for (const client of clients.slice(0, 10))
      for (let index = 0; index < 10; index++) t.truthy((await authorizeFrom(server.url, client, '127.0.0.2')).code);
    const full = await authorizeFrom(server.url, clients[10]!, '127.0.0.2');
    t.is(full.answer.status, 302);
    t.is(full.error, 'temporarily_unavailable', full.location?.search);
    t.is(full.location!.searchParams.get('state'), 'st');
    t.is(full.location!.searchParams.get('iss'), server.url);
    t.truthy((await authorizeFrom(server.url, clients[10]!, '127.0.0.3')).code, 'another address');
  },
);

const waitUrlOf = (html: string): string => /url=([^"]+)"/.exec(html)![1]!;

testEachEngine(
  'waiting requests: the same client, callback URL and address asking again is listed once, the newest request wins',
  async (t, engine) => {
    const {server, thirdParties, followApprovals} = await start(engine, {approvalLimits: {perClient: 3, perAddress: 3, total: 5}});
    t.teardown(() => server.close());
    const approvals = await followApprovals(t);
    const pages = [];
    for (let index = 0; index < 20; index++)
      pages.push(await authorizeFrom(server.url, thirdParties.ask, '127.0.0.2', {state: `s${index}`}));
    t.true(pages.every(page => page.answer.status === 200));
    const newestUrl = waitUrlOf(pages.at(-1)!.answer.body);
    await until(() => approvals.last().pending.some(pending => newestUrl.endsWith(pending.id)));
    t.is(approvals.last().pending.length, 1, 'listed once');
    const [pending] = approvals.last().pending;
    // Another address asking for the same client is another request.
    t.is((await authorizeFrom(server.url, thirdParties.ask, '127.0.0.3')).answer.status, 200);
    await until(() => approvals.last().pending.length === 2);
    t.true(await approvals.client.approve(pending!.id));
    let answer = await httpRequest({method: 'GET', url: waitUrlOf(pages.at(-1)!.answer.body), timeoutMs: 30_000});
    while (answer.status === 200) answer = await httpRequest({method: 'GET', url: waitUrlOf(pages.at(-1)!.answer.body), timeoutMs: 30_000});
    t.is(new URL(String(answer.headers.location)).searchParams.get('state'), 's19');
    // The replaced request's page says it is gone.
    t.is((await httpRequest({method: 'GET', url: waitUrlOf(pages[0]!.answer.body)})).status, 404);
  },
);

testEachEngine(
  'waiting requests: past the cap of a client or an address, temporarily_unavailable; other clients and addresses still wait',
  async (t, engine) => {
    const {server, thirdParties, followApprovals} = await start(engine, {approvalLimits: {perClient: 3, perAddress: 3, total: 5}});
    t.teardown(() => server.close());
    const approvals = await followApprovals(t);
    const loopback = thirdParties.loopback;
    // A loopback callback URL may take any port: each port is another callback URL.
    const fromPort = (port: number, address: string) =>
      authorizeFrom(server.url, loopback, address, {redirect_uri: `http://127.0.0.1:${port}/cb`});
    for (const port of [1001, 1002, 1003]) t.is((await fromPort(port, '127.0.0.2')).answer.status, 200);
    const full = await fromPort(1004, '127.0.0.2');
    t.is(full.error, 'temporarily_unavailable');
    t.is((await fromPort(1004, '127.0.0.3')).error, 'temporarily_unavailable', 'the client holds three already');
    t.is((await authorizeFrom(server.url, thirdParties.ask, '127.0.0.3')).answer.status, 200, 'another client waits');
    await until(() => approvals.last().pending.length === 4);
    t.is(approvals.last().pending.filter(pending => pending.clientId === loopback.clientId).length, 3);
  },
);

/** A socket to the server from `address` (its `closed` turns true once the server or the test closes it). */
const openSocket = (port: number, address: string) =>
  new Promise<Socket>((resolve, reject) => {
    const socket = connect({port, host: '127.0.0.1', localAddress: address});
    socket.once('connect', () => resolve(socket));
    // A connection the server closes at once may end in a reset: it is closed all the same.
    socket.on('error', reject);
  });

test('connections: one address holding idle connections leaves room for everyone else', async t => {
  // Long timeouts: only the cap per address can make room.
  const {server} = await start(fileEngine(t), {
    maxConnections: 20,
    maxConnectionsPerAddress: 5,
    timeouts: {headersMs: 60_000, requestMs: 60_000, keepAliveMs: 60_000, checkEveryMs: 1_000, silentMs: 60_000},
  });
  t.teardown(() => server.close());
  const sockets: (Socket | undefined)[] = [];
  for (let index = 0; index < 20; index++) sockets.push(await openSocket(server.port, '127.0.0.2').catch(() => undefined));
  t.teardown(() => sockets.forEach(socket => socket?.destroy()));
  await until(() => sockets.filter(socket => socket && !socket.closed).length <= 5);
  t.is((await httpRequest({method: 'GET', url: `${server.url}/healthz`})).status, 200);
});

test('connections: one that has sent nothing is closed early; one that has begun its request is given the header timeout', async t => {
  const {server} = await start(fileEngine(t), {
    timeouts: {headersMs: 20_000, requestMs: 30_000, keepAliveMs: 5_000, checkEveryMs: 1_000, silentMs: 200},
  });
  t.teardown(() => server.close());
  const silent = await openSocket(server.port, '127.0.0.1');
  const begun = await openSocket(server.port, '127.0.0.1');
  t.teardown(() => [silent, begun].forEach(socket => socket.destroy()));
  begun.write('GET /healthz HTTP/1.1\r\n');
  await until(() => silent.closed, 10_000);
  t.false(begun.closed);
  begun.write('Host: x\r\n\r\n');
  const answer = await new Promise<string>(resolve => begun.once('data', chunk => resolve(chunk.toString())));
  t.regex(answer, /^HTTP\/1\.1 200/);
});

testEachEngine(
  'pace: one address asking for codes faster than its pace waits its turn, then gets 429 and nothing else; other addresses are not held up',
  async (t, engine) => {
    const {server, thirdParties} = await start(engine, {paceLimits: {perSecond: 5, burst: 2, maxWaitMs: 400, maxAddresses: 100}});
    t.teardown(() => server.close());
    const {x, y} = thirdParties;
    // Eight at once from one address: two start at once, two more within the longest wait (200 and 400 ms), the rest are refused.
    const started = performance.now();
    const answers = await Promise.all(Array.from({length: 8}, () => authorizeFrom(server.url, x, '127.0.0.2')));
    const codes = answers.filter(answer => answer.code !== undefined);
    const refused = answers.filter(answer => answer.answer.status === 429);
    t.is(codes.length, 4, JSON.stringify(answers.map(answer => answer.answer.status)));
    t.is(refused.length, 4);
    t.true(performance.now() - started >= 350, 'the paced ones waited their turn');
    for (const {answer, location} of refused) {
      t.is(location, undefined, 'a refusal is a page, never a redirect');
      t.regex(String(answer.headers['retry-after']), /^[1-9]\d*$/);
      t.regex(answer.body, /Too many authorization requests/);
    }
    // Another address meanwhile: at once, and its code works.
    const other = await authorizeFrom(server.url, y, '127.0.0.3');
    t.truthy(other.code);
    t.is((await exchangeCode(server.url, y, other.code!, other.verifier)).status, 200);
  },
);
