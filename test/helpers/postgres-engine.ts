/** PostgreSQL engines for tests: a fresh migrated database per test, engines on it, and commits written as the pipeline writes them. */
import {
  addToken,
  auditEntry,
  changedFields,
  createThirdParty,
  type AuditEntry,
  type FieldKey,
  type ThirdParty,
} from '../../source/domain/index.js';
import type {Commit, CommitResult, RecordOutcome, RecordWrite, Snapshot} from '../../source/store/engine.js';
import {connectPostgres} from '../../source/store/postgres/connect.js';
import {openPostgresEngine, type PostgresEngine} from '../../source/store/postgres/postgres-engine.js';
import {parsePostgresLocation, type PostgresLocation} from '../../source/store/postgres/postgres-location.js';
import {migrate} from '../../source/store/postgres/schema-version.js';
import {testEnvironment} from './environment.js';
import type {PostgresServer} from './postgres.js';

export const locationOf = (url: string): PostgresLocation => {
  const parsed = parsePostgresLocation(url, {});
  if (!('location' in parsed)) throw new Error(parsed.message);
  return parsed.location;
};

/** A new database on the server with tpa's schema; its location. */
export const migratedDatabase = async (server: PostgresServer): Promise<PostgresLocation> => {
  const location = locationOf(await server.createDatabase());
  const connection = await connectPostgres(location, {applicationName: 'tpa test migrate', poolSize: 1});
  try {
    await migrate(connection);
  } finally {
    await connection.close();
  }
  return location;
};

interface Teardown {
  teardown(fn: () => Promise<void> | void): void;
}

export const engineOn = async (t: Teardown, location: PostgresLocation, name = 'tpa test'): Promise<PostgresEngine> => {
  const engine = await openPostgresEngine(location, {applicationName: name, onProblem: () => undefined});
  t.teardown(() => engine.close());
  return engine;
};

const entry = (actor: string, at: Date, before: ThirdParty | undefined, after: ThirdParty | undefined): AuditEntry[] => [
  auditEntry({action: before ? (after ? 'update' : 'delete') : 'create', actor, time: at, before, after}),
];

export const createWrite = (record: ThirdParty, actor: string, at: Date): RecordWrite => ({
  kind: 'create',
  record: {...record, updatedAt: at.toISOString()},
  audit: entry(actor, at, undefined, record),
});

/** An update of the record as `known` has it, with `reads` relied on. */
export const updateWrite = (known: Snapshot, record: ThirdParty, actor: string, at: Date, reads: readonly FieldKey[] = []): RecordWrite => {
  const base = known.base(record.id);
  if (!base) throw new Error(`${record.name} is not in the snapshot`);
  const next = {...record, updatedAt: at.toISOString()};
  return {kind: 'update', base, record: next, fields: changedFields(base.record, next), reads, audit: entry(actor, at, base.record, next)};
};

export const deleteWrite = (known: Snapshot, id: string, actor: string, at: Date): RecordWrite => {
  const base = known.base(id);
  if (!base) throw new Error(`${id} is not in the snapshot`);
  return {kind: 'delete', base, audit: entry(actor, at, base.record, undefined)};
};

/** `_at`: when the writer made the change (the engine stamps the save's own time). */
export const commitOf = (_at: Date, ...records: RecordWrite[]): Commit => ({records});

/** A clock of the tests' own: minutes after 2026-11-27 10:00 UTC. */
export const at = (minute: number): Date => new Date(Date.UTC(2026, 10, 27, 10, minute));

export const committed = (result: CommitResult) => {
  if (result.kind !== 'committed') throw new Error(result.kind);
  return result;
};
export const only = (result: CommitResult): RecordOutcome => committed(result).records[0]!;

// A seed of its own: the tests' environments must not make the same ids.
const fixtureEnv = testEnvironment('2026-11-27T10:00:00.000Z', 'two-writers');

/** Two writers (alice, bob) on a fresh database holding one saved third party with a token. */
export const twoWriters = async (t: Teardown, server: PostgresServer) => {
  const location = await migratedDatabase(server);
  const alice = await engineOn(t, location, 'tpa alice');
  const bob = await engineOn(t, location, 'tpa bob');
  const acme = {
    ...addToken(createThirdParty(fixtureEnv, 'Acme Payments'), fixtureEnv),
    enabled: true,
    callbackUrl: 'https://acme.example/cb',
  };
  committed(await alice.commit(await alice.read(), commitOf(at(0), createWrite(acme, 'alice@host', at(0)))));
  return {location, alice, bob, acme: (await alice.read()).database.thirdParties[0]!};
};
