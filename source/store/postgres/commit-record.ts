/**
 * One record write of a commit (engine.ts), inside the commit's transaction, which holds the
 * revision row's lock (postgres-engine.ts): no other save runs meanwhile, so what is read here
 * stays true until the commit. The decision is the engine's rule: written as it is when the
 * stored version is the base's; otherwise PostgreSQL compares the fields (field-decision.ts) and
 * the change is merged onto the stored rows or refused as a conflict. Only the fields this
 * writer changed are written: a token issued by the server is one row inserted.
 */
import type {Kysely} from 'kysely';
import {hasErrors, nameKey, validateThirdParty, type OAuthToken, type ThirdParty} from '../../domain/index.js';
import type {RecordOutcome, RecordWrite} from '../engine.js';
import {stamped, stampedEntries} from '../decide-records.js';
import {insertAuditEntries, whoChanged} from './audit-rows.js';
import {decideFields} from './field-decision.js';
import {readRecords, type StoredRecord} from './read-records.js';
import {nextPosition, recordColumns, recordRow, tokenChangeableColumns, tokenRow} from './rows.js';
import type {Tables} from './tables.js';

export interface RecordResult {
  readonly outcome: RecordOutcome;
  /** The record as stored after this write (or as found, for a conflict), for the writer's snapshot; undefined: none. */
  readonly stored: StoredRecord | undefined;
  readonly deleted?: boolean;
  readonly written: boolean;
}

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
  written: false,
});

const insertTokens = async (db: Kysely<Tables>, id: string, tokens: readonly OAuthToken[], firstPosition: number, revision: number) => {
  if (tokens.length === 0) return;
  await db
    .insertInto('tokens')
    .values(tokens.map((token, index) => tokenRow(id, token, firstPosition + index, revision)))
    .execute();
};

const TOKEN_FIELD = /^tokens\[(.*)\]\.(expiresAt|active|sentAt)$/;
const TOKEN = /^tokens\[(.*)\]$/;

/** This writer's changed fields, applied onto the stored rows. */
const applyFields = async (db: Kysely<Tables>, write: RecordWrite & {kind: 'update'}, revision: number): Promise<void> => {
  const {record, base, fields} = write;
  const id = record.id;
  const changed = new Set(fields);
  const all = recordColumns(record);
  const top = {
    ...(changed.has('name') ? {name: all.name, name_key: all.name_key} : {}),
    ...(changed.has('clientId') ? {client_id: all.client_id} : {}),
    ...(changed.has('clientSecret') ? {client_secret: all.client_secret} : {}),
    ...(changed.has('previousClientSecret')
      ? {previous_client_secret: all.previous_client_secret, previous_secret_valid_until: all.previous_secret_valid_until}
      : {}),
    ...(changed.has('enabled') ? {enabled: all.enabled} : {}),
    ...(changed.has('callbackUrl') ? {callback_url: all.callback_url} : {}),
    ...(changed.has('approval') ? {approval: all.approval} : {}),
  };
  await db
    .updateTable('third_parties')
    .set({...top, updated_at: record.updatedAt, version: revision})
    .where('id', '=', id)
    .execute();

  const mine = new Map(record.tokens.map(token => [token.id, token]));
  const baseIds = new Set(base.record.tokens.map(token => token.id));
  const removed: string[] = [];
  const added: OAuthToken[] = [];
  const edited = new Map<string, OAuthToken>();
  for (const key of fields) {
    const presence = TOKEN.exec(key)?.[1];
    if (presence !== undefined && !key.includes('].')) {
      if (baseIds.has(presence) && !mine.has(presence)) removed.push(presence);
      const token = mine.get(presence);
      if (token && !baseIds.has(presence)) added.push(token);
      continue;
    }
    const tokenId = TOKEN_FIELD.exec(key)?.[1];
    const token = tokenId === undefined ? undefined : mine.get(tokenId);
    if (token && baseIds.has(token.id)) edited.set(token.id, token);
  }
  if (removed.length > 0) await db.deleteFrom('tokens').where('third_party_id', '=', id).where('id', 'in', removed).execute();
  for (const token of edited.values()) {
    const columns = tokenChangeableColumns(token);
    await db
      .updateTable('tokens')
      .set({
        ...(changed.has(`tokens[${token.id}].expiresAt`) ? {expires_at: columns.expires_at} : {}),
        ...(changed.has(`tokens[${token.id}].active`) ? {active: columns.active} : {}),
        ...(changed.has(`tokens[${token.id}].sentAt`) ? {sent_at: columns.sent_at} : {}),
        version: revision,
      })
      .where('third_party_id', '=', id)
      .where('id', '=', token.id)
      .execute();
  }
  if (added.length > 0) {
    // New tokens go first, in this writer's order (newest first, as the domain adds them).
    const lowest = await db
      .selectFrom('tokens')
      .select(eb => eb.fn.min<number>('position').as('lowest'))
      .where('third_party_id', '=', id)
      .executeTakeFirst();
    const order = new Map(record.tokens.map((token, index) => [token.id, index]));
    added.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    await insertTokens(db, id, added, (lowest?.lowest ?? 0) - added.length, revision);
  }
};

/** The write as of the save's time (engine.ts, Commit): its record's updatedAt and its entries' time. */
const atTime = (write: RecordWrite, time: string): RecordWrite => {
  const audit = stampedEntries(write.audit, time);
  if (write.kind === 'delete') return {...write, audit};
  return {...write, record: stamped(write.record, time), audit};
};

/** Decides and writes one record write; `revision` is this commit's, `time` its save time (taken under the commit's lock). */
export const commitRecord = async (db: Kysely<Tables>, unstamped: RecordWrite, revision: number, time: string): Promise<RecordResult> => {
  const write = atTime(unstamped, time);
  if (write.kind === 'create') {
    const stored = await readOne(db, write.record.id);
    if (stored) return conflict(db, stored, []);
    const invalid = await invalidOf(db, write.record);
    if (invalid) return {outcome: invalid, stored: undefined, written: false};
    await db
      .insertInto('third_parties')
      .values(recordRow(write.record, revision, await nextPosition(db)))
      .execute();
    await insertTokens(db, write.record.id, write.record.tokens, 0, revision);
    await insertAuditEntries(db, write.audit, revision);
    return {outcome: {kind: 'written', record: write.record}, stored: {record: write.record, version: revision}, written: true};
  }

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
    if (write.kind === 'delete') return {outcome: {kind: 'written', record: undefined}, stored: undefined, deleted: true, written: false};
    return {
      outcome: {
        kind: 'conflict',
        theirs: undefined,
        fields: [],
        changedBy: await whoChanged(db, id, 'deleted', new Date()),
      },
      stored: undefined,
      deleted: true,
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
    const name = await db.deleteFrom('third_parties').where('id', '=', id).returning('name').executeTakeFirstOrThrow();
    await db
      .insertInto('deleted_third_parties')
      .values({id, name: name.name, version: revision})
      .onConflict(oc => oc.column('id').doUpdateSet({name: name.name, version: revision}))
      .execute();
    await insertAuditEntries(db, write.audit, revision);
    return {outcome: {kind: 'written', record: undefined}, stored: undefined, deleted: true, written: true};
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
    if (invalid) return {outcome: invalid, stored: undefined, written: false};
  }
  const theirs = decision.theirs.filter(key => !changed.has(key));
  // Who made their change: asked before this write's own audit entries are the newest.
  const changedBy = theirs.length > 0 ? await whoChanged(db, id, row.version, row.updated_at) : undefined;
  await applyFields(db, write, revision);
  await insertAuditEntries(db, write.audit, revision);
  if (untouched || decision.theirs.length === 0)
    return {outcome: {kind: 'written', record: write.record}, stored: {record: write.record, version: revision}, written: true};
  // Merged with another writer's change: the record as it is now.
  const stored = (await readOne(db, id))!;
  return {
    outcome: {kind: 'written', record: stored.record, ...(changedBy ? {merged: {fields: theirs, changedBy}} : {})},
    stored,
    written: true,
  };
};
