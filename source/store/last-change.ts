/**
 * Who changed a third party last, for the conflict dialog: the newest entry of the audit log
 * about it, or, without one, only the time the data file was written.
 */
import {stat} from 'node:fs/promises';
import type {ChangedBy} from '../domain/index.js';
import {readAuditHistory} from './audit-log.js';
import {auditLogPath} from './data-file-paths.js';

export const lastChangeOf = async (dataFile: string, thirdPartyId: string): Promise<ChangedBy> => {
  const [newest] = await readAuditHistory(auditLogPath(dataFile), thirdPartyId, 1).catch(() => []);
  const at = newest ? new Date(newest.time) : undefined;
  if (newest && at && !Number.isNaN(at.getTime())) return {actor: newest.actor, at, action: newest.action};
  const written = await stat(dataFile).then(
    info => info.mtime,
    () => new Date(),
  );
  return {actor: undefined, at: written, action: undefined};
};
