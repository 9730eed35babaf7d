/**
 * What the console needs of the data file, and what `store/` provides: the one interface
 * between them (cli.tsx hands the store to the UI; the UI never touches the file system).
 */
import type {AuditEntry} from './audit.js';
import type {RecoveredChanges, SaveOutcome} from './save-outcome.js';
import type {Refreshed} from './live-refresh.js';
import type {Database, Settings, ThirdParty} from './types.js';
import type {PendingApproval} from './pending-approval.js';

export interface WaitingRequests {
  /** Waiting now (not decided, not expired), oldest first. */
  pending(): Promise<PendingApproval[]>;
  /** False when it was decided already (by anyone) or is gone. */
  decide(id: string, decision: 'approve' | 'deny', by: string): Promise<boolean>;
  /** Calls back when a server or console changed them. */
  watch(onChange: () => void): () => void;
}

export interface ThirdPartyStore {
  readonly file: string;
  /** The data as last read or saved. */
  readonly database: Database;
  /**
   * Validates, then saves this third party added or replaced, merged field by field with what
   * other writers saved. Throws only when the storage fails (DataFileError, SaveLockLostError).
   */
  saveThirdParty(thirdParty: ThirdParty): Promise<SaveOutcome>;
  /** Saves the data without this third party. */
  deleteThirdParty(id: string): Promise<SaveOutcome>;
  /**
   * Records that the OAuth information with this token was sent (`sentTo`: "clipboard (OSC 52)",
   * "file /path"); without a token (a callback URL's sheet of the flow alone) in the audit log only.
   */
  recordSent(thirdPartyId: string, tokenId: string | undefined, sentTo: string): Promise<SaveOutcome>;
  /** The newest audit entries about one third party, newest first. */
  readHistory(thirdPartyId: string, limit: number): Promise<AuditEntry[]>;
  /** Reads the file again, as another console left it; what this console had not saved is dropped. */
  reload(): Promise<Database>;
  /**
   * Writes this version of a third party to a file of its own beside the data file (0600);
   * returns its path. With `withAll`, the copy holds every third party this console has, this
   * version included (after the data file itself was deleted).
   */
  keepCopy(thirdParty: ThirdParty, withAll?: boolean): Promise<string>;
  /**
   * After a conflict on a deleted data file: writes the file again with every third party this
   * console has and this one saved. If the file has come back meanwhile, an ordinary save.
   */
  rewriteDeletedFile(thirdParty: ThirdParty): Promise<SaveOutcome>;
  /**
   * Reads the file again when another writer (the server, another console) changed it since, and
   * says what changed per record; undefined when nothing did. Records in `editing` keep this
   * console's base, so that saving their unsaved edits is compared (merged or a conflict) as today.
   */
  refresh(editing: ReadonlySet<string>): Promise<Refreshed | undefined>;
  /** Calls back when another writer may have changed the data (then `refresh`); returns the function that stops it. */
  watch(onChange: () => void): () => void;
  /** Ends the session: watches stopped, the database's connections closed (a data file has none). */
  close(): Promise<void>;
  /**
   * "Last used" kept with the data, on a database (every server writes it there); absent on a data
   * file, where the running server's index beside it is read (server/server-client.ts).
   */
  readonly lastUsed?: {
    read(): Promise<ReadonlyMap<string, Date>>;
    watch(onChange: () => void): () => void;
  };
  /**
   * The authorization requests waiting for an admin, kept with the data on a database (every
   * server's, decided from any console); absent on a data file, where the running server's admin
   * channel has them (server/approvals-client.ts).
   */
  readonly waitingRequests?: WaitingRequests;
  /** Saves the data file's settings (the authorization server's public address). */
  saveSettings(settings: Settings): Promise<SaveOutcome>;
  /** Problems found at start that the admin should know about (a data file others can read, …). */
  readonly warnings: readonly string[];
  /** Unsaved changes left by a session that ended without saving, if any. */
  readonly recovered: RecoveredChanges | undefined;
  /**
   * Removes the recovery file, once its changes are restored in the form (true) or discarded.
   * Restored changes are compared, when saved, with the record they were made on, not with
   * the file at this start: someone else's save in between is a conflict, as it would have been.
   */
  settleRecovery(restored: boolean): Promise<void>;
}
