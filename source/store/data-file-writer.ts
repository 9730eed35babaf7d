/**
 * The authorization server's writer of the data file: the console's save pipeline (the lock, the
 * revision, the backup, the atomic write, the audit log) for writes that are applied onto the
 * file as it is, so a console's save at the same moment never loses either change. A batch of
 * writes is one save; the server gathers requests into batches (group commit).
 */
import {auditLogPath} from './data-file-paths.js';
import {appendAuditEntries} from './audit-log.js';
import {keepBackup, keepSchema1Copy} from './backup.js';
import {fileFingerprint, JsonFileAdapter} from './json-file-adapter.js';
import {wasUpgraded} from './parse-database.js';
import {withSaveLock} from './save-lock.js';
import {removeTempFiles} from './temp-files.js';
import {applyAuthorizationWrites, type AuthorizationWrite, type WriteResult} from './authorization-writes.js';
import {emptyDatabase, type Database, type Environment} from '../domain/index.js';

export interface CommittedWrites {
  /** The file as written (or as read, when nothing changed). */
  readonly database: Database;
  readonly fingerprint: string | undefined;
  readonly results: readonly WriteResult[];
  /** Set when the file was written but its audit entries were not. */
  readonly auditProblem?: string;
}

export interface DataFileWriter {
  /** One save for all these writes; throws DataFileError when nothing could be written. */
  commit(writes: readonly AuthorizationWrite[]): Promise<CommittedWrites>;
}

export const openDataFileWriter = (file: string, env: Pick<Environment, 'now'>, actor: string): DataFileWriter => {
  const adapter = new JsonFileAdapter(file, {keepRecordBytes: true});
  // What this writer last wrote: a file with the same identity is not read and parsed again.
  let last: {database: Database; fingerprint: string} | undefined;
  return {
    commit: writes =>
      withSaveLock(file, async () => {
        await removeTempFiles(file);
        const fingerprint = await fileFingerprint(file);
        const theirs =
          last && fingerprint === last.fingerprint
            ? last.database
            : ((await adapter.readComparing(new Map(last?.database.thirdParties.map(thirdParty => [thirdParty.id, thirdParty])))) ??
              emptyDatabase());
        const now = env.now();
        const applied = applyAuthorizationWrites(theirs, writes, now, actor);
        if (!applied.changed) return {database: theirs, fingerprint, results: applied.results};
        if (fingerprint !== undefined) {
          await keepBackup(file);
          if (wasUpgraded(theirs)) await keepSchema1Copy(file);
        }
        await adapter.write(applied.database);
        const written = await fileFingerprint(file);
        last = written === undefined ? undefined : {database: applied.database, fingerprint: written};
        let auditProblem: string | undefined;
        try {
          await appendAuditEntries(auditLogPath(file), applied.entries);
        } catch (error) {
          // The tokens are saved: the clients get them; the history lacks them, and the server log says so.
          auditProblem = (error as NodeJS.ErrnoException).code ?? String(error);
        }
        return {database: applied.database, fingerprint: written, results: applied.results, ...(auditProblem ? {auditProblem} : {})};
      }),
  };
};
