/**
 * A writer's changed fields (record-fields.ts keys) written onto the stored rows, and nothing
 * else: the record's row gets only the columns of the fields it changed, a token added is one row
 * inserted, a token's field changed is one row updated. So another writer's change to other
 * fields, already stored, stays (the merge), and the server's token is cheap to write.
 */
import {sql, type Kysely} from 'kysely';
import type {OAuthToken} from '../../domain/index.js';
import type {RecordWrite} from '../engine.js';
import {recordColumns, tokenRow} from './rows.js';
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

/** What a write does to its record's token rows. */
export interface TokenChanges {
  readonly thirdPartyId: string;
  /** Ids of tokens removed. */
  readonly removed: readonly string[];
  /** Tokens whose changeable fields changed, with which. */
  readonly edited: ReadonlyArray<{
    readonly token: OAuthToken;
    readonly expiresAt: boolean;
    readonly active: boolean;
    readonly sentAt: boolean;
  }>;
  /** New tokens, in the writer's order. */
  readonly added: readonly OAuthToken[];
}

export const tokenChanges = (write: Update): TokenChanges => {
  const {record, base, fields} = write;
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
  return {
    thirdPartyId: record.id,
    removed,
    edited: [...edited.values()].map(token => ({
      token,
      expiresAt: changed.has(`tokens[${token.id}].expiresAt`),
      active: changed.has(`tokens[${token.id}].active`),
      sentAt: changed.has(`tokens[${token.id}].sentAt`),
    })),
    added: record.tokens.filter(token => !baseIds.has(token.id) && changed.has(`tokens[${token.id}]`)),
  };
};

/**
 * The token rows of any number of writes (a commit's batch, or one write), in three statements
 * at most: removed ones deleted, changed fields updated (a flag per field says which), new ones
 * inserted, each record's before every token it has (newest first, as the domain adds them).
 */
export const writeTokenChanges = async (db: Kysely<Tables>, changes: readonly TokenChanges[], revision: number): Promise<void> => {
  const removed = changes.flatMap(change => change.removed);
  if (removed.length > 0) await db.deleteFrom('tokens').where('id', 'in', removed).execute();
  const edited = changes.flatMap(change => change.edited);
  if (edited.length > 0) {
    const rows = edited.map(
      ({token, expiresAt, active, sentAt}) =>
        sql`(${token.id}::text, ${expiresAt}::boolean, ${token.expiresAt}::timestamptz, ${active}::boolean, ${token.active}::boolean, ${sentAt}::boolean, ${token.sentAt ?? null}::timestamptz)`,
    );
    await sql`
      update tokens t set
        expires_at = case when v.set_expires then v.expires_at else t.expires_at end,
        active = case when v.set_active then v.active else t.active end,
        sent_at = case when v.set_sent then v.sent_at else t.sent_at end,
        version = ${revision}
      from (values ${sql.join(rows)}) as v(id, set_expires, expires_at, set_active, active, set_sent, sent_at)
      where t.id = v.id`.execute(db);
  }
  const added = changes.flatMap(change =>
    change.added.map((token, index) => ({
      ...tokenRow(change.thirdPartyId, token, 0, revision),
      position: sql<number>`(select coalesce(min(position), 0) from tokens where third_party_id = ${change.thirdPartyId}) - ${change.added.length - index}`,
    })),
  );
  if (added.length > 0) await db.insertInto('tokens').values(added).execute();
};

/** The tokens of a new record, in its order. */
export const insertTokens = (db: Kysely<Tables>, id: string, tokens: readonly OAuthToken[], revision: number): Promise<void> =>
  writeTokenChanges(db, [{thirdPartyId: id, removed: [], edited: [], added: tokens}], revision);

/** The token rows one write changes. */
export const applyTokens = (db: Kysely<Tables>, write: Update, revision: number): Promise<void> =>
  writeTokenChanges(db, [tokenChanges(write)], revision);
