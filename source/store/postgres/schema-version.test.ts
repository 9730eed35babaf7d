/** `tpa migrate`'s work and the schema check at start, on a real PostgreSQL (test/helpers/postgres.ts). */
import test from 'ava';
import {sql, type Kysely} from 'kysely';
import {postgresForThisFile} from '../../../test/helpers/postgres-per-file.js';
import {locationOf} from '../../../test/helpers/postgres-engine.js';
import {connectPostgres, type PostgresConnection} from './connect.js';
import {MIGRATION_TABLE, MIGRATIONS, SCHEMA_VERSION} from './migrations.js';
import {SchemaVersionError} from './postgres-error.js';
import {assertSchemaCurrent, migrate, readSchemaState, schemaProblem} from './schema-version.js';

const postgres = postgresForThisFile();

const connected = async (t: {teardown: (fn: () => Promise<void>) => void}): Promise<PostgresConnection> => {
  const connection = await connectPostgres(locationOf(await postgres().createDatabase()), {applicationName: 'tpa test'});
  t.teardown(() => connection.close());
  return connection;
};

test('a new database has no schema; migrate creates every table, and a second migrate has nothing to do', async t => {
  const connection = await connected(t);
  t.deepEqual(await readSchemaState(connection.db), {kind: 'missing'});
  const error = await t.throwsAsync(assertSchemaCurrent(connection), {instanceOf: SchemaVersionError});
  t.regex(error!.message, /no tpa schema yet: run tpa migrate postgres:\/\/tpa_test@127\.0\.0\.1:\d+\/tpa_/);
  t.notRegex(error!.message, new RegExp(postgres().password));

  const first = await migrate(connection);
  t.deepEqual(first, {from: 0, to: SCHEMA_VERSION, ran: ['0001-initial']});
  await assertSchemaCurrent(connection);
  const tables = await sql<{
    name: string;
  }>`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`.execute(connection.db);
  t.deepEqual(
    tables.rows.map(row => row.name),
    [
      'audit_log',
      'authorization_codes',
      'data_revision',
      'deleted_third_parties',
      'last_used',
      'settings',
      'third_parties',
      'tokens',
      'tpa_migration',
      'tpa_migration_lock',
      'waiting_approvals',
    ],
  );
  t.deepEqual(await migrate(connection), {from: SCHEMA_VERSION, to: SCHEMA_VERSION, ran: []});
});

test('two migrations at once (two connections): one creates the schema, the other waits and finds it done', async t => {
  const url = await postgres().createDatabase();
  const [a, b] = await Promise.all([
    connectPostgres(locationOf(url), {applicationName: 'tpa test'}),
    connectPostgres(locationOf(url), {applicationName: 'tpa test'}),
  ]);
  t.teardown(async () => {
    await a.close();
    await b.close();
  });
  const results = await Promise.all([migrate(a), migrate(b)]);
  t.deepEqual(results.map(result => result.ran.length).sort(), [0, SCHEMA_VERSION]);
  t.deepEqual(await readSchemaState(a.db), {kind: 'current', version: SCHEMA_VERSION});
});

test('a schema made by a newer tpa is refused at start and by migrate, which changes nothing', async t => {
  const connection = await connected(t);
  await migrate(connection);
  await sql`insert into ${sql.table(MIGRATION_TABLE)} (name, timestamp) values ('0099-from-the-future', '2030-01-01T00:00:00Z')`.execute(
    connection.db,
  );
  const state = await readSchemaState(connection.db);
  t.like(state, {kind: 'newer', version: SCHEMA_VERSION + 1});
  const atStart = await t.throwsAsync(assertSchemaCurrent(connection), {instanceOf: SchemaVersionError});
  t.regex(atStart!.message, new RegExp(`set up by a newer tpa \\(schema ${SCHEMA_VERSION + 1}\\); this tpa uses schema ${SCHEMA_VERSION}`));
  await t.throwsAsync(migrate(connection), {instanceOf: SchemaVersionError, message: /newer tpa/});
  t.like(await readSchemaState(connection.db), {kind: 'newer'});
});

test('an older schema asks for tpa migrate at start; migrate runs only the migrations it lacks', async t => {
  const connection = await connected(t);
  await migrate(connection);
  let ran = 0;
  // This tpa as a newer one would be: one more migration than the database has.
  const newer = {
    ...MIGRATIONS,
    '0002-test-upgrade': {
      async up(db: Kysely<unknown>) {
        ran++;
        await db.schema.createTable('upgrade_probe').addColumn('value', 'text').execute();
      },
    },
  };
  t.deepEqual(await readSchemaState(connection.db, newer), {kind: 'older', version: SCHEMA_VERSION});
  t.regex(
    schemaProblem({kind: 'older', version: 1}, connection.location.display, newer)!,
    /^the database has schema 1, this tpa uses schema 2: run tpa migrate postgres:\/\//,
  );
  t.deepEqual(await migrate(connection, newer), {from: SCHEMA_VERSION, to: SCHEMA_VERSION + 1, ran: ['0002-test-upgrade']});
  t.is(ran, 1);
  t.deepEqual(await readSchemaState(connection.db, newer), {kind: 'current', version: SCHEMA_VERSION + 1});
  // And the tpa of today now meets a newer schema.
  t.like(await readSchemaState(connection.db), {kind: 'newer', unknown: ['0002-test-upgrade']});
});

test('a migration that fails is rolled back whole and named; the schema stays as it was', async t => {
  const connection = await connected(t);
  await migrate(connection);
  const broken = {
    ...MIGRATIONS,
    '0002-broken': {
      async up(db: Kysely<unknown>) {
        await db.schema.createTable('half_made').addColumn('value', 'text').execute();
        await sql`select 1 / 0`.execute(db);
      },
    },
  };
  await t.throwsAsync(migrate(connection, broken), {
    instanceOf: SchemaVersionError,
    message: /the migration 0002-broken failed and was rolled back: division by zero/,
  });
  t.deepEqual(await readSchemaState(connection.db), {kind: 'current', version: SCHEMA_VERSION});
  const made = await sql<{found: boolean}>`select to_regclass('half_made') is not null as found`.execute(connection.db);
  t.false(made.rows[0]!.found);
});
