/**
 * kill -9 of one of two servers on one database during a storm of authorizations: every token a
 * client received is stored once and introspects active on the other server; nothing is half
 * written (the records all read back valid); the clients' retry on the other server succeeds.
 */
import test from 'ava';
import {addToken, createThirdParty, type ThirdParty} from '../source/domain/index.js';
import {writePostgresDataSet} from '../source/store/copy/postgres-data-set.js';
import {connectPostgres} from '../source/store/postgres/connect.js';
import {readSnapshot} from '../source/store/postgres/read-snapshot.js';
import {thirdPartySchema} from '../source/store/schema.js';
import {databaseOf, freshFolder} from './helpers/data-files.js';
import {testEnvironment} from './helpers/environment.js';
import {authorizeFrom, basic, exchangeCode, spawnServe} from './helpers/oauth-server.js';
import {postgresForThisFile} from './helpers/postgres-per-file.js';
import {migratedDatabase} from './helpers/postgres-engine.js';

const postgres = postgresForThisFile();

const CLIENTS = 60;

/** One flow at `base`: the token, or a throw (the server died under it, or answered otherwise). */
const flow = async (base: string, thirdParty: ThirdParty): Promise<string> => {
  const {code, verifier} = await authorizeFrom(base, thirdParty);
  if (!code) throw new Error('no code');
  const answer = await exchangeCode(base, thirdParty, code, verifier);
  const token = (JSON.parse(answer.body) as {access_token?: string}).access_token;
  if (answer.status !== 200 || !token) throw new Error(`token ${answer.status}`);
  return token;
};

test('kill -9 of one server during a storm: the tokens received are stored and active on the other; retries there succeed', async t => {
  const location = await migratedDatabase(postgres());
  const url = `postgres://tpa_test:${postgres().password}@127.0.0.1:${postgres().port}/${location.target.database}`;
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
