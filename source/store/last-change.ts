/**
 * Who changed a third party last, for the conflict dialog: the audit log's entry of the change
 * the console ran into, or, without one, only the time the data file was written. An entry is
 * taken only when it is that change: a changed record's entry has the record's own save time,
 * a deletion's is a "delete" after the version this console had. Anything else (the newest
 * entry is its creation, say, because the file was edited by hand) names nobody.
 */
import {stat} from 'node:fs/promises';
import type {ChangedBy} from '../domain/index.js';
import {readAuditHistory} from './audit-log.js';
import {auditLogPath} from './data-file-paths.js';

export type ChangeSeen = {readonly updatedAt: string} | {readonly deletedAfter: string};

export const lastChangeOf = async (dataFile: string, thirdPartyId: string, seen: ChangeSeen): Promise<ChangedBy> => {
  const [newest] = await readAuditHistory(auditLogPath(dataFile), thirdPartyId, 1).catch(() => []);
  const at = newest ? new Date(newest.time) : undefined;
  const isThatChange =
    newest !== undefined &&
    at !== undefined &&
    !Number.isNaN(at.getTime()) &&
    ('updatedAt' in seen
      ? newest.action !== 'delete' && at.getTime() === Date.parse(seen.updatedAt)
      : newest.action === 'delete' && at.getTime() >= Date.parse(seen.deletedAfter));
  if (isThatChange) return {actor: newest.actor, at, action: newest.action};
  const written = await stat(dataFile).then(
    info => info.mtime,
    () => new Date(),
  );
  return {actor: undefined, at: written, action: undefined};
};
