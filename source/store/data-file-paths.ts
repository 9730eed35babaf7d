/**
 * The files that live beside the data file. One place names them, so that the console, the
 * server and `tpa doctor` agree: for data/db.json they are data/db.access.jsonl, …
 */
import path from 'node:path';

const beside = (dataFile: string, suffix: string): string => {
  const {dir, name} = path.parse(dataFile);
  return path.join(dir, `${name}${suffix}`);
};

/** The server's log of access attempts (JSON lines, never a secret). */
export const accessLogPath = (dataFile: string): string => beside(dataFile, '.access.jsonl');
/** Every save and every send (JSON lines, secrets only in shortened form). */
export const auditLogPath = (dataFile: string): string => beside(dataFile, '.audit.jsonl');
/** The previous revision, kept by each save. */
export const backupPath = (dataFile: string): string => beside(dataFile, '.backup.json');
/** The data file as schema 1 left it, kept by the save that upgraded it to schema 2. */
export const schema1CopyPath = (dataFile: string): string => beside(dataFile, '.schema1.json');
/** Unsaved changes written when the session ends without a save (SIGHUP, SIGTERM). */
export const recoveryPath = (dataFile: string): string => beside(dataFile, '.recovery.json');
/** Where `tpa serve` says it is running for this data file (host, port, pid), so the console can find it. */
export const serverInfoPath = (dataFile: string): string => beside(dataFile, '.server.json');
/** The short lock taken around each save (a folder, made by proper-lockfile). */
export const lockPath = (dataFile: string): string => beside(dataFile, '.lock');
/** Who holds the save lock: {pid, host, since}; lets a console tell a lock left by a killed process. */
export const lockOwnerPath = (dataFile: string): string => beside(dataFile, '.lock-owner.json');
/** A console's own version of a third party kept after a conflict: a data file of its own, e.g. db.mine-20261127T100000Z.json. */
export const conflictCopyPath = (dataFile: string, at: Date): string =>
  beside(
    dataFile,
    `.mine-${at
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z')}.json`,
  );
