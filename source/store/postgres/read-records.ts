/** Reading third parties with their tokens: all of them (a start, doctor, copy), or those a refresh or a commit names. */
import type {Kysely} from 'kysely';
import type {ThirdParty} from '../../domain/index.js';
import {recordOf, tokensByRecord} from './rows.js';
import type {Tables} from './tables.js';

export interface StoredRecord {
  readonly record: ThirdParty;
  /** The revision of the save that last changed it. */
  readonly version: number;
}

/**
 * In the list's order, as the file keeps it; `ids`: only these. Run it
 * in a repeatable-read transaction (read-snapshot.ts) for records and tokens of one moment.
 */
export const readRecords = async (db: Kysely<Tables>, ids?: readonly string[]): Promise<StoredRecord[]> => {
  if (ids !== undefined && ids.length === 0) return [];
  let records = db.selectFrom('third_parties').selectAll().orderBy('position');
  let tokens = db.selectFrom('tokens').selectAll();
  if (ids !== undefined) {
    records = records.where('id', 'in', ids);
    tokens = tokens.where('third_party_id', 'in', ids);
  }
  // One after the other: inside a transaction both run on its one connection.
  const rows = await records.execute();
  const tokenRows = await tokens.execute();
  const groups = tokensByRecord(tokenRows);
  return rows.map(row => ({record: recordOf(row, groups.get(row.id) ?? []), version: row.version}));
};
