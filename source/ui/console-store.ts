/** What the console needs of the data file; `store/` provides it, tests may give their own. */
import type {AuditEntry, Database, ThirdParty} from '../domain/index.js';

export interface ConsoleStore {
  readonly file: string;
  readonly database: Database;
  saveThirdParty(thirdParty: ThirdParty): Promise<Database>;
  deleteThirdParty(id: string): Promise<Database>;
  recordSent(thirdPartyId: string, tokenId: string, sentTo: string): Promise<Database>;
  readHistory(thirdPartyId: string, limit: number): Promise<AuditEntry[]>;
}
