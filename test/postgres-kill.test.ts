/**
 * kill -9 of one of two servers on one database during a storm of authorizations: every token a
 * client received is stored once and introspects active on the other server; nothing is half
 * written (the records all read back valid); the clients' retry on the other server succeeds.
 */
import {createHash, randomBytes} from 'node:crypto';
import test from 'ava';
import {addToken, createThirdParty, type ThirdParty} from '../source/domain/index.js';
import {writePostgresDataSet} from '../source/store/copy/postgres-data-set.js';
import {connectPostgres} from '../source/store/postgres/connect.js';
import {readSnapshot} from '../source/store/postgres/read-snapshot.js';
import {thirdPartySchema} from '../source/store/schema.js';
import {databaseOf, freshFolder} from './helpers/data-files.js';
import {testEnvironment} from './helpers/environment.js';
import {basic, spawnServe} from './helpers/oauth-server.js';
import {startPostgres, type PostgresServer} from './helpers/postgres.js';
import {migratedDatabase} from './helpers/postgres-engine.js';

let server: PostgresServer;
test.before(async () => {
  server = await startPostgres();
});
test.after.always(() => server?.destroy());

const CLIENTS = 60;

/** One flow at `base`: the token, or a throw (the server died under it, or answered otherwise). */
const flow = async (base: string, thirdParty: ThirdParty): Promise<string> => {
  const verifier = randomBytes(32).toString('base64url');
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: thirdParty.clientId,
    redirect_uri: thirdParty.callbackUrl!,
    state: 'st',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  const authorize = await fetch(`${base}/oauth/authorize?${query}`, {redirect: 'manual'});
  await authorize.arrayBuffer();
  const code = new URL(authorize.headers.get('location') ?? 'x:/').searchParams.get('code');
  if (!code) throw new Error(`authorize ${authorize.status}`);
  const token = await fetch(`${base}/oauth/token`, {
    method: 'POST',
    headers: {Authorization: basic(thirdParty), 'Content-Type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams({grant_type: 'authorization_code', code, redirect_uri: thirdParty.callbackUrl!, code_verifier: verifier}),
  });
  const body = (await token.json()) as {access_token?: string};
  if (token.status !== 200 || !body.access_token) throw new Error(`token ${token.status}`);
  return body.access_token;
};

test('kill -9 of one server during a storm: the tokens received are stored and active on the other; retries there succeed', async t => {
  const location = await migratedDatabase(server);
  const url = `postgres://tpa_test:${server.password}@127.0.0.1:${server.port}/${location.target.database}`;
  const env = testEnvironment(new Date());
  const thirdParties = Array.from({length: CLIENTS}, (_, index) => ({
    ...addToken(createThirdParty(env, `Client ${index}`), env),
    enabled: true,
    callbackUrl: 'http://127.0.0.1/callback',
    approval: 'automatic' as const,
  }));
  const connection = await connectPostgres(location, {applicationName: 'tpa test', poolSize: 1});
  t.teardown(() => connection.close());
  await writePostgresDataSet(connection, {database: databaseOf(thirdParties), audit: [], lastUsed: new Map()});
  const [a, b] = await Promise.all([
    spawnServe(url, [], {XDG_STATE_HOME: freshFolder()}),
    spawnServe(url, [], {XDG_STATE_HOME: freshFolder()}),
  ]);
  t.teardown(() => a.stop());
  t.teardown(() => b.stop());

  const received = new Map<string, string>();
  let retried = 0;
  let done = 0;
  let killing: Promise<void> | undefined;
  let next = 0;
  await Promise.all(
    Array.from({length: 12}, async () => {
      for (let index = next++; index < CLIENTS; index = next++) {
        const thirdParty = thirdParties[index]!;
        // Round robin, as a proxy would; a third of the way through, server A is killed.
        const first = index % 2 === 0 ? a.url : b.url;
        if (done === CLIENTS / 3) killing ??= a.kill();
        let token: string;
        try {
          token = await flow(first, thirdParty);
        } catch {
          retried++;
          token = await flow(b.url, thirdParty);
        }
        received.set(thirdParty.id, token);
        done++;
      }
    }),
  );
  await killing;
  t.is(received.size, CLIENTS);
  t.log(`${retried} flows retried on the other server`);

  const stored = (await readSnapshot(connection.db)).database.thirdParties;
  for (const record of stored) t.true(thirdPartySchema.safeParse(record).success, `${record.name} reads back valid`);
  for (const thirdParty of thirdParties) {
    const token = received.get(thirdParty.id)!;
    const record = stored.find(candidate => candidate.id === thirdParty.id)!;
    t.is(record.tokens.filter(candidate => candidate.token === token).length, 1, `${thirdParty.name}'s token is stored once`);
    const answer = await fetch(`${b.url}/oauth/introspect`, {
      method: 'POST',
      headers: {Authorization: basic(thirdParty), 'Content-Type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams({token}),
    });
    t.true(((await answer.json()) as {active: boolean}).active, `${thirdParty.name}'s token is active on the other server`);
  }
});
