/**
 * One record write of a commit (engine.ts), inside the commit's transaction, which holds the
 * revision row's lock (postgres-engine.ts): no other save runs meanwhile, so what is read here
 * stays true until the commit. The decision is the engine's rule: written as it is when the
 * stored version is the base's; otherwise PostgreSQL compares the fields (field-decision.ts) and
 * the change is merged onto the stored rows or refused as a conflict. Only the fields this
 * writer changed are written: a token issued by the server is one row inserted.
 */
import type {Kysely} from 'kysely';
import {hasErrors, nameKey, validateThirdParty, type AuditEntry, type ThirdParty} from '../../domain/index.js';
import type {RecordOutcome, RecordWrite} from '../engine.js';
import {applyTokens, insertTokens, recordUpdate} from './apply-fields.js';
import {whoChanged} from './audit-rows.js';
import {decideFields} from './field-decision.js';
import {readRecords, type StoredRecord} from './read-records.js';
import {nextPosition, recordRow} from './rows.js';
import type {Tables} from './tables.js';

export interface RecordResult {
  readonly outcome: RecordOutcome;
  /** The record as stored after this write (or as found, for a conflict), for the writer's snapshot; undefined: none. */
  readonly stored: StoredRecord | undefined;
  readonly deleted?: boolean;
  /** The audit entries to write with it (a commit writes its entries in one statement); empty when nothing was written. */
  readonly audit: readonly AuditEntry[];
  readonly written: boolean;
}

const NONE: readonly AuditEntry[] = [];

const readOne = async (db: Kysely<Tables>, id: string): Promise<StoredRecord | undefined> => (await readRecords(db, [id]))[0];

/** The write's own field rules against the names stored now (validation.ts), as the file engine checks them. */
const invalidOf = async (db: Kysely<Tables>, record: ThirdParty): Promise<RecordOutcome | undefined> => {
  const owner = await db.selectFrom('third_parties').select('id').where('name_key', '=', nameKey(record.name)).executeTakeFirst();
  const errors = validateThirdParty(record, new Map(owner ? [[nameKey(record.name), owner.id]] : []));
  return hasErrors(errors) ? {kind: 'invalid', errors} : undefined;
};

const conflict = async (db: Kysely<Tables>, stored: StoredRecord, fields: readonly string[]): Promise<RecordResult> => ({
  outcome: {
    kind: 'conflict',
    theirs: stored.record,
    fields,
    changedBy: await whoChanged(db, stored.record.id, stored.version, new Date(stored.record.updatedAt)),
  },
  stored,
  audit: NONE,
  written: false,
});

export const written = (record: ThirdParty, revision: number, audit: readonly AuditEntry[]): RecordResult => ({
  outcome: {kind: 'written', record},
  stored: {record, version: revision},
  audit,
  written: true,
});

/**
 * The usual save, in one statement: the row still at the base's version gets this write's
 * columns. Not taken when a name or callback URL must be checked against the others first.
 */
const writeUntouched = async (db: Kysely<Tables>, write: RecordWrite, revision: number): Promise<boolean> => {
  if (write.kind !== 'update' || write.base.version === undefined) return false;
  if (write.fields.includes('name') || write.fields.includes('callbackUrl')) return false;
  const row = await db
    .updateTable('third_parties')
    .set(recordUpdate(write, revision))
    .where('id', '=', write.record.id)
    .where('version', '=', Number(write.base.version))
    .returning('id')
    .executeTakeFirst();
  if (!row) return false;
  await applyTokens(db, write, revision);
  return true;
};

/** Decides and writes one record write (its times as the writer gave them: engine.ts, Commit); `revision` is this commit's. */
export const commitRecord = async (db: Kysely<Tables>, write: RecordWrite, revision: number): Promise<RecordResult> => {
  if (write.kind === 'create') {
    const stored = await readOne(db, write.record.id);
    if (stored) return conflict(db, stored, []);
    const invalid = await invalidOf(db, write.record);
    if (invalid) return {outcome: invalid, stored: undefined, audit: NONE, written: false};
    await db
      .insertInto('third_parties')
      .values(recordRow(write.record, revision, await nextPosition(db)))
      .execute();
    await insertTokens(db, write.record.id, write.record.tokens, revision);
    return written(write.record, revision, write.audit);
  }
  if (write.kind === 'update' && (await writeUntouched(db, write, revision))) return written(write.record, revision, write.audit);

  const {base} = write;
  const id = base.record.id;
  const row = await db
    .selectFrom('third_parties')
    .select(['version', 'name', 'callback_url', 'updated_at'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) {
    // Deleting what another writer deleted too is no conflict: the result is the same.
    if (write.kind === 'delete')
      return {outcome: {kind: 'written', record: undefined}, stored: undefined, deleted: true, audit: NONE, written: false};
    return {
      outcome: {kind: 'conflict', theirs: undefined, fields: [], changedBy: await whoChanged(db, id, 'deleted', new Date())},
      stored: undefined,
      deleted: true,
      audit: NONE,
      written: false,
    };
  }
  const untouched = base.version !== undefined && Number(base.version) === row.version;
  const decision = untouched
    ? {theirs: [], conflicts: []}
    : await decideFields(db, id, {
        base: base.record,
        record: write.kind === 'update' ? write.record : undefined,
        fields: write.kind === 'update' ? write.fields : [],
        reads: write.kind === 'update' ? write.reads : [],
      });

  if (write.kind === 'delete') {
    if (decision.theirs.length > 0) return conflict(db, (await readOne(db, id))!, decision.theirs);
    await db.deleteFrom('third_parties').where('id', '=', id).execute();
    await db
      .insertInto('deleted_third_parties')
      .values({id, name: row.name, version: revision})
      .onConflict(oc => oc.column('id').doUpdateSet({name: row.name, version: revision}))
      .execute();
    return {outcome: {kind: 'written', record: undefined}, stored: undefined, deleted: true, audit: write.audit, written: true};
  }

  if (decision.conflicts.length > 0) return conflict(db, (await readOne(db, id))!, decision.conflicts);
  const changed = new Set(write.fields);
  if (changed.has('name') || changed.has('callbackUrl')) {
    // The record as it will be: this writer's name and callback URL where it changed them, the stored ones elsewhere.
    const merged = {
      ...write.record,
      name: changed.has('name') ? write.record.name : row.name,
      callbackUrl: changed.has('callbackUrl') ? write.record.callbackUrl : row.callback_url,
    };
    const invalid = await invalidOf(db, merged);
    if (invalid) return {outcome: invalid, stored: undefined, audit: NONE, written: false};
  }
  const theirs = decision.theirs.filter(key => !changed.has(key));
  const changedBy = theirs.length > 0 ? await whoChanged(db, id, row.version, row.updated_at) : undefined;
  await db.updateTable('third_parties').set(recordUpdate(write, revision)).where('id', '=', id).execute();
  await applyTokens(db, write, revision);
  if (decision.theirs.length === 0) return written(write.record, revision, write.audit);
  // Merged with another writer's change: the record as it is now.
  const stored = (await readOne(db, id))!;
  return {
    outcome: {kind: 'written', record: stored.record, ...(changedBy ? {merged: {fields: theirs, changedBy}} : {})},
    stored,
    audit: write.audit,
    written: true,
  };
};
