/**
 * Who changed a third party last, for the conflict dialog: the newest line of the audit log
 * about it ({"time", "actor": "user@host", "action", "thirdParty": {"id", "name"}, …}), or,
 * without an audit log, only the time the data file was written.
 */
import {readFile, stat} from 'node:fs/promises';
import type {ChangedBy} from '../domain/index.js';
import {auditLogPath} from './data-file-paths.js';

interface AuditLine {
  time?: unknown;
  actor?: unknown;
  action?: unknown;
  thirdParty?: {id?: unknown};
}

const fromAuditLog = async (dataFile: string, thirdPartyId: string): Promise<ChangedBy | undefined> => {
  let text: string;
  try {
    text = await readFile(auditLogPath(dataFile), 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n');
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = lines[index]!.trim();
    if (!line.includes(thirdPartyId)) continue;
    let entry: AuditLine;
    try {
      entry = JSON.parse(line) as AuditLine;
    } catch {
      continue; // a line cut short by a crash
    }
    if (entry.thirdParty?.id !== thirdPartyId || typeof entry.time !== 'string') continue;
    const at = new Date(entry.time);
    if (Number.isNaN(at.getTime())) continue;
    return {
      at,
      actor: typeof entry.actor === 'string' ? entry.actor : undefined,
      action: typeof entry.action === 'string' ? entry.action : undefined,
    };
  }
  return undefined;
};

export const lastChangeOf = async (dataFile: string, thirdPartyId: string): Promise<ChangedBy> => {
  const logged = await fromAuditLog(dataFile, thirdPartyId);
  if (logged) return logged;
  const at = await stat(dataFile).then(
    info => info.mtime,
    () => new Date(),
  );
  return {actor: undefined, at, action: undefined};
};
