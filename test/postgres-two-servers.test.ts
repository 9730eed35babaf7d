/**
 * Two built `tpa serve` on one database, as behind a round-robin proxy: a code issued by one is
 * redeemed at the other, once; a code presented again at either revokes its token on both;
 * introspection and revocation answer on either.
 */
import test from 'ava';
import type {ThirdParty} from '../source/domain/index.js';
import {sharedApprovalsClient} from '../source/server/shared-approvals-client.js';
import {openThirdPartyStore} from '../source/store/index.js';
import {writePostgresDataSet} from '../source/store/copy/postgres-data-set.js';
import {connectPostgres, type PostgresConnection} from '../source/store/postgres/connect.js';
import {readSnapshot} from '../source/store/postgres/read-snapshot.js';
import {databaseOf, freshFolder} from './helpers/data-files.js';
import {testEnvironment} from './helpers/environment.js';
import {authorizeFrom, basic, exchangeCode, get, makeOAuthThirdParties, postForm, spawnServe} from './helpers/oauth-server.js';
import {postgresForThisFile} from './helpers/postgres-per-file.js';
import {migratedDatabase} from './helpers/postgres-engine.js';

const postgres = postgresForThisFile();
process.env['XDG_STATE_HOME'] = freshFolder();

const locationOf = (connection: PostgresConnection) => connection.location;

/** Polls (never a blind sleep) until `check` holds, at most `ms`. */
const within = async (ms: number, check: () => Promise<boolean>): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise(resolve => setTimeout(resolve, 20));
  }
};

const twoServers = async (t: {teardown(fn: () => unknown): void}) => {
  const location = await migratedDatabase(postgres());
  const url = `postgres://tpa_test:${postgres().password}@127.0.0.1:${postgres().port}/${location.target.database}`;
  const connection = await connectPostgres(location, {applicationName: 'tpa test', poolSize: 1});
  t.teardown(() => connection.close());
  const env = testEnvironment(new Date());
  await writePostgresDataSet(connection, {database: databaseOf(Object.values(makeOAuthThirdParties(env))), audit: [], lastUsed: new Map()});
  const automatic = (await readSnapshot(connection.db)).database.thirdParties.find(thirdParty => thirdParty.name === 'Acme Payments')!;
  // Two state folders: each server its own machine-local files, as on two hosts.
  const [a, b] = await Promise.all([
    spawnServe(url, [], {XDG_STATE_HOME: freshFolder()}),
    spawnServe(url, [], {XDG_STATE_HOME: freshFolder()}),
  ]);
  t.teardown(() => a.stop());
  t.teardown(() => b.stop());
  return {a, b, automatic, connection};
};

/** The authorization request at `base`: the code in its redirect, and the verifier. */
const codeFrom = async (base: string, thirdParty: Pick<ThirdParty, 'clientId' | 'callbackUrl'>) => {
  const {answer, code, verifier} = await authorizeFrom(base, thirdParty);
  if (answer.status !== 302 || !code) throw new Error(`authorize answered ${answer.status}`);
  return {code, verifier};
};

test('authorize on one server, the token from the other; the code once only; introspection and revocation on either', async t => {
  const {a, b, automatic} = await twoServers(t);
  const {code, verifier} = await codeFrom(a.url, automatic);
  const exchange = (base: string) => exchangeCode(base, automatic, code, verifier);
  const first = await exchange(b.url);
  t.is(first.status, 200, first.body);
  const token = (JSON.parse(first.body) as {access_token: string}).access_token;
  const introspect = async (base: string) =>
    (JSON.parse((await postForm(`${base}/oauth/introspect`, {token}, basic(automatic))).body) as {active: boolean}).active;
  t.true(await introspect(b.url));
  // The other server learns of the token through NOTIFY.
  await within(2_000, () => introspect(a.url));

  // The same code again, at the first server: refused, and the token it gave is revoked on both.
  const again = await exchange(a.url);
  t.is(again.status, 400);
  t.regex(again.body, /invalid_grant/);
  await within(2_000, async () => !(await introspect(a.url)) && !(await introspect(b.url))).catch(error => {
    t.log(a.stderr(), b.stderr());
    throw error;
  });

  // A second flow, revoked at the other server than the one that issued it.
  const second = await codeFrom(b.url, automatic);
  const issued = await exchangeCode(a.url, automatic, second.code, second.verifier);
  const secondToken = (JSON.parse(issued.body) as {access_token: string}).access_token;
  const revoked = await postForm(`${b.url}/oauth/revoke`, {token: secondToken}, basic(automatic));
  t.is(revoked.status, 200);
  await within(2_000, async () => {
    const answer = await postForm(`${a.url}/oauth/introspect`, {token: secondToken}, basic(automatic));
    return (JSON.parse(answer.body) as {active: boolean}).active === false;
  });
});

test('a browser waiting on one server for approval moves on when an admin approves in a console on the database; it may come back to either server, once', async t => {
  const {a, b, connection} = await twoServers(t);
  const ask = (await readSnapshot(connection.db)).database.thirdParties.find(thirdParty => thirdParty.name === 'Beta Bank')!;
  const {answer: page, verifier} = await authorizeFrom(a.url, ask);
  t.is(page.status, 200);
  const id = /\/oauth\/authorize\/wait\/([\w-]+)/.exec(page.body)?.[1];
  if (!id) return t.fail(page.body);

  // A console on the database (no server on its machine) sees the request waiting on server A.
  const store = await openThirdPartyStore(locationOf(connection), testEnvironment(new Date()), {
    actor: 'alice@host',
    localFile: `${freshFolder()}/db.json`,
  });
  t.teardown(() => store.close());
  const client = sharedApprovalsClient(store.waitingRequests!, 'alice@host');
  t.teardown(() => client.close());
  let pending: readonly {id: string}[] = [];
  client.subscribe(state => (pending = state.pending));
  await within(5_000, async () => pending.some(request => request.id === id));

  // The browser is held on server A's waiting page; the console approves; server A answers it.
  const held = get(`${a.url}/oauth/authorize/wait/${id}`);
  t.true(await client.approve(id));
  const answer = await held;
  t.is(answer.status, 302, answer.body);
  const code = new URL(String(answer.headers.location)).searchParams.get('code');
  t.truthy(code);
  // One approval, one answer: coming back (to the other server) finds it answered.
  const again = await get(`${b.url}/oauth/authorize/wait/${id}`);
  t.is(again.status, 404);
  t.false(await client.approve(id), 'decided already');
  // The code from server A is redeemed at server B.
  const token = await exchangeCode(b.url, ask, code!, verifier);
  t.is(token.status, 200, token.body);
  await within(5_000, async () => pending.length === 0);
});

test('the browser comes back to the other server: it waits there, and is answered there once approved', async t => {
  const {a, b, connection} = await twoServers(t);
  const ask = (await readSnapshot(connection.db)).database.thirdParties.find(thirdParty => thirdParty.name === 'Beta Bank')!;
  const {answer: page} = await authorizeFrom(a.url, ask);
  const id = /\/oauth\/authorize\/wait\/([\w-]+)/.exec(page.body)![1]!;
  const store = await openThirdPartyStore(locationOf(connection), testEnvironment(new Date()), {
    actor: 'bob@host',
    localFile: `${freshFolder()}/db.json`,
  });
  t.teardown(() => store.close());
  const held = get(`${b.url}/oauth/authorize/wait/${id}`);
  await within(5_000, async () => (await store.waitingRequests!.pending()).some(request => request.id === id));
  t.true(await store.waitingRequests!.decide(id, 'deny', 'bob@host'));
  const answer = await held;
  t.is(answer.status, 302);
  t.is(new URL(String(answer.headers.location)).searchParams.get('error'), 'access_denied');
});
