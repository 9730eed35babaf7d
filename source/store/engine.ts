/**
 * Where the data lives, under the one save pipeline (ARCHITECTURE.md, "The save pipeline"). The
 * pipeline (store/pipeline/) is the same for the console, every command and `tpa serve`:
 * validate → merge with what another writer saved → write atomically with the audit entries →
 * tell the watchers. An engine does the last three for its kind of storage:
 *
 * - the file engine (store/file-engine/): the JSON data file through lowdb's Low; the save lock,
 *   the backup, the atomic write (fsync, rename), the audit log beside it, the folder watch;
 * - a PostgreSQL engine: one transaction per commit (rows versioned per record, the merge and the
 *   conflict decided in SQL, the audit entries inserted in the same transaction), NOTIFY to tell
 *   the watchers, LISTEN to hear them.
 *
 * The pipeline hands an engine a Commit: per changed record the version it was made on (its
 * base), the record as the writer made it, the fields it changed (and the ones it relied on),
 * and its audit entries. The engine decides per record and per field against what is stored now:
 *
 * - the record is as the base: written;
 * - another writer changed only other fields: merged (their fields kept, this writer's applied),
 *   and said so (`merged`, with who made the other change, as the audit log names them);
 * - another writer changed one of the same fields to another value (or one it relied on, or
 *   deleted the record): a conflict, nothing written for that record, with their version and who;
 * - the merged record breaks a rule that spans records (a name another record has taken): invalid.
 *
 * Records are decided one by one: a commit of many (the server's group commit) writes those that
 * can be written, and says which could not; the audit entries of a record are written with it, or
 * not at all. Errors are thrown only when the storage itself fails (I/O, a lost lock, a
 * connection); every answer about the data is a value. decide-records.ts is that decision in
 * JavaScript (the file engine runs it under its lock; an engine may run it on rows it has locked,
 * or decide the same in SQL); test/pipeline.test.ts runs the same tests on every engine
 * (test/helpers/engines.ts lists them).
 */
import type {AuditEntry, ChangedBy, Database, FieldErrors, FieldKey, Settings, ThirdParty} from '../domain/index.js';
import type {ChangeSeen} from './last-change.js';

export type {FieldKey};

/**
 * One stored version of one record, opaque to the pipeline: equal versions are equal records.
 * File engine: the record's `updatedAt`. PostgreSQL: the row's version number.
 */
export type RecordVersion = string;

/** The version of a record a change was made on. */
export interface RecordBase {
  readonly record: ThirdParty;
  /**
   * undefined when not known (a base restored from the recovery file): the engine compares the
   * base's field values with the stored ones instead.
   */
  readonly version: RecordVersion | undefined;
}

/**
 * The data as one writer last read or wrote it. Engines make snapshots; the pipeline keeps them
 * and hands them back (`readChanged`, `commit`), never builds one.
 */
export interface Snapshot {
  readonly database: Database;
  /**
   * What the engine needs to tell whether the data moved since this snapshot: the file's
   * fingerprint (file engine), the store id and last change number (PostgreSQL). undefined: there
   * was no data when it was read (no file yet).
   */
  readonly mark: string | undefined;
  /** The record with this id and its version, as in this snapshot. */
  base(id: string): RecordBase | undefined;
}

/** One record's change in a commit. Every record write carries the audit entries written with it. */
export type RecordWrite =
  | {
      readonly kind: 'create';
      readonly record: ThirdParty;
      readonly audit: readonly AuditEntry[];
    }
  | {
      readonly kind: 'update';
      readonly base: RecordBase;
      /** The record as this writer made it from its base (`updatedAt` is the commit's time). */
      readonly record: ThirdParty;
      /** The fields that differ between base and record (record-fields.ts: `changedFields`). */
      readonly fields: readonly FieldKey[];
      /**
       * Fields this change relied on without changing them: another writer's change to one is a
       * conflict (the server issues a token only to an Enabled third party with a callback URL).
       */
      readonly reads: readonly FieldKey[];
      readonly audit: readonly AuditEntry[];
    }
  | {
      readonly kind: 'delete';
      readonly base: RecordBase;
      readonly audit: readonly AuditEntry[];
    };

/** The third party a record write is about. */
export const recordIdOf = (write: RecordWrite): string => (write.kind === 'create' ? write.record.id : write.base.record.id);

/** A commit carries at most one write per record (the pipeline makes several instructions for one record into one). */
export interface Commit {
  /**
   * Each record with its `updatedAt`, and its audit entries with their `time`, set to the time the
   * writer made the change (one time for the whole commit, also in the values it set, a token's
   * sent time say); engines store them as given. The order of saves is the revision's (file) or
   * the versions' (PostgreSQL), not the times'.
   */
  readonly records: readonly RecordWrite[];
  /** The settings as they are to be (the issuer); absent: unchanged. The last writer's win. Audited by nobody (as before). */
  readonly settings?: Settings;
}

/** Another writer's change that a record write was merged with, field by field. */
export interface FieldMerge {
  /** Their fields, kept (record-fields.ts `fieldLabels` names them for the admin). */
  readonly fields: readonly FieldKey[];
  /** Who made it, as the audit log names them (console `user@host`, command `user@host (cli)`, server). */
  readonly changedBy: ChangedBy;
}

/** What became of one RecordWrite, in the order of the commit's records. */
export type RecordOutcome =
  | {
      readonly kind: 'written';
      /** As stored now; undefined after a delete. */
      readonly record: ThirdParty | undefined;
      /** Set when another writer had changed other fields of it since the base. */
      readonly merged?: FieldMerge;
    }
  | {
      readonly kind: 'conflict';
      /** As the other writer left it; undefined when they deleted it. */
      readonly theirs: ThirdParty | undefined;
      /**
       * The fields changed on both sides (or relied on here and changed there); for this
       * writer's deletion, the fields they changed; empty when they deleted the record.
       */
      readonly fields: readonly FieldKey[];
      readonly changedBy: ChangedBy;
    }
  | {readonly kind: 'invalid'; readonly errors: FieldErrors};

export type CommitResult =
  | {
      readonly kind: 'committed';
      /**
       * The data as this writer knows it now: what it wrote, and whatever the engine read on the
       * way (the file engine reads the whole file when another writer saved it; others may bring
       * only the records written, the rest coming through `watch`). Unchanged records are the
       * same objects as in the snapshot the commit was made on.
       */
      readonly snapshot: Snapshot;
      readonly records: readonly RecordOutcome[];
      /**
       * Set when the records were written but their audit entries were not (file engine: the log
       * is appended after the rename). Engines that write both in one transaction never set it.
       */
      readonly auditProblem?: string;
    }
  /**
   * The data this writer read is no longer there, so writing its change onto what is there now
   * (nothing) would lose every other record; nothing was written. File engine: the data file was
   * deleted or moved away. PostgreSQL: the store was dropped and created again (another store id).
   * The admin decides: `commit` again with `recreate`, or keep a copy.
   */
  | {readonly kind: 'gone'};

export interface CommitOptions {
  /** After `gone`: write the snapshot's whole data with this commit applied, as a new store. */
  readonly recreate?: boolean;
}

export interface Engine {
  /** Where the data is, for messages: the file's path, or the connection string without its password. */
  readonly location: string;
  /**
   * Reads everything: at start, and when the admin reloads. An empty snapshot (mark undefined)
   * when there is no data yet. Throws DataFileError for data that cannot be used (invalid, a
   * newer schema, unreadable), with the location and the problem.
   */
  read(): Promise<Snapshot>;
  /**
   * What another writer changed since `known`; undefined when nothing did. Records that did not
   * change come back as the same objects as in `known` (the console's caches and the server's
   * incremental access index rely on it).
   */
  readChanged(known: Snapshot): Promise<Snapshot | undefined>;
  /** Writes what can be written of `commit` onto the data as it is now (rules above), one save. */
  commit(known: Snapshot, commit: Commit, options?: CommitOptions): Promise<CommitResult>;
  /**
   * Calls `onChange` (debounced) when another writer may have changed the data; the caller then
   * asks `readChanged`. File engine: the data file's folder is watched (a save replaces the file
   * by rename). PostgreSQL: LISTEN to the commits' NOTIFY. Returns the function that stops it.
   */
  watch(onChange: () => void): () => void;
  /** The newest audit entries about one third party, newest first. */
  readHistory(thirdPartyId: string, limit: number): Promise<AuditEntry[]>;
  /**
   * The audit entry of a change `readChanged` found (for the live notice: "Acme Payments: token
   * issued by automatic authorization"), or undefined. The file engine waits a moment for a save
   * that renamed the file but has not appended its entries yet (last-change.ts).
   */
  entryOfChange(thirdPartyId: string, seen: ChangeSeen): Promise<AuditEntry | undefined>;
  /** Stops watches and closes connections. */
  close(): Promise<void>;
}

/**
 * The server's "Last used" (token id → ISO time of the last grant), written in batches, never per
 * request. File engine: `db.last-used.json`, kept by the server itself (server/last-used-index.ts);
 * PostgreSQL: shared by every server. Kept apart from records and audit: it is not a change an
 * admin made and has no history.
 */
export interface LastUsedStore {
  read(): Promise<ReadonlyMap<string, string>>;
  write(batch: ReadonlyMap<string, string>): Promise<void>;
}

/*
 * Not in the engine, on purpose:
 * - the backup, the schema-1 upgrade copy, temp-file clean-up, the save lock: the file engine's
 *   inside of `commit`;
 * - the console's own files (the recovery file of unsaved edits, "keep my version" copies): they
 *   belong to the console's session on its machine, not to the data (beside the data file on the
 *   file engine; in the user's own folder otherwise);
 * - authorization codes and waiting approvals: the server's, in memory on the file engine (one
 *   server per file); shared through their own interface on PostgreSQL.
 */
