/**
 * Reading the data into snapshots: everything (a start, a reload), or only what changed since a
 * snapshot's revision (a refresh: the records whose version is higher, the deletions since, the
 * settings), each in one repeatable-read transaction, so that what is read is one moment's data.
 */
import type {Kysely} from 'kysely';
import {SCHEMA_VERSION, type Database, type Settings, type ThirdParty} from '../../domain/index.js';
import {readRecords, type StoredRecord} from './read-records.js';
import {PostgresSnapshot, withChangedRecords} from './postgres-snapshot.js';
import type {Tables} from './tables.js';

const readSettings = async (db: Kysely<Tables>): Promise<Settings | undefined> => {
  const rows = await db.selectFrom('settings').select(['name', 'value']).execute();
  const issuer = rows.find(row => row.name === 'issuer')?.value;
  return issuer === undefined ? undefined : {issuer};
};

const databaseOf = (revision: number, settings: Settings | undefined, thirdParties: ThirdParty[]): Database => ({
  schema: SCHEMA_VERSION,
  revision,
  ...(settings ? {settings} : {}),
  thirdParties,
});

const sameSettings = (a: Settings | undefined, b: Settings | undefined): boolean => a?.issuer === b?.issuer;

/** Everything, read inside the caller's transaction. */
export const readAll = async (trx: Kysely<Tables>): Promise<PostgresSnapshot> => {
  const state = await trx.selectFrom('data_revision').select(['revision', 'store_id']).executeTakeFirstOrThrow();
  const settings = await readSettings(trx);
  const stored = await readRecords(trx);
  return new PostgresSnapshot(
    databaseOf(
      state.revision,
      settings,
      stored.map(({record}) => record),
    ),
    state.store_id,
    state.revision,
    new Map(stored.map(({record, version}) => [record.id, version])),
  );
};

export const readSnapshot = (db: Kysely<Tables>): Promise<PostgresSnapshot> =>
  db.transaction().setIsolationLevel('repeatable read').execute(readAll);

/**
 * What changed since `known`: undefined when nothing did (no record or setting differs from what
 * it holds, its own writes included). Unchanged records stay the same objects; new ones come last.
 * A database made again (another store id) is read whole.
 */
export const readChangedSnapshot = (db: Kysely<Tables>, known: PostgresSnapshot): Promise<PostgresSnapshot | undefined> =>
  db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async trx => {
      const state = await trx.selectFrom('data_revision').select(['revision', 'store_id']).executeTakeFirstOrThrow();
      if (state.store_id !== known.storeId) return readAll(trx);
      if (state.revision === known.seen) return undefined;
      const ids = await trx.selectFrom('third_parties').select('id').where('version', '>', known.seen).execute();
      const changed: StoredRecord[] = (
        await readRecords(
          trx,
          ids.map(row => row.id),
        )
      ).filter(({record, version}) => known.versions.get(record.id) !== version);
      const deleted = new Set(
        (await trx.selectFrom('deleted_third_parties').select('id').where('version', '>', known.seen).execute())
          .map(row => row.id)
          .filter(id => known.versions.has(id)),
      );
      const settings = await readSettings(trx);
      const settingsChanged = !sameSettings(settings, known.database.settings);
      const {thirdParties, versions} = withChangedRecords(known, changed, deleted);
      const database = databaseOf(state.revision, settings, thirdParties);
      const snapshot = new PostgresSnapshot(database, state.store_id, state.revision, versions);
      return changed.length > 0 || deleted.size > 0 || settingsChanged ? snapshot : undefined;
    });
