/**
 * The schema version of a database, checked at every start (console, commands, `tpa serve`,
 * `tpa doctor`), and `tpa migrate`, which creates or upgrades it with Kysely's Migrator.
 * A newer schema is refused as the file refuses a newer `schema`; an older or missing one asks
 * for `tpa migrate`. The version is the number of migrations run (migrations.ts).
 */
import {Migrator, sql, type Kysely} from 'kysely';
import {MIGRATION_LOCK_TABLE, MIGRATION_TABLE, MIGRATIONS, type Migrations} from './migrations.js';
import {isConnectionLost, SchemaVersionError, unavailable} from './postgres-error.js';
import type {PostgresConnection} from './connect.js';
import type {Tables} from './tables.js';

export type SchemaState =
  | {readonly kind: 'current'; readonly version: number}
  | {readonly kind: 'missing'}
  | {readonly kind: 'older'; readonly version: number}
  /** Migrations this tpa does not know: a newer tpa made them. */
  | {readonly kind: 'newer'; readonly version: number; readonly unknown: readonly string[]};

/** `migrations`: this tpa's (tests add one to see an upgrade). */
export const readSchemaState = async (db: Kysely<Tables>, migrations: Migrations = MIGRATIONS): Promise<SchemaState> => {
  const table = await sql<{found: boolean}>`select to_regclass(${MIGRATION_TABLE}) is not null as found`.execute(db);
  if (!table.rows[0]?.found) return {kind: 'missing'};
  const done = await sql<{name: string}>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(db);
  const names = done.rows.map(row => row.name);
  if (names.length === 0) return {kind: 'missing'};
  const unknown = names.filter(name => !(name in migrations));
  if (unknown.length > 0) return {kind: 'newer', version: names.length, unknown};
  return names.length < Object.keys(migrations).length ? {kind: 'older', version: names.length} : {kind: 'current', version: names.length};
};

/** The admin's sentence for a schema this tpa cannot use; undefined when it can. */
export const schemaProblem = (state: SchemaState, display: string, migrations: Migrations = MIGRATIONS): string | undefined => {
  const latest = Object.keys(migrations).length;
  switch (state.kind) {
    case 'current':
      return undefined;
    case 'missing':
      return `the database has no tpa schema yet: run tpa migrate ${display}`;
    case 'older':
      return `the database has schema ${state.version}, this tpa uses schema ${latest}: run tpa migrate ${display}`;
    case 'newer':
      return `the database was set up by a newer tpa (schema ${state.version}); this tpa uses schema ${latest}. Use the newer tpa; nothing was changed`;
  }
};

/** Throws SchemaVersionError unless the schema is this tpa's. */
export const assertSchemaCurrent = async (connection: PostgresConnection): Promise<void> => {
  const {location} = connection;
  let state: SchemaState;
  try {
    state = await readSchemaState(connection.db);
  } catch (error) {
    throw unavailable(error, location);
  }
  const problem = schemaProblem(state, location.display);
  if (problem) throw new SchemaVersionError(location.display, problem);
};

export interface MigrateResult {
  readonly from: number;
  readonly to: number;
  /** The migrations run now, in order. */
  readonly ran: readonly string[];
}

/**
 * Creates or upgrades the schema. A newer schema is refused before anything runs. Kysely's
 * Migrator takes an advisory lock (pg_advisory_lock) around the whole run, so a second
 * `tpa migrate` waits and then finds nothing to do; each migration runs in a transaction.
 */
export const migrate = async (connection: PostgresConnection, migrations: Migrations = MIGRATIONS): Promise<MigrateResult> => {
  const {location} = connection;
  const {db} = connection;
  let before: SchemaState;
  try {
    before = await readSchemaState(db, migrations);
  } catch (error) {
    throw unavailable(error, location);
  }
  if (before.kind === 'newer') throw new SchemaVersionError(location.display, schemaProblem(before, location.display, migrations)!);
  const migrator = new Migrator({
    db,
    provider: {getMigrations: async () => ({...migrations})},
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
  const {error, results = []} = await migrator.migrateToLatest();
  if (error) {
    if (isConnectionLost(error)) throw unavailable(error, location);
    const failed = results.find(result => result.status === 'Error')?.migrationName;
    const reason = location.redact(error instanceof Error ? error.message : String(error));
    throw new SchemaVersionError(
      location.display,
      failed ? `the migration ${failed} failed and was rolled back: ${reason}` : `the schema could not be upgraded: ${reason}`,
    );
  }
  const ran = results.filter(result => result.status === 'Success').map(result => result.migrationName);
  const from = before.kind === 'missing' ? 0 : before.version;
  return {from, to: from + ran.length, ran};
};
