/**
 * What a save can come to when other consoles work on the same file, and the unsaved changes a
 * session leaves when it ends without saving. Shared by the store, which finds these out, and
 * the console, which shows them.
 */
import type {Database, ThirdParty} from './types.js';

/** Who changed a third party last, and when: from the audit log where there is one, else the file's time. */
export interface ChangedBy {
  /** "user@host"; undefined when only the file's time is known. */
  readonly actor: string | undefined;
  readonly at: Date;
  /** "update", "delete", …, as the audit log has it. */
  readonly action: string | undefined;
}

/** Another console saved the same third party since this one read it: nothing was written. */
export interface SaveConflict {
  readonly thirdPartyId: string;
  /** What this console tried to save. */
  readonly mine: ThirdParty;
  /** As the other console saved it; undefined when it deleted it. */
  readonly theirs: ThirdParty | undefined;
  readonly changedBy: ChangedBy;
  /** The whole data file was gone (deleted or moved away) when this console saved. */
  readonly fileDeleted?: boolean;
}

export type SaveOutcome =
  | {
      readonly kind: 'saved';
      readonly database: Database;
      /** Names of the third parties another console changed, added or removed meanwhile, now merged in; empty when none. */
      readonly merged: readonly string[];
    }
  | {readonly kind: 'conflict'; readonly conflict: SaveConflict};

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
