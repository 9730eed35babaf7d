/**
 * The tables of the PostgreSQL engine as Kysely sees them (the schema itself is made by
 * migrations.ts). Why this shape: ARCHITECTURE.md, PostgreSQL engine. In short: one row per
 * third party and one per token, each with the revision of the save that last changed it
 * (`version`), so that a save checks and merges per record and per field in its own statements,
 * the server writes one token row, and a refresh reads only what changed since the revision it
 * knows.
 */
import type {ColumnType, Generated} from 'kysely';

/** A timestamptz: read as a Date, written as a Date or an ISO text. */
export type Time = ColumnType<Date, Date | string, Date | string>;
/** A bigint read as a number (connect.ts parses int8 so; revisions stay far below 2^53). */
export type Revision = ColumnType<number, number, number>;

/** The one row that counts saves: `revision` is the database's, as `revision` is the file's. */
export interface DataRevisionTable {
  singleton: ColumnType<boolean, boolean | undefined, never>;
  revision: Revision;
  store_id: ColumnType<string, string | undefined, never>;
}

/** One row per setting (today only `issuer`); absent: not set. */
export interface SettingsTable {
  name: string;
  value: string;
  version: Revision;
}

export interface ThirdPartiesTable {
  id: string;
  name: string;
  /** nameKey(name): the unique index that makes names unique ignoring case, as the file's check does. */
  name_key: string;
  client_id: string;
  client_secret: string;
  previous_client_secret: string | null;
  previous_secret_valid_until: Time | null;
  enabled: boolean;
  callback_url: string | null;
  /** null: absent in the record (ask). */
  approval: 'ask' | 'automatic' | null;
  created_at: Time;
  updated_at: Time;
  /** The revision of the save that last changed this record or one of its tokens. */
  version: Revision;
  /** The list's order (a new record goes last), as the file keeps it. */
  position: Revision;
}

export interface TokensTable {
  id: string;
  third_party_id: string;
  token: string;
  /** Order in the record's list (newest first); a token the server adds goes before the lowest. */
  position: number;
  created_at: Time;
  expires_at: Time | null;
  active: boolean;
  sent_at: Time | null;
  origin: 'manual' | 'automatic' | null;
  test: boolean | null;
  version: Revision;
}

/** Third parties deleted, and by which revision: a refresh learns of deletions since the revision it knows. */
export interface DeletedThirdPartiesTable {
  id: string;
  name: string;
  version: Revision;
}

export interface AuditLogTable {
  id: Generated<number>;
  /** The save that wrote it (the same transaction). */
  revision: Revision;
  time: Time;
  actor: string;
  action: 'create' | 'update' | 'delete' | 'send';
  third_party_id: string;
  third_party_name: string;
  /** AuditChange[] as the file's audit log has them. */
  changes: ColumnType<unknown, string, string>;
}

/** Last used per token, written by the servers in batches (the newest time wins). */
export interface LastUsedTable {
  token_id: string;
  used_at: Time;
}

/**
 * Authorization codes, shared by every server: stored by their SHA-256 only, consumed by one
 * UPDATE … WHERE used_at IS NULL … RETURNING (single use across servers); kept for a while after
 * use with the token they gave, so that a reuse seen by any server revokes it.
 */
export interface AuthorizationCodesTable {
  code_hash: string;
  third_party_id: string;
  client_id: string;
  /** The address the authorization request came from (caps per address). */
  address: string;
  created_at: Time;
  redirect_uri: string;
  scope: string | null;
  code_challenge: string;
  code_challenge_method: string;
  approved_by: string | null;
  test: boolean;
  expires_at: Time;
  used_at: Time | null;
  token_id: string | null;
  /** Presented again before its token was saved: whoever saves the token revokes it. */
  reused: ColumnType<boolean, boolean | undefined, boolean>;
}

/** Requests waiting for an admin, shared: any console decides, the server holding the browser sees it. */
export interface WaitingApprovalsTable {
  id: string;
  third_party_id: string;
  third_party_name: string;
  client_id: string;
  remote: string;
  redirect_uri: string;
  /** The authorization request's parameters (URLSearchParams text), to issue the code once approved. */
  query: string;
  since: Time;
  expires_at: Time;
  decision: 'approve' | 'deny' | 'timeout' | null;
  decided_by: string | null;
  decided_at: Time | null;
}

export interface Tables {
  data_revision: DataRevisionTable;
  settings: SettingsTable;
  third_parties: ThirdPartiesTable;
  tokens: TokensTable;
  deleted_third_parties: DeletedThirdPartiesTable;
  audit_log: AuditLogTable;
  last_used: LastUsedTable;
  authorization_codes: AuthorizationCodesTable;
  waiting_approvals: WaitingApprovalsTable;
}

/** The channel every save, approval and setting is announced on (NOTIFY, after the commit). */
export const CHANGES_CHANNEL = 'tpa_changes';
