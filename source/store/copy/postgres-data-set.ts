/**
 * `tpa copy`'s database side. Reading is one repeatable-read transaction (one moment's data);
 * writing is one transaction into an empty database, so a copy is there whole or not at all.
 */
import {sql, type Kysely} from 'kysely';
import {DataFileError} from '../data-file-error.js';
import type {PostgresConnection} from '../postgres/connect.js';
import {entryOf, insertAuditEntries} from '../postgres/audit-rows.js';
import {readAll} from '../postgres/read-snapshot.js';
import {recordRow, tokenRow} from '../postgres/rows.js';
import type {Tables} from '../postgres/tables.js';
import type {DataSet} from './data-set.js';

/** Rows per INSERT (PostgreSQL takes at most 65,535 parameters in a statement). */
const CHUNK = 1_000;

const inChunks = async <T>(items: readonly T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> => {
  for (let start = 0; start < items.length; start += CHUNK) await write(items.slice(start, start + CHUNK));
};

export const readPostgresDataSet = async ({db}: PostgresConnection): Promise<DataSet> => {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async trx => {
      const snapshot = await readAll(trx);
      const audit = await trx.selectFrom('audit_log').selectAll().orderBy('id').execute();
      const lastUsed = await trx.selectFrom('last_used').selectAll().orderBy('used_at').execute();
      return {
        database: snapshot.database,
        audit: audit.map(entryOf),
        lastUsed: new Map(lastUsed.map(row => [row.token_id, row.used_at.toISOString()])),
      };
    });
};

/** What the database holds already; a copy goes only into an empty one. */
const holdings = async (db: Kysely<Tables>): Promise<string | undefined> => {
  const {rows} = await sql<{records: number; entries: number}>`
    select (select count(*) from third_parties)::int as records, (select count(*) from audit_log)::int as entries`.execute(db);
  const {records = 0, entries = 0} = rows[0] ?? {};
  return records > 0 || entries > 0 ? `${records} third parties and ${entries} audit entries` : undefined;
};

export const writePostgresDataSet = async (connection: PostgresConnection, data: DataSet): Promise<void> => {
  const {database} = data;
  await connection.db.transaction().execute(async trx => {
    // Taken first, as every commit does: no save can slip in while the copy is written.
    await trx.selectFrom('data_revision').select('revision').forUpdate().execute();
    const held = await holdings(trx);
    if (held)
      throw new DataFileError(
        connection.location.display,
        `holds ${held} already: tpa copy writes only into an empty database (tpa migrate a new one)`,
      );
    const revision = database.revision;
    await trx.updateTable('data_revision').set({revision}).execute();
    await inChunks(
      database.thirdParties.map((record, index) => recordRow(record, revision, index + 1)),
      chunk => trx.insertInto('third_parties').values(chunk).execute(),
    );
    await inChunks(
      database.thirdParties.flatMap(record => record.tokens.map((token, index) => tokenRow(record.id, token, index, revision))),
      chunk => trx.insertInto('tokens').values(chunk).execute(),
    );
    await inChunks(data.audit, chunk => insertAuditEntries(trx, chunk, 0));
    // A record's newest entry, when it is the entry of the stored version (its time is the record's
    // updatedAt), carries that version's revision: whoChanged names who made it.
    await sql`
      update audit_log a set revision = ${revision}
      from third_parties p
      where a.third_party_id = p.id and a.action <> 'delete' and a.time = p.updated_at
        and a.id = (select max(id) from audit_log newest where newest.third_party_id = p.id)`.execute(trx);
    await inChunks([...data.lastUsed], chunk =>
      trx
        .insertInto('last_used')
        .values(chunk.map(([token_id, used_at]) => ({token_id, used_at})))
        .execute(),
    );
    if (database.settings?.issuer !== undefined)
      await trx.insertInto('settings').values({name: 'issuer', value: database.settings.issuer, version: revision}).execute();
  });
};
