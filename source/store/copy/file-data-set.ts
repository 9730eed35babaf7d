/** `tpa copy`'s file side: the data file, its audit log (every rotated generation) and its Last used index. */
import {lstat} from 'node:fs/promises';
import type {AuditEntry} from '../../domain/index.js';
import {appendAuditEntries, parseAuditLine} from '../audit-log.js';
import {DataFileError} from '../data-file-error.js';
import {auditLogPath, lastUsedIndexPath} from '../data-file-paths.js';
import {JsonFileAdapter} from '../json-file-adapter.js';
import {lastUsedText, readLastUsedFile} from '../last-used-file.js';
import {logGenerations} from '../rotating-log.js';
import {readRegularFile, writePrivateFileSafely} from '../safe-file.js';
import type {DataSet} from './data-set.js';

/** A rotated audit log is at most ~10 MB; more is not a log tpa wrote. */
const MAX_AUDIT_FILE_BYTES = 256 * 1024 * 1024;

export interface AuditRead {
  readonly entries: AuditEntry[];
  /** Lines that are not entries (cut short by a crash, edited by hand): not copied, counted. */
  readonly skipped: number;
}

/** Every entry of the audit log and its rotated files, oldest first. */
const readWholeAuditLog = async (dataFile: string): Promise<AuditRead> => {
  const entries: AuditEntry[] = [];
  let skipped = 0;
  for (const file of logGenerations(auditLogPath(dataFile)).reverse()) {
    const bytes = await readRegularFile(file, {maxBytes: MAX_AUDIT_FILE_BYTES, followLink: false});
    if (bytes === undefined) continue;
    for (const line of bytes.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      const entry = parseAuditLine(line);
      if (entry) entries.push(entry);
      else skipped++;
    }
  }
  return {entries, skipped};
};

export const readFileDataSet = async (dataFile: string): Promise<DataSet & {readonly skipped: number}> => {
  const database = await new JsonFileAdapter(dataFile).read();
  if (!database) throw new DataFileError(dataFile, 'does not exist: there is nothing to copy');
  const {entries, skipped} = await readWholeAuditLog(dataFile);
  return {database, audit: entries, lastUsed: await readLastUsedFile(lastUsedIndexPath(dataFile)), skipped};
};

/** Writes a new data file and the files beside it; refuses a file (or a link) already there, so nothing is ever overwritten. */
export const writeFileDataSet = async (dataFile: string, data: DataSet): Promise<void> => {
  for (const file of [dataFile, auditLogPath(dataFile), lastUsedIndexPath(dataFile)]) {
    const there = await lstat(file).then(
      () => true,
      () => false,
    );
    if (there) throw new DataFileError(file, 'exists already: tpa copy writes only a new data file (choose another name, or move it away)');
  }
  await new JsonFileAdapter(dataFile).write(data.database);
  // One append of the whole history: the log may pass its rotation size once, and rotates at the next save.
  await appendAuditEntries(auditLogPath(dataFile), data.audit, Number.MAX_SAFE_INTEGER);
  if (data.lastUsed.size > 0) await writePrivateFileSafely(lastUsedIndexPath(dataFile), lastUsedText(data.lastUsed));
};
