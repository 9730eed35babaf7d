/**
 * The PostgreSQL engine under the one save pipeline (engine.ts; ARCHITECTURE.md,
 * PostgreSQL engine). A commit is one transaction:
 *
 * 1. `UPDATE data_revision SET revision = revision + 1 RETURNING …`: the new revision, and the
 *    row's lock, held to the commit, so saves follow one another and revisions are in commit
 *    order (a refresh that has seen revision N has seen everything before it);
 * 2. each record write decided and written (commit-record.ts: as it is, merged field by field, a
 *    conflict, or invalid), with its audit entries in the same transaction;
 * 3. the settings; then `pg_notify`, which PostgreSQL delivers only if the transaction commits.
 *
 * A commit that writes nothing is rolled back (the revision is not used). The database going away
 * is a PostgresUnavailableError (a DataFileError, never with the password): nothing was written,
 * the next save tries again on a fresh connection, and the watch says so and comes back by itself.
 */
import {randomBytes} from 'node:crypto';
import {sql} from 'kysely';
import {DataFileError} from '../data-file-error.js';
import {
  recordIdOf,
  type Commit,
  type CommitOptions,
  type CommitResult,
  type Engine,
  type LastUsedStore,
  type RecordOutcome,
  type Snapshot,
} from '../engine.js';
import {isEntryOf} from '../last-change.js';
import {insertAuditEntries, readAuditEntries} from './audit-rows.js';
import {commitTokenWrites} from './batch-commit.js';
import {commitRecord, type RecordResult} from './commit-record.js';
import {connectPostgres, type PostgresConnection} from './connect.js';
import {listenForChanges, type Listener, type ListenerState} from './listener.js';
import {isConnectionLost, unavailable} from './postgres-error.js';
import type {PostgresLocation} from './postgres-location.js';
import {PostgresSnapshot, withChangedRecords} from './postgres-snapshot.js';
import {readChangedSnapshot, readSnapshot} from './read-snapshot.js';
import {nextPosition, recordRow, tokenRow} from './rows.js';
import {assertSchemaCurrent} from './schema-version.js';
import {APPROVER_APPLICATION, sharedApprovals, type SharedApprovals} from './shared-approvals.js';
import {CHANGES_CHANNEL, type Tables} from './tables.js';
import type {Kysely} from 'kysely';

/** What a NOTIFY on the changes channel says: which engine committed (its own are skipped) and what. */
export interface ChangeNotice {
  readonly origin: string;
  readonly kind: 'data' | 'last-used' | 'approvals';
  readonly revision?: number;
}

export interface PostgresEngineOptions {
  /** Shown in pg_stat_activity: "tpa", "tpa serve", … */
  readonly applicationName: string;
  /** The watch lost the database (said once per loss; password removed). */
  readonly onProblem?: (message: string) => void;
  /** The watch's connection went away or came back. */
  readonly onConnection?: (state: ListenerState) => void;
  /** Coalesces notices this close together into one onChange. */
  readonly debounceMs?: number;
}

export interface PostgresEngine extends Engine {
  readonly connection: PostgresConnection;
  /** Last used per token, shared by every server (written in batches: server/database-last-used.ts). */
  readonly lastUsed: LastUsedStore;
  /** Calls back when a server wrote a batch of Last used. */
  watchLastUsed(onChange: () => void): () => void;
  /** The requests waiting for an admin, shared by every server and console (shared-approvals.ts). */
  readonly approvals: SharedApprovals;
  /** Calls back when the watch of the data loses its connection and when it listens again (besides `onConnection`). */
  watchConnection(onChange: (state: ListenerState) => void): () => void;
}

export {isPostgresEngine} from './is-postgres-engine.js';

/** Thrown inside a transaction to end it without writing; not an error. */
class NothingWritten extends Error {}

/** Last used rows per statement at most (a batch is split). */
const LAST_USED_CHUNK = 5_000;

const asSnapshot = (snapshot: Snapshot): PostgresSnapshot => {
  if (snapshot instanceof PostgresSnapshot) return snapshot;
  throw new Error('The PostgreSQL engine was handed a snapshot it did not make.');
};

/** The writer's snapshot after a commit: the known one with what was written, and what was read on the way. */
const afterCommit = (known: PostgresSnapshot, results: readonly RecordResult[], revision: number | undefined, commit: Commit) => {
  const changed = results.flatMap(result => (result.stored ? [result.stored] : []));
  const deleted = new Set(
    results.flatMap((result, index) => {
      const write = commit.records[index]!;
      return result.deleted ? [recordIdOf(write)] : [];
    }),
  );
  const {thirdParties, versions} = withChangedRecords(known, changed, deleted);
  // Every save up to the new revision is in it only when none came between (the usual case).
  const seen = revision !== undefined && revision === known.seen + 1 ? revision : known.seen;
  const settings = commit.settings ?? known.database.settings;
  return new PostgresSnapshot(
    {...known.database, revision: revision ?? known.database.revision, ...(settings ? {settings} : {}), thirdParties},
    known.storeId,
    seen,
    versions,
  );
};

/** After `gone` with `recreate`: the records this writer knows that the new database lacks, made again. */
const recreateMissing = async (trx: Kysely<Tables>, known: PostgresSnapshot, revision: number): Promise<void> => {
  const present = new Set((await trx.selectFrom('third_parties').select('id').execute()).map(row => row.id));
  let position = await nextPosition(trx);
  for (const record of known.database.thirdParties) {
    if (present.has(record.id)) continue;
    await trx
      .insertInto('third_parties')
      .values(recordRow(record, revision, position++))
      .execute();
    if (record.tokens.length > 0)
      await trx
        .insertInto('tokens')
        .values(record.tokens.map((token, index) => tokenRow(record.id, token, index, revision)))
        .execute();
  }
};

export const openPostgresEngine = async (location: PostgresLocation, options: PostgresEngineOptions): Promise<PostgresEngine> => {
  // The pool's idle connections breaking is the same loss the watch reports (once): not said twice.
  const connection = await connectPostgres(location, {applicationName: options.applicationName});
  try {
    await assertSchemaCurrent(connection);
  } catch (error) {
    await connection.close();
    throw error;
  }
  const {db} = connection;
  const origin = randomBytes(9).toString('base64url');
  const listeners = new Set<Listener>();
  const connectionWatchers = new Set<(state: ListenerState) => void>();

  /** Driver errors as the engine's: the database gone (retry later), or any other, without a password. */
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof DataFileError) throw error;
      if (isConnectionLost(error)) throw unavailable(error, location);
      throw new DataFileError(location.display, location.redact(error instanceof Error ? error.message : String(error)));
    }
  };

  const notify = (notice: Omit<ChangeNotice, 'origin'>) =>
    sql`select pg_notify(${CHANGES_CHANNEL}, ${JSON.stringify({origin, ...notice})})`;

  const commit = (knownSnapshot: Snapshot, change: Commit, commitOptions: CommitOptions = {}): Promise<CommitResult> =>
    guard(async () => {
      const known = asSnapshot(knownSnapshot);
      const results: RecordResult[] = [];
      let revision: number | undefined;
      let gone = false;
      try {
        await db.transaction().execute(async trx => {
          const state = await trx
            .updateTable('data_revision')
            .set(eb => ({revision: eb('revision', '+', 1)}))
            .returning(['revision', 'store_id'])
            .executeTakeFirstOrThrow();
          if (state.store_id !== known.storeId) {
            if (!commitOptions.recreate) {
              gone = true;
              throw new NothingWritten();
            }
            await recreateMissing(trx, known, state.revision);
          }
          const batched = await commitTokenWrites(trx, change.records, state.revision);
          for (const [index, write] of change.records.entries())
            results.push(batched.get(index) ?? (await commitRecord(trx, write, state.revision)));
          const settings = change.settings ?? (state.store_id !== known.storeId ? known.database.settings : undefined);
          if (settings) {
            if (settings.issuer === undefined) await trx.deleteFrom('settings').where('name', '=', 'issuer').execute();
            else
              await trx
                .insertInto('settings')
                .values({name: 'issuer', value: settings.issuer, version: state.revision})
                .onConflict(oc => oc.column('name').doUpdateSet({value: settings.issuer!, version: state.revision}))
                .execute();
          }
          if (!results.some(result => result.written) && !settings) throw new NothingWritten();
          // The commit's audit entries in one statement, in the order of its records.
          await insertAuditEntries(
            trx,
            results.flatMap(result => result.audit),
            state.revision,
          );
          await notify({kind: 'data', revision: state.revision}).execute(trx);
          revision = state.revision;
        });
      } catch (error) {
        if (!(error instanceof NothingWritten)) throw error;
      }
      if (gone) return {kind: 'gone'};
      const outcomes: RecordOutcome[] = results.map(result => result.outcome);
      return {kind: 'committed', snapshot: afterCommit(known, results, revision, change), records: outcomes};
    });

  const lastUsed: LastUsedStore = {
    read: () =>
      guard(async () => {
        const rows = await db.selectFrom('last_used').select(['token_id', 'used_at']).orderBy('used_at').execute();
        return new Map(rows.map(row => [row.token_id, row.used_at.toISOString()]));
      }),
    write: batch =>
      guard(async () => {
        const entries = [...batch];
        for (let start = 0; start < entries.length; start += LAST_USED_CHUNK) {
          const chunk = entries.slice(start, start + LAST_USED_CHUNK);
          // One statement per chunk; the newest time wins whichever server wrote first.
          await sql`
            insert into last_used (token_id, used_at)
            select * from unnest(${chunk.map(([id]) => id)}::text[], ${chunk.map(([, time]) => time)}::timestamptz[])
            on conflict (token_id) do update set used_at = greatest(last_used.used_at, excluded.used_at)`.execute(db);
        }
        if (entries.length > 0) await notify({kind: 'last-used'}).execute(db);
      }),
  };

  /**
   * Calls `onChange` (debounced) for another engine's notices of this kind, and once each time the
   * LISTEN is (again) in place: what was announced before was announced to no one.
   */
  const watchNotices = (kind: ChangeNotice['kind'], onChange: () => void, applicationName?: string): (() => void) => {
    let timer: NodeJS.Timeout | undefined;
    const soon = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        onChange();
      }, options.debounceMs ?? 30);
    };
    const listener = listenForChanges(connection.clientConfig, location, {
      ...(applicationName === undefined ? {} : {applicationName}),
      onNotice: payload => {
        let notice: Partial<ChangeNotice>;
        try {
          notice = JSON.parse(payload) as Partial<ChangeNotice>;
        } catch {
          return;
        }
        if (notice.origin !== origin && notice.kind === kind) soon();
      },
      onState: state => {
        if (kind === 'data') {
          options.onConnection?.(state);
          for (const watcher of connectionWatchers) watcher(state);
          if (state.kind === 'lost') options.onProblem?.(`the database went away (${state.problem}); trying again`);
          else if (state.reconnected) options.onProblem?.('the database is back');
        }
        if (state.kind === 'listening') soon();
      },
    });
    listeners.add(listener);
    return () => {
      clearTimeout(timer);
      listeners.delete(listener);
      void listener.close();
    };
  };

  return {
    location: location.display,
    connection,
    lastUsed,
    read: () => guard(() => readSnapshot(db)),
    readChanged: known => guard(() => readChangedSnapshot(db, asSnapshot(known))),
    commit,
    watch: onChange => watchNotices('data', onChange),
    watchLastUsed: onChange => watchNotices('last-used', onChange),
    watchConnection: onChange => {
      connectionWatchers.add(onChange);
      return () => connectionWatchers.delete(onChange);
    },
    approvals: sharedApprovals(
      db,
      async trx => void (await notify({kind: 'approvals'}).execute(trx)),
      onChange => watchNotices('approvals', onChange),
      onChange => watchNotices('approvals', onChange, APPROVER_APPLICATION),
    ),
    readHistory: (thirdPartyId, limit) => guard(() => readAuditEntries(db, thirdPartyId, limit)),
    entryOfChange: (thirdPartyId, seen) =>
      guard(async () => {
        const [newest] = await readAuditEntries(db, thirdPartyId, 1);
        return newest && isEntryOf(newest, seen) ? newest : undefined;
      }),
    async close() {
      await Promise.all([...listeners].map(listener => listener.close()));
      listeners.clear();
      await connection.close();
    },
  };
};
