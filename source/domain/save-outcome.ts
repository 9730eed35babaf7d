/**
 * What a save can come to when other consoles work on the same file, and the unsaved changes a
 * session leaves when it ends without saving. Shared by the store, which finds these out, and
 * the console, which shows them.
 */
import type {Database, ThirdParty} from './types.js';
import type {FieldErrors} from './validation.js';

/** Who changed a third party last, and when: from the audit log where there is one, else the file's time. */
export interface ChangedBy {
  /**
   * As the audit log names them: "user@host" (a console), "user@host (cli)" (a command),
   * "automatic authorization (tpa serve on HOST)"; undefined when only the file's time is known.
   */
  readonly actor: string | undefined;
  readonly at: Date;
  /** "update", "delete", …, as the audit log has it. */
  readonly action: string | undefined;
}

/** Another writer saved the same field of the same third party since this one read it: nothing was written. */
export interface SaveConflict {
  readonly thirdPartyId: string;
  /** What this writer tried to save. */
  readonly mine: ThirdParty;
  /** As the other writer saved it; undefined when they deleted it. */
  readonly theirs: ThirdParty | undefined;
  /** The fields changed on both sides, as the admin knows them ("Name", "tokens"); empty or absent for a deletion. */
  readonly fields?: readonly string[];
  readonly changedBy: ChangedBy;
  /** The whole data file was gone (deleted or moved away) when this console saved. */
  readonly fileDeleted?: boolean;
}

/** Another writer's change to other fields of the record this save changed, kept (merged) with it. */
export interface MergedFields {
  readonly thirdPartyName: string;
  /** Their fields, as the admin knows them: "Enabled", "tokens". */
  readonly fields: readonly string[];
  readonly changedBy: ChangedBy;
}

/** What a save wrote. */
export interface Written {
  readonly database: Database;
  /** Names of the other third parties another writer changed, added or removed meanwhile, now merged in; empty when none. */
  readonly merged: readonly string[];
  /** Set when another writer had changed other fields of the saved third party: theirs were kept. */
  readonly mergedFields?: MergedFields;
}

/**
 * What a save came to: the one answer of the save pipeline (ARCHITECTURE.md, "The save
 * pipeline") to the console, the commands and the server. A closed union: callers switch on
 * `kind` and the compiler checks every case. Only I/O failures are thrown (DataFileError,
 * SaveLockLostError).
 */
export type SaveOutcome =
  | ({readonly kind: 'saved'} & Written)
  /** The data is written; its audit entries are not (the history lacks this change). */
  | ({readonly kind: 'savedAuditFailed'; readonly problem: string} & Written)
  | {readonly kind: 'conflict'; readonly conflict: SaveConflict}
  /** Nothing written: field messages for the form, and the whole reason in a sentence. */
  | {readonly kind: 'invalid'; readonly errors: FieldErrors; readonly message: string};

/** For a `switch` on a closed union: a case forgotten does not compile. */
export const unhandled = (value: never): never => {
  throw new Error(`unhandled case ${JSON.stringify(value)}`);
};

/** The record in the form with changes not yet saved. */
export interface UnsavedChanges {
  readonly thirdParty: ThirdParty;
  /** The record as saved when editing began; null for a new third party. */
  readonly original: ThirdParty | null;
}

/** Unsaved changes written when a session ended (SIGHUP, SIGTERM), found at the next start. */
export interface RecoveredChanges extends UnsavedChanges {
  readonly savedAt: Date;
  /** The saved record differs from `original`: someone changed it after these edits began. */
  readonly changedSince: boolean;
}
