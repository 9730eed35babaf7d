/**
 * What only a PostgreSQL location needs (its client, pg and kysely, takes ~30 ms to load): the
 * commands that use it import this module when they run (cli.tsx), and the file engine's users
 * (the console, `tpa serve` and the commands on a data file) never load it.
 */
export {copyData, CopyDiffersError, type CopyReport} from './copy/copy-data.js';
export {describeCounts} from './copy/data-set.js';
export {connectPostgres, type PostgresConnection} from './postgres/connect.js';
export {PostgresUnavailableError, SchemaVersionError} from './postgres/postgres-error.js';
export {runPostgresDoctor} from './postgres/postgres-doctor.js';
export {type PostgresEngine} from './postgres/postgres-engine.js';
export {assertSchemaCurrent, migrate} from './postgres/schema-version.js';
