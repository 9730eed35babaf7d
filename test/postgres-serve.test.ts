/**
 * The built `tpa serve` on a database: automatic authorization writes its token into the
 * database, introspection answers from memory, and a change made elsewhere (a command) reaches
 * it through NOTIFY: a disabled third party stops answering within a second.
 */
import test from 'ava';
import * as oauth from 'oauth4webapi';
import {writePostgresDataSet} from '../source/store/copy/postgres-data-set.js';
import {connectPostgres} from '../source/store/postgres/connect.js';
import {readSnapshot} from '../source/store/postgres/read-snapshot.js';
import {tpa} from './helpers/cli.js';
import {databaseOf, freshFolder} from './helpers/data-files.js';
import {testEnvironment} from './helpers/environment.js';
import {discover, makeOAuthThirdParties, runFlow, spawnServe} from './helpers/oauth-server.js';
import {postgresForThisFile} from './helpers/postgres-per-file.js';
import {migratedDatabase} from './helpers/postgres-engine.js';

const postgres = postgresForThisFile();
// The servers' machine-local files (access log, server file) go to a folder of this test's own.
process.env['XDG_STATE_HOME'] = freshFolder();

/** Polls (never a blind sleep) until `check` holds, at most `ms`; the time it took. */
const within = async (ms: number, check: () => Promise<boolean>): Promise<number> => {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  return Date.now() - started;
};

test('automatic authorization on a database: the token is stored, introspects active, and stops within a second once disabled elsewhere', async t => {
  const location = await migratedDatabase(postgres());
  const url = `postgres://tpa_test:${postgres().password}@127.0.0.1:${postgres().port}/${location.target.database}`;
  const env = testEnvironment(new Date());
  const {automatic} = makeOAuthThirdParties(env);
  const connection = await connectPostgres(location, {applicationName: 'tpa test', poolSize: 1});
  t.teardown(() => connection.close());
  await writePostgresDataSet(connection, {database: databaseOf(Object.values(makeOAuthThirdParties(env))), audit: [], lastUsed: new Map()});
  const seeded = (await readSnapshot(connection.db)).database.thirdParties.find(thirdParty => thirdParty.name === automatic.name)!;

  const serve = await spawnServe(url);
  t.teardown(() => serve.stop());
  t.regex(serve.stderr(), /listening on http:\/\/127\.0\.0\.1:\d+ for postgres:\/\/tpa_test@127\.0\.0\.1:\d+\/tpa_\w+ \(Ctrl\+C stops\)/);
  t.false(serve.stderr().includes(postgres().password));

  const as = await discover(serve.url);
  const {accessToken, client, clientAuth} = await runFlow(as, seeded);
  const stored = (await readSnapshot(connection.db)).database.thirdParties.find(thirdParty => thirdParty.id === seeded.id)!;
  t.true(stored.tokens.some(token => token.token === accessToken && token.origin === 'automatic'));
  const introspect = async () =>
    oauth.processIntrospectionResponse(
      as,
      client,
      await oauth.introspectionRequest(as, client, clientAuth, accessToken, {[oauth.allowInsecureRequests]: true}),
    );
  t.true((await introspect()).active);

  const disabled = await tpa(['disable', seeded.name, '--data', url]);
  t.is(disabled.code, 0, disabled.stderr);
  const took = await within(1_000, async () => !(await introspect()).active);
  t.log(`inactive after ${took} ms`);
  const entries = await connection.db.selectFrom('audit_log').select(['actor', 'action']).orderBy('id').execute();
  t.deepEqual(
    entries.map(entry => entry.action),
    ['update', 'update'],
  );
  t.regex(entries[0]!.actor, /^automatic authorization/);
  t.regex(entries[1]!.actor, / \(cli\)$/);
});

test.serial(
  'the database stopped under a running server: introspection answers from memory, a new token is refused and said so; back, it works again',
  async t => {
    const location = await migratedDatabase(postgres());
    const url = `postgres://tpa_test:${postgres().password}@127.0.0.1:${postgres().port}/${location.target.database}`;
    const env = testEnvironment(new Date());
    const connection = await connectPostgres(location, {applicationName: 'tpa test', poolSize: 1});
    t.teardown(() => connection.close());
    await writePostgresDataSet(connection, {
      database: databaseOf(Object.values(makeOAuthThirdParties(env))),
      audit: [],
      lastUsed: new Map(),
    });
    const automatic = (await readSnapshot(connection.db)).database.thirdParties.find(thirdParty => thirdParty.name === 'Acme Payments')!;
    const serve = await spawnServe(url);
    t.teardown(() => serve.stop());
    const as = await discover(serve.url);
    const first = await runFlow(as, automatic);
    const introspect = async (token: string) =>
      oauth.processIntrospectionResponse(
        as,
        first.client,
        await oauth.introspectionRequest(as, first.client, first.clientAuth, token, {[oauth.allowInsecureRequests]: true}),
      );

    await postgres().stop();
    try {
      t.true((await introspect(first.accessToken)).active, 'answered from memory');
      const refused = await runFlow(as, automatic).then(
        () => 'issued',
        (error: unknown) => String(error),
      );
      t.not(refused, 'issued');
      await within(10_000, async () => /the database went away/.test(serve.stderr()));
    } finally {
      await postgres().start();
    }
    const again = await within(10_000, async () =>
      runFlow(as, automatic).then(
        () => true,
        () => false,
      ),
    );
    t.log(`issuing again ${again} ms after the database came back`);
    t.false(serve.stderr().includes(postgres().password));
    t.regex(serve.stderr(), /the database went away \(.*\); trying again/);
  },
);
