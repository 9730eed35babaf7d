/**
 * Third parties and tokens to rows and back. A record read back equals the one written, key for
 * key: optional fields absent in the record are NULL in the row and absent again when read, and
 * times come back as the ISO texts the domain writes (`toISOString`, milliseconds, Z).
 */
import type {Insertable, Kysely, Selectable} from 'kysely';
import {nameKey, type OAuthToken, type ThirdParty} from '../../domain/index.js';
import type {Tables, ThirdPartiesTable, TokensTable} from './tables.js';

export type ThirdPartyRow = Selectable<ThirdPartiesTable>;
export type TokenRow = Selectable<TokensTable>;

export const iso = (time: Date): string => time.toISOString();
const isoOrNull = (time: Date | null): string | null => (time === null ? null : iso(time));

const tokenOf = (row: TokenRow): OAuthToken => ({
  id: row.id,
  token: row.token,
  createdAt: iso(row.created_at),
  expiresAt: isoOrNull(row.expires_at),
  active: row.active,
  ...(row.sent_at === null ? {} : {sentAt: iso(row.sent_at)}),
  ...(row.origin === null ? {} : {origin: row.origin}),
  ...(row.test === null ? {} : {test: row.test}),
});

/** `tokens`: the record's token rows in their order (by position). */
export const recordOf = (row: ThirdPartyRow, tokens: readonly TokenRow[]): ThirdParty => ({
  id: row.id,
  name: row.name,
  clientId: row.client_id,
  clientSecret: row.client_secret,
  ...(row.previous_client_secret === null || row.previous_secret_valid_until === null
    ? {}
    : {previousClientSecret: {secret: row.previous_client_secret, validUntil: iso(row.previous_secret_valid_until)}}),
  enabled: row.enabled,
  callbackUrl: row.callback_url,
  tokens: tokens.map(tokenOf),
  ...(row.approval === null ? {} : {approval: row.approval}),
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
});

/** The row's columns for a record's own fields (tokens are rows of their own). */
export const recordColumns = (record: ThirdParty) => ({
  name: record.name,
  name_key: nameKey(record.name),
  client_id: record.clientId,
  client_secret: record.clientSecret,
  previous_client_secret: record.previousClientSecret?.secret ?? null,
  previous_secret_valid_until: record.previousClientSecret?.validUntil ?? null,
  enabled: record.enabled,
  callback_url: record.callbackUrl,
  approval: record.approval ?? null,
  created_at: record.createdAt,
  updated_at: record.updatedAt,
});

/** `position`: its place in the list (nextPosition for a new one). */
export const recordRow = (record: ThirdParty, version: number, position: number): Insertable<ThirdPartiesTable> => ({
  id: record.id,
  ...recordColumns(record),
  version,
  position,
});

/** The place after the last record's (taken under the commit's lock, so no two writers take the same). */
export const nextPosition = async (db: Kysely<Tables>): Promise<number> => {
  const row = await db
    .selectFrom('third_parties')
    .select(eb => eb.fn.max<number>('position').as('last'))
    .executeTakeFirst();
  return (row?.last ?? 0) + 1;
};

/** A token's changeable fields as columns (record-fields.ts: expiresAt, active, sentAt). */
const tokenChangeableColumns = (token: OAuthToken) => ({
  expires_at: token.expiresAt,
  active: token.active,
  sent_at: token.sentAt ?? null,
});

export const tokenRow = (thirdPartyId: string, token: OAuthToken, position: number, version: number): Insertable<TokensTable> => ({
  id: token.id,
  third_party_id: thirdPartyId,
  token: token.token,
  position,
  created_at: token.createdAt,
  ...tokenChangeableColumns(token),
  origin: token.origin ?? null,
  test: token.test ?? null,
  version,
});

/** Token rows grouped by third party, each group in its stored order. */
export const tokensByRecord = (rows: readonly TokenRow[]): Map<string, TokenRow[]> => {
  const groups = new Map<string, TokenRow[]>();
  for (const row of rows) {
    const group = groups.get(row.third_party_id);
    if (group) group.push(row);
    else groups.set(row.third_party_id, [row]);
  }
  for (const group of groups.values()) group.sort((a, b) => a.position - b.position);
  return groups;
};
