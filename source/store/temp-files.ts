/**
 * Temp files that a save killed at the wrong moment leaves behind. A save writes
 * "<target>.<16 random hex digits>.tmp" beside its target (safe-file.ts) and renames it over the
 * target; a kill before the rename leaves that file (0600, so nobody else can read it). Older
 * versions wrote "<target>.<pid>"; those are removed too. Reading never looks at these names; the
 * console removes them, holding the save lock so that no save in progress loses its own.
 */
import {lstat, readdir, rm} from 'node:fs/promises';
import path from 'node:path';
import {backupPath, lockOwnerPath, recoveryPath} from './data-file-paths.js';

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const tempPattern = (dataFile: string): RegExp => {
  const name = (file: string) => escape(path.basename(file));
  const mine = escape(path.parse(dataFile).name) + String.raw`\.mine-\d{8}T\d{6}Z\.json`;
  const lockOwner = name(lockOwnerPath(dataFile));
  const targets = `${name(dataFile)}|${name(backupPath(dataFile))}|${name(recoveryPath(dataFile))}|${mine}`;
  // Today's random names (safe-file.ts), and the pid-numbered ones of older versions.
  return new RegExp(String.raw`^(?:(?:${targets}|${lockOwner})\.[0-9a-f]{16}\.tmp|(?:${targets})\.\d{1,10})$`);
};

/** The temp files beside the data file, as full paths. */
export const findTempFiles = async (dataFile: string): Promise<string[]> => {
  const folder = path.dirname(dataFile);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const pattern = tempPattern(dataFile);
  const found: string[] = [];
  for (const name of names.filter(candidate => pattern.test(candidate)).sort()) {
    const file = path.join(folder, name);
    const info = await lstat(file).catch(() => undefined);
    if (info?.isFile()) found.push(file);
  }
  return found;
};

/** Call only while holding the save lock. Returns what was removed. */
export const removeTempFiles = async (dataFile: string): Promise<string[]> => {
  const found = await findTempFiles(dataFile);
  for (const file of found) await rm(file, {force: true});
  return found;
};
