/**
 * Who changed a third party last, for the conflict dialog: the audit log's entry of the change
 * the console ran into, or, without one, only the time the data file was written. An entry is
 * taken only when it is that change: a changed record's entry has the record's own save time,
 * a deletion's is a "delete" after the version this console had. Anything else (the newest
 * entry is its creation, say, because the file was edited by hand) names nobody.
 */
import {stat} from 'node:fs/promises';
import type {AuditEntry, ChangedBy} from '../domain/index.js';
import {readAuditHistory} from './audit-log.js';
import {auditLogPath} from './data-file-paths.js';
import {lockState} from './save-lock.js';

export type ChangeSeen = {readonly updatedAt: string} | {readonly deletedAfter: string};

/** Whether an audit entry is the change seen in the file (rules above). */
export const isEntryOf = (entry: AuditEntry | undefined, seen: ChangeSeen): boolean => {
  const at = entry ? Date.parse(entry.time) : Number.NaN;
  if (!entry || Number.isNaN(at)) return false;
  return 'updatedAt' in seen
    ? entry.action !== 'delete' && at === Date.parse(seen.updatedAt)
    : entry.action === 'delete' && at >= Date.parse(seen.deletedAfter);
};

/** The audit log's newest entry about the third party; undefined when there is none or the log cannot be read. */
const newestEntryAbout = async (dataFile: string, thirdPartyId: string): Promise<AuditEntry | undefined> =>
  (await readAuditHistory(auditLogPath(dataFile), thirdPartyId, 1).catch(() => []))[0];

export const lastChangeOf = async (dataFile: string, thirdPartyId: string, seen: ChangeSeen): Promise<ChangedBy> => {
  const newest = await newestEntryAbout(dataFile, thirdPartyId);
  if (newest && isEntryOf(newest, seen)) return {actor: newest.actor, at: new Date(newest.time), action: newest.action};
  const written = await stat(dataFile).then(
    info => info.mtime,
    () => new Date(),
  );
  return {actor: undefined, at: written, action: undefined};
};

const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** How long a refresh waits for a save that is still appending its audit entries. */
export const AUDIT_CATCH_UP_MS = 2_000;

/**
 * The audit entry of a change a refresh found, or undefined. A save renames the data file before
 * it appends its audit entries (under the save lock): a refresh that read the file in between
 * waits while the lock is held, so the live notice says what happened, not "changed elsewhere".
 */
export const entryOfChange = async (dataFile: string, thirdPartyId: string, seen: ChangeSeen): Promise<AuditEntry | undefined> => {
  const deadline = Date.now() + AUDIT_CATCH_UP_MS;
  for (;;) {
    const newest = await newestEntryAbout(dataFile, thirdPartyId);
    if (isEntryOf(newest, seen)) return newest;
    // A later change's entry is there already: this one's will not come after it.
    const later = newest !== undefined && 'updatedAt' in seen && Date.parse(newest.time) > Date.parse(seen.updatedAt);
    if (later || Date.now() > deadline || (await lockState(dataFile)).kind !== 'held') return undefined;
    await pause(20);
  }
};
