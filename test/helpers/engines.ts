/**
 * The engines the save pipeline's tests run on (test/pipeline.test.ts): a test about pipeline
 * behaviour (merge, conflict, audit, notify) is written once, as a function of an engine, and runs
 * on every engine in ENGINES. An engine sets up a place holding the data and opens writers on it.
 */
import {readFile} from 'node:fs/promises';
import test, {type ExecutionContext} from 'ava';
import type {AuditEntry, Database, SaveOutcome} from '../../source/domain/index.js';
import {auditLogPath, openFilePipeline, openPipeline, parseDatabase, type SavePipeline} from '../../source/store/index.js';
import {writePostgresDataSet} from '../../source/store/copy/postgres-data-set.js';
import {entryOf} from '../../source/store/postgres/audit-rows.js';
import {connectPostgres} from '../../source/store/postgres/connect.js';
import {readSnapshot} from '../../source/store/postgres/read-snapshot.js';
import {startPostgres, type PostgresServer} from './postgres.js';
import {migratedDatabase} from './postgres-engine.js';
import {freshFolder, writeDataFile} from './data-files.js';
import type {TestEnvironment} from './environment.js';

export interface EnginePlace {
  /** A writer on the data: a console (`alice@host`), a command (`alice@host (cli)`), the server. */
  open(actor: string): Promise<SavePipeline>;
  /** What is stored now, read afresh. */
  stored(): Promise<Database>;
  /** Every audit entry, oldest first. */
  audit(): Promise<AuditEntry[]>;
}

export interface EngineFactory {
  readonly name: string;
  /** A place holding `database`, on the clock of `env`. */
  place(database: Database, env: TestEnvironment): Promise<EnginePlace>;
}

export const fileEngine: EngineFactory = {
  name: 'file',
  place: async (database, env) => {
    const file = writeDataFile(freshFolder(), database);
    return {
      open: actor => openFilePipeline(file, env, {actor, debounceMs: 10}),
      stored: async () => parseDatabase(await readFile(file, 'utf8'), file),
      audit: async () => {
        const text = await readFile(auditLogPath(file), 'utf8').catch(() => '');
        return text
          .split('\n')
          .filter(line => line !== '')
          .map(line => JSON.parse(line) as AuditEntry);
      },
    };
  },
};

/**
 * A real PostgreSQL (test/helpers/postgres.ts), one server per test file, started at the first
 * place asked of it; a fresh migrated database per place, filled with the place's data as
 * `tpa copy` fills one.
 */
let postgres: Promise<PostgresServer> | undefined;
const opened = new Set<{close(): Promise<void>}>();
test.after.always(async () => {
  await Promise.all([...opened].map(engine => engine.close()));
  await (await postgres)?.destroy();
});

export const postgresEngine: EngineFactory = {
  name: 'postgres',
  place: async (database, env) => {
    const server = await (postgres ??= startPostgres());
    const location = await migratedDatabase(server);
    const connection = await connectPostgres(location, {applicationName: 'tpa test place', poolSize: 1});
    opened.add(connection);
    await writePostgresDataSet(connection, {database, audit: [], lastUsed: new Map()});
    return {
      open: async actor => {
        const pipeline = await openPipeline(location, env, {actor, debounceMs: 10});
        opened.add(pipeline.engine);
        return pipeline;
      },
      stored: async () => (await readSnapshot(connection.db)).database,
      audit: async () => (await connection.db.selectFrom('audit_log').selectAll().orderBy('id').execute()).map(entryOf),
    };
  },
};

/** Every engine the pipeline tests run on. */
export const ENGINES: readonly EngineFactory[] = [fileEngine, postgresEngine];

/** One test per engine, titled "<engine>: <title>". */
export const testEachEngine = (title: string, body: (t: ExecutionContext, engine: EngineFactory) => Promise<void>): void => {
  for (const engine of ENGINES) test(`${engine.name}: ${title}`, t => body(t, engine));
};

/** The outcome, which must be a save. */
export const savedOutcome = (outcome: SaveOutcome | undefined): Extract<SaveOutcome, {kind: 'saved'}> => {
  if (outcome?.kind !== 'saved') throw new Error(`expected a save, got ${outcome?.kind}: ${JSON.stringify(outcome)}`);
  return outcome;
};
