/** What the console needs of the data file; `store/` provides it, tests may give their own. */
import type {AuditEntry, Database, RecoveredChanges, SaveOutcome, ThirdParty} from '../domain/index.js';

export interface ConsoleStore {
  readonly file: string;
  readonly database: Database;
  /** Saved (perhaps merged with another console's saves), or a conflict: then nothing was written. */
  saveThirdParty(thirdParty: ThirdParty): Promise<SaveOutcome>;
  deleteThirdParty(id: string): Promise<SaveOutcome>;
  recordSent(thirdPartyId: string, tokenId: string, sentTo: string): Promise<Database>;
  readHistory(thirdPartyId: string, limit: number): Promise<AuditEntry[]>;
  /** The file as it is now, after another console's save. */
  reload(): Promise<Database>;
  /** Keeps this version in a file of its own (0600) for later; returns its path. */
  keepCopy(thirdParty: ThirdParty): Promise<string>;
  /** Shown when the console starts (a data file others can read, …). */
  readonly warnings: readonly string[];
  /** Unsaved changes from a session that ended without saving: offered back at start. */
  readonly recovered: RecoveredChanges | undefined;
  /** Removes the recovery file once its changes are restored in the form (true) or discarded. */
  settleRecovery(restored: boolean): Promise<void>;
}
