/**
 * The audit log in the database: one row per entry, inserted in the transaction of the save it
 * describes (so a record is never written without its entries, nor the other way round), read
 * back with exactly the keys of the file's JSON lines (domain/audit.ts).
 */
import type {Kysely, Selectable} from 'kysely';
import type {AuditChange, AuditEntry, ChangedBy} from '../../domain/index.js';
import {iso} from './rows.js';
import type {AuditLogTable, Tables} from './tables.js';

type AuditRow = Selectable<AuditLogTable>;

export const entryOf = (
  row: Pick<AuditRow, 'time' | 'actor' | 'action' | 'third_party_id' | 'third_party_name' | 'changes'>,
): AuditEntry => ({
  time: iso(row.time),
  actor: row.actor,
  action: row.action,
  thirdParty: {id: row.third_party_id, name: row.third_party_name},
  changes: row.changes as AuditChange[],
});

export const insertAuditEntries = async (db: Kysely<Tables>, entries: readonly AuditEntry[], revision: number): Promise<void> => {
  if (entries.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(
      entries.map(entry => ({
        revision,
        time: entry.time,
        actor: entry.actor,
        action: entry.action,
        third_party_id: entry.thirdParty.id,
        third_party_name: entry.thirdParty.name,
        changes: JSON.stringify(entry.changes),
      })),
    )
    .execute();
};

/** The newest `limit` entries about one third party, newest first. */
export const readAuditEntries = async (db: Kysely<Tables>, thirdPartyId: string, limit: number): Promise<AuditEntry[]> => {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('third_party_id', '=', thirdPartyId)
    .orderBy('id', 'desc')
    .limit(Math.max(0, Math.min(limit, 10_000)))
    .execute();
  return rows.map(entryOf);
};

/**
 * Who made the stored version of a record, from the audit entry written with it (same revision;
 * for a deletion, the delete entry). Without one (rows changed by hand), only when is known.
 */
export const whoChanged = async (db: Kysely<Tables>, thirdPartyId: string, version: number | 'deleted', at: Date): Promise<ChangedBy> => {
  const row = await db
    .selectFrom('audit_log')
    .select(['actor', 'time', 'action', 'revision'])
    .where('third_party_id', '=', thirdPartyId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const isThatChange = row !== undefined && (version === 'deleted' ? row.action === 'delete' : row.revision === version);
  return isThatChange ? {actor: row.actor, at: row.time, action: row.action} : {actor: undefined, at, action: undefined};
};
