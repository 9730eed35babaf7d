/**
 * The schema of the PostgreSQL engine, as Kysely migrations defined in code (a MigrationProvider
 * object, so they are bundled into dist/cli.js: no migration files to ship or find on disk).
 * Each migration is written with Kysely's schema builder and run by Kysely's Migrator (`migrate`
 * in schema-version.ts), which holds an advisory lock, so two `tpa migrate` at once are safe, and
 * runs each migration in a transaction. Migrations are never edited once released: a change is a
 * new migration, appended, named so that it sorts last.
 */
import {sql, type Kysely, type Migration} from 'kysely';

const timestamptz = 'timestamptz';

/** 1: third parties and their tokens, the audit log, Last used, settings, codes, waiting approvals. */
const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('data_revision')
      .addColumn('singleton', 'boolean', column => column.primaryKey().defaultTo(true))
      .addColumn('revision', 'bigint', column => column.notNull())
      // Made once with the schema: a database dropped and made again is another store (engine.ts, "gone").
      .addColumn('store_id', 'text', column => column.notNull().defaultTo(sql`gen_random_uuid()::text`))
      .addCheckConstraint('data_revision_one_row', sql`singleton`)
      .execute();
    await sql`insert into data_revision (singleton, revision) values (true, 0)`.execute(db);

    await db.schema
      .createTable('settings')
      .addColumn('name', 'text', column => column.primaryKey())
      .addColumn('value', 'text', column => column.notNull())
      .addColumn('version', 'bigint', column => column.notNull())
      .execute();

    await db.schema
      .createTable('third_parties')
      .addColumn('id', 'text', column => column.primaryKey())
      .addColumn('name', 'text', column => column.notNull())
      .addColumn('name_key', 'text', column => column.notNull().unique())
      .addColumn('client_id', 'text', column => column.notNull().unique())
      .addColumn('client_secret', 'text', column => column.notNull())
      .addColumn('previous_client_secret', 'text')
      .addColumn('previous_secret_valid_until', timestamptz)
      .addColumn('enabled', 'boolean', column => column.notNull())
      .addColumn('callback_url', 'text')
      .addColumn('approval', 'text')
      .addColumn('created_at', timestamptz, column => column.notNull())
      .addColumn('updated_at', timestamptz, column => column.notNull())
      .addColumn('version', 'bigint', column => column.notNull())
      // The list's order, as the file keeps it: a new record goes last.
      .addColumn('position', 'bigint', column => column.notNull())
      .addCheckConstraint('third_parties_approval', sql`approval in ('ask', 'automatic')`)
      .addCheckConstraint('third_parties_previous_secret', sql`(previous_client_secret is null) = (previous_secret_valid_until is null)`)
      .execute();
    await db.schema.createIndex('third_parties_version').on('third_parties').column('version').execute();

    await db.schema
      .createTable('tokens')
      .addColumn('id', 'text', column => column.primaryKey())
      .addColumn('third_party_id', 'text', column => column.notNull().references('third_parties.id').onDelete('cascade'))
      .addColumn('token', 'text', column => column.notNull().unique())
      .addColumn('position', 'integer', column => column.notNull())
      .addColumn('created_at', timestamptz, column => column.notNull())
      .addColumn('expires_at', timestamptz)
      .addColumn('active', 'boolean', column => column.notNull())
      .addColumn('sent_at', timestamptz)
      .addColumn('origin', 'text')
      .addColumn('test', 'boolean')
      .addColumn('version', 'bigint', column => column.notNull())
      .addCheckConstraint('tokens_origin', sql`origin in ('manual', 'automatic')`)
      .execute();
    await db.schema.createIndex('tokens_third_party').on('tokens').columns(['third_party_id', 'position']).execute();

    await db.schema
      .createTable('deleted_third_parties')
      .addColumn('id', 'text', column => column.primaryKey())
      .addColumn('name', 'text', column => column.notNull())
      .addColumn('version', 'bigint', column => column.notNull())
      .execute();
    await db.schema.createIndex('deleted_third_parties_version').on('deleted_third_parties').column('version').execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'bigserial', column => column.primaryKey())
      .addColumn('revision', 'bigint', column => column.notNull())
      .addColumn('time', timestamptz, column => column.notNull())
      .addColumn('actor', 'text', column => column.notNull())
      .addColumn('action', 'text', column => column.notNull())
      .addColumn('third_party_id', 'text', column => column.notNull())
      .addColumn('third_party_name', 'text', column => column.notNull())
      // json, not jsonb: kept as written, keys in their order (the file's lines have exactly AuditEntry's).
      .addColumn('changes', 'json', column => column.notNull())
      .addCheckConstraint('audit_log_action', sql`action in ('create', 'update', 'delete', 'send')`)
      .execute();
    // A history reads the newest entries of one third party; a refresh the entries of a revision.
    await db.schema.createIndex('audit_log_third_party').on('audit_log').columns(['third_party_id', 'id desc']).execute();
    await db.schema.createIndex('audit_log_revision').on('audit_log').column('revision').execute();

    await db.schema
      .createTable('last_used')
      .addColumn('token_id', 'text', column => column.primaryKey())
      .addColumn('used_at', timestamptz, column => column.notNull())
      .execute();

    await db.schema
      .createTable('authorization_codes')
      .addColumn('code_hash', 'text', column => column.primaryKey())
      .addColumn('third_party_id', 'text', column => column.notNull().references('third_parties.id').onDelete('cascade'))
      .addColumn('client_id', 'text', column => column.notNull())
      // The address the authorization request came from: codes are capped per address (code-store.ts).
      .addColumn('address', 'text', column => column.notNull())
      .addColumn('created_at', timestamptz, column => column.notNull())
      .addColumn('redirect_uri', 'text', column => column.notNull())
      .addColumn('scope', 'text')
      .addColumn('code_challenge', 'text', column => column.notNull())
      .addColumn('code_challenge_method', 'text', column => column.notNull())
      .addColumn('approved_by', 'text')
      .addColumn('test', 'boolean', column => column.notNull())
      .addColumn('expires_at', timestamptz, column => column.notNull())
      .addColumn('used_at', timestamptz)
      .addColumn('token_id', 'text')
      .addColumn('reused', 'boolean', column => column.notNull().defaultTo(false))
      .execute();
    await db.schema.createIndex('authorization_codes_expiry').on('authorization_codes').column('expires_at').execute();
    // The caps count live codes (not used yet) at each new code: partial indexes keep that to the live ones.
    await db.schema
      .createIndex('authorization_codes_live')
      .on('authorization_codes')
      .columns(['expires_at'])
      .where(sql.ref('used_at'), 'is', null)
      .execute();
    await db.schema
      .createIndex('authorization_codes_live_pair')
      .on('authorization_codes')
      .columns(['client_id', 'address'])
      .where(sql.ref('used_at'), 'is', null)
      .execute();
    await db.schema
      .createIndex('authorization_codes_live_address')
      .on('authorization_codes')
      .columns(['address'])
      .where(sql.ref('used_at'), 'is', null)
      .execute();

    await db.schema
      .createTable('waiting_approvals')
      .addColumn('id', 'text', column => column.primaryKey())
      .addColumn('third_party_id', 'text', column => column.notNull().references('third_parties.id').onDelete('cascade'))
      .addColumn('third_party_name', 'text', column => column.notNull())
      .addColumn('client_id', 'text', column => column.notNull())
      .addColumn('remote', 'text', column => column.notNull())
      .addColumn('redirect_uri', 'text', column => column.notNull())
      .addColumn('query', 'text', column => column.notNull())
      .addColumn('since', timestamptz, column => column.notNull())
      .addColumn('expires_at', timestamptz, column => column.notNull())
      .addColumn('decision', 'text')
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', timestamptz)
      .addCheckConstraint('waiting_approvals_decision', sql`decision in ('approve', 'deny', 'timeout')`)
      .execute();
    await db.schema.createIndex('waiting_approvals_expiry').on('waiting_approvals').column('expires_at').execute();
  },
};

export type Migrations = Readonly<Record<string, Migration>>;

/** Every migration, by name; the names sort in the order they run. */
export const MIGRATIONS: Migrations = {
  '0001-initial': initial,
};

/** The schema version this tpa uses: the number of its migrations (the file's is `schema` in the file). */
export const SCHEMA_VERSION = Object.keys(MIGRATIONS).length;

/** Kysely's bookkeeping tables, named for tpa (a database may hold another application's Kysely migrations). */
export const MIGRATION_TABLE = 'tpa_migration';
export const MIGRATION_LOCK_TABLE = 'tpa_migration_lock';
