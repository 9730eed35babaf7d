/**
 * The engines the tests of the store, the commands and the server run on: a test that does not
 * depend on the JSON file's own mechanics (its lock, backup, modes, links) is written once, as a
 * function of an engine, and runs on each (`testEachEngine`, titled "file: …" and "postgres: …").
 *
 * A place is where one test's data is: a data file in a fresh folder, or a fresh database on the
 * test file's own PostgreSQL server (started at the first place asked of it, one per test file;
 * each database a copy of a migrated template, so a place costs a few tens of milliseconds). The
 * place gives what `--data` takes, what a child process needs beside it, writers on the data and
 * reads of what is stored, so that a test checks the data without knowing the engine.
 */
import {readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import test, {type ExecutionContext} from 'ava';
import type {AuditEntry, Database, Environment, SaveOutcome, ThirdPartyStore} from '../../source/domain/index.js';
import {
  auditLogPath,
  backupPath,
  localFileOf,
  openPipeline,
  openThirdPartyStore,
  parseDatabase,
  stateFolder,
  type DataLocation,
  type SavePipeline,
  type StoreOptions,
} from '../../source/store/index.js';
import {writePostgresDataSet} from '../../source/store/copy/postgres-data-set.js';
import {entryOf} from '../../source/store/postgres/audit-rows.js';
import {connectPostgres} from '../../source/store/postgres/connect.js';
import {readSnapshot} from '../../source/store/postgres/read-snapshot.js';
import {startPostgres, type PostgresServer} from './postgres.js';
import {locationOf, migratedDatabaseUrl} from './postgres-engine.js';
import {freshFolder, writeDataFile} from './data-files.js';
import {testEnvironment} from './environment.js';

export type EngineName = 'file' | 'postgres';

export interface EnginePlace {
  readonly engine: EngineName;
  /** What `--data` (or TPA_DATA) takes: the data file's path, or the database's address with its password. */
  readonly data: string;
  readonly location: DataLocation;
  /**
   * The path whose neighbours hold this machine's files (recovery file, "keep mine" copies, the
   * server's access log and server file): the data file, or for a database one in the place's own
   * state folder (open-pipeline.ts, localFileOf), where a child process given `env` looks too.
   */
  readonly localFile: string;
  /**
   * Variables a child process (a command, a console, tpa serve) runs with beside `--data`: a
   * database's state folder, which is this test process's (children inherit it): given for a child
   * started with an environment of its own.
   */
  readonly env: Readonly<Record<string, string>>;
  /** A writer on the data: a console (`alice@host`), a command (`alice@host (cli)`), the server; closed at the test's end. */
  open(actor: string): Promise<SavePipeline>;
  /** The console's store on the data (its machine-local files at `localFile`), closed at the test's end. */
  store(env: Pick<Environment, 'now'>, options?: StoreOptions): Promise<ThirdPartyStore>;
  /** What is stored now, read afresh. */
  stored(): Promise<Database>;
  /** Every audit entry, oldest first. */
  audit(): Promise<AuditEntry[]>;
  /**
   * Every value of the data as text, the audit log aside: the data file, or the rows of the
   * database's tables of data (a deleted record's id and name stay in deleted_third_parties, as
   * in the file's audit log, for a writer that still holds it).
   */
  dump(): Promise<string>;
  /** Everything a save writes (records, revision, settings, audit log, the file's backup) as one text: the same before and after when nothing was written. */
  written(): Promise<string>;
}

export interface EngineFactory {
  readonly name: EngineName;
  /** A place holding `database` (none: a data file not made yet, an empty database), writers on it on the clock of `env`. */
  place(database?: Database, env?: Pick<Environment, 'now'>): Promise<EnginePlace>;
}

interface Teardown {
  teardown(fn: () => unknown): void;
}

/** An engine for one test: what it opens is closed at that test's end. */
type EngineKind = (t: Teardown) => EngineFactory;

const readText = (file: string): Promise<string> => readFile(file, 'utf8').catch(() => '');

/** Closes `opened` at the test's end (a test may have closed it itself). */
const closedAtEnd = <T extends {close(): Promise<void>}>(t: Teardown, opened: T): T => {
  t.teardown(() => opened.close().catch(() => undefined));
  return opened;
};

/** Pipelines and stores on `location`, their files of this machine at `localFile`. */
const writers = (t: Teardown, location: DataLocation, localFile: string, env: Pick<Environment, 'now'>) => ({
  open: async (actor: string) => {
    const pipeline = await openPipeline(location, env, {actor, debounceMs: 10, applicationName: 'tpa test writer'});
    closedAtEnd(t, pipeline.engine);
    return pipeline;
  },
  store: async (storeEnv: Pick<Environment, 'now'>, options: StoreOptions = {}) =>
    closedAtEnd(t, await openThirdPartyStore(location, storeEnv, {debounceMs: 10, localFile, ...options})),
});

const fileKind: EngineKind = t => ({
  name: 'file',
  place: async (database, env = testEnvironment()) => {
    const folder = freshFolder();
    const file = database ? writeDataFile(folder, database) : path.join(folder, 'db.json');
    const location: DataLocation = {kind: 'file', path: file};
    return {
      engine: 'file',
      data: file,
      location,
      localFile: file,
      env: {},
      ...writers(t, location, file, env),
      stored: async () => parseDatabase(await readFile(file, 'utf8'), file),
      audit: async () =>
        (await readText(auditLogPath(file)))
          .split('\n')
          .filter(line => line !== '')
          .map(line => JSON.parse(line) as AuditEntry),
      dump: () => readText(file),
      written: async () =>
        JSON.stringify([
          await readText(file),
          await readText(auditLogPath(file)),
          await readText(backupPath(file)),
          // Rewritten with the same bytes is written too.
          (await stat(file).catch(() => undefined))?.mtimeMs,
        ]),
    };
  },
});

// This test process's own state folder (a database's machine-local files, open-pipeline.ts): its
// children inherit it, so a command and a server started by a test find each other's files there,
// and nothing goes to the user's own.
process.env['XDG_STATE_HOME'] = freshFolder();

/** The test file's PostgreSQL server, started at the first place asked of it and stopped after the file's tests. */
let postgres: Promise<PostgresServer> | undefined;
// Declared as the test file loads (ava takes hooks only then); nothing to do when no test asked for a server.
test.after.always(async () => (await postgres)?.destroy());
export const postgresOfThisFile = (): Promise<PostgresServer> => (postgres ??= startPostgres());

/** The database's tables of data (dump). */
const DATA_TABLES = ['third_parties', 'tokens', 'settings', 'last_used', 'authorization_codes', 'waiting_approvals'] as const;

const postgresKind: EngineKind = t => ({
  name: 'postgres',
  place: async (database, env = testEnvironment()) => {
    const url = await migratedDatabaseUrl(await postgresOfThisFile());
    const location = locationOf(url);
    const connection = closedAtEnd(t, await connectPostgres(location, {applicationName: 'tpa test place', poolSize: 1}));
    if (database) await writePostgresDataSet(connection, {database, audit: [], lastUsed: new Map()});
    const states = process.env['XDG_STATE_HOME']!;
    const localFile = localFileOf(location, stateFolder({XDG_STATE_HOME: states}));
    const stored = async () => (await readSnapshot(connection.db)).database;
    const audit = async () => (await connection.db.selectFrom('audit_log').selectAll().orderBy('id').execute()).map(entryOf);
    return {
      engine: 'postgres',
      data: url,
      location,
      localFile,
      env: {XDG_STATE_HOME: states},
      ...writers(t, location, localFile, env),
      stored,
      audit,
      dump: async () => JSON.stringify(await Promise.all(DATA_TABLES.map(table => connection.db.selectFrom(table).selectAll().execute()))),
      written: async () => JSON.stringify([await stored(), await audit()]),
    };
  },
});

const KINDS: readonly EngineKind[] = [fileKind, postgresKind];

/** Every engine, for hooks that set up one fixture per engine (what they open is closed through `t`). */
const everyEngine = (t: Teardown): EngineFactory[] => KINDS.map(kind => kind(t));
/** The file engine for a test that runs on it alone. */
export const fileEngine = (t: Teardown): EngineFactory => fileKind(t);
/** The PostgreSQL engine for a test that runs on it alone. */
export const postgresEngine = (t: Teardown): EngineFactory => postgresKind(t);

type Body = (t: ExecutionContext, engine: EngineFactory) => Promise<void> | void;

const eachEngine =
  (declare: (title: string, implementation: (t: ExecutionContext) => Promise<void> | void) => void) =>
  (title: string, body: Body): void => {
    for (const kind of KINDS) {
      const {name} = kind({teardown: () => undefined});
      declare(`${name}: ${title}`, t => body(t, kind(t)));
    }
  };

/** One test per engine, titled "<engine>: <title>", given the engine for that test. */
export const testEachEngine = Object.assign(
  eachEngine((title, implementation) => test(title, implementation)),
  {serial: eachEngine((title, implementation) => test.serial(title, implementation))},
);

/**
 * One fixture per engine (a built `tpa serve` on a place), made before the test file's tests and
 * stopped after them; the tests run one at a time, on each engine, given that engine's fixture.
 */
export const sharedPerEngine = <F>(setup: (engine: EngineFactory) => Promise<F>, stop: (fixture: F) => Promise<void>) => {
  const fixtures = new Map<EngineName, F>();
  const closers: (() => unknown)[] = [];
  test.before(async () => {
    for (const engine of everyEngine({teardown: close => closers.push(close)})) fixtures.set(engine.name, await setup(engine));
  });
  test.after.always(async () => {
    for (const fixture of fixtures.values()) await stop(fixture);
    for (const close of closers) await close();
  });
  return (title: string, body: (t: ExecutionContext, fixture: F, engine: EngineFactory) => Promise<void>): void =>
    testEachEngine.serial(title, (t, engine) => body(t, fixtures.get(engine.name)!, engine));
};

/** The outcome, which must be a save. */
export const savedOutcome = (outcome: SaveOutcome | undefined): Extract<SaveOutcome, {kind: 'saved'}> => {
  if (outcome?.kind !== 'saved') throw new Error(`expected a save, got ${outcome?.kind}: ${JSON.stringify(outcome)}`);
  return outcome;
};
