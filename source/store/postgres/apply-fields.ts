/**
 * A writer's changed fields (record-fields.ts keys) written onto the stored rows, and nothing
 * else: the record's row gets only the columns of the fields it changed, a token added is one row
 * inserted, a token's field changed is one row updated. So another writer's change to other
 * fields, already stored, stays (the merge), and the server's token is cheap to write.
 */
import {sql, type Kysely} from 'kysely';
import type {OAuthToken} from '../../domain/index.js';
import type {RecordWrite} from '../engine.js';
import {recordColumns, tokenChangeableColumns, tokenRow} from './rows.js';
import type {Tables} from './tables.js';

type Update = RecordWrite & {kind: 'update'};

const TOKEN = /^tokens\[(.*)\]$/;
const TOKEN_FIELD = /^tokens\[(.*)\]\.(expiresAt|active|sentAt)$/;

/** The record row's columns for the top-level fields this write changed, with its time and version. */
export const recordUpdate = (write: Update, revision: number) => {
  const changed = new Set(write.fields);
  const all = recordColumns(write.record);
  return {
    ...(changed.has('name') ? {name: all.name, name_key: all.name_key} : {}),
    ...(changed.has('clientId') ? {client_id: all.client_id} : {}),
    ...(changed.has('clientSecret') ? {client_secret: all.client_secret} : {}),
    ...(changed.has('previousClientSecret')
      ? {previous_client_secret: all.previous_client_secret, previous_secret_valid_until: all.previous_secret_valid_until}
      : {}),
    ...(changed.has('enabled') ? {enabled: all.enabled} : {}),
    ...(changed.has('callbackUrl') ? {callback_url: all.callback_url} : {}),
    ...(changed.has('approval') ? {approval: all.approval} : {}),
    updated_at: write.record.updatedAt,
    version: revision,
  };
};

/**
 * The tokens a record write brings, in `order` (the writer's list), each at a place before every
 * token the record has: new tokens go first, newest first, as the domain adds them.
 */
export const insertTokens = async (db: Kysely<Tables>, id: string, tokens: readonly OAuthToken[], revision: number): Promise<void> => {
  if (tokens.length === 0) return;
  const lowest = sql<number>`(select coalesce(min(position), 0) from tokens where third_party_id = ${id})`;
  await db
    .insertInto('tokens')
    .values(
      tokens.map((token, index) => ({
        ...tokenRow(id, token, 0, revision),
        position: sql<number>`${lowest} - ${tokens.length - index}`,
      })),
    )
    .execute();
};

/** The token rows a write changes: removed ones deleted, changed fields updated, new ones inserted. */
export const applyTokens = async (db: Kysely<Tables>, write: Update, revision: number): Promise<void> => {
  const {record, base, fields} = write;
  const id = record.id;
  const changed = new Set(fields);
  const mine = new Map(record.tokens.map(token => [token.id, token]));
  const baseIds = new Set(base.record.tokens.map(token => token.id));
  const removed: string[] = [];
  const edited = new Map<string, OAuthToken>();
  for (const key of fields) {
    const presence = TOKEN.exec(key)?.[1];
    if (presence !== undefined && !key.includes('].')) {
      if (baseIds.has(presence) && !mine.has(presence)) removed.push(presence);
      continue;
    }
    const token = mine.get(TOKEN_FIELD.exec(key)?.[1] ?? '');
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
  const added = record.tokens.filter(token => !baseIds.has(token.id) && changed.has(`tokens[${token.id}]`));
  await insertTokens(db, id, added, revision);
};
