/**
 * The recovery file: unsaved changes written when the session ends without a save (the SSH
 * connection dropped: SIGHUP; or SIGTERM), offered back at the next start. Written
 * synchronously, because it is written from a signal handler just before the process exits.
 */
import {closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync} from 'node:fs';
import {rm} from 'node:fs/promises';
import {z} from 'zod';
import {toDisplayText, type RecoveredChanges, type ThirdParty, type UnsavedChanges} from '../domain/index.js';
import {recoveryPath} from './data-file-paths.js';
import {isoTime, thirdPartySchema} from './schema.js';

const recoverySchema = z.strictObject({
  kind: z.literal('tpa-recovery'),
  savedAt: isoTime,
  dataFile: z.string(),
  thirdParty: thirdPartySchema,
  original: thirdPartySchema.nullable(),
});

/** Writes the changes beside the data file (0600, temp file and rename). Returns a problem, or undefined. */
export const writeRecoverySync = (dataFile: string, changes: UnsavedChanges, now: Date): string | undefined => {
  const file = recoveryPath(dataFile);
  const temp = `${file}.${process.pid}`;
  const text = `${JSON.stringify({kind: 'tpa-recovery', savedAt: now.toISOString(), dataFile, thirdParty: changes.thirdParty, original: changes.original}, null, 2)}\n`;
  try {
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
    return undefined;
  } catch (error) {
    rmSync(temp, {force: true});
    return `${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
};

export type RecoveryRead =
  | {readonly kind: 'none'}
  | {readonly kind: 'found'; readonly changes: Omit<RecoveredChanges, 'changedSince'>}
  | {readonly kind: 'unreadable'; readonly problem: string};

export const readRecovery = (dataFile: string): RecoveryRead => {
  const file = recoveryPath(dataFile);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {kind: 'none'};
    return {kind: 'unreadable', problem: `${file} cannot be read (${(error as NodeJS.ErrnoException).code}); it was left as it is.`};
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return {kind: 'unreadable', problem: `${file} is not valid JSON; it was left as it is.`};
  }
  const result = recoverySchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    return {
      kind: 'unreadable',
      problem: `${file} is not a tpa recovery file (${toDisplayText(issue.path.join('.') || 'top level')}: ${issue.message}); it was left as it is.`,
    };
  }
  const {savedAt, thirdParty, original} = result.data;
  return {kind: 'found', changes: {savedAt: new Date(savedAt), thirdParty, original}};
};

export const removeRecovery = async (dataFile: string): Promise<void> => rm(recoveryPath(dataFile), {force: true});

/** The same record, whatever its save time says. */
export const sameContent = (a: ThirdParty | null | undefined, b: ThirdParty | null | undefined): boolean => {
  if (!a || !b) return a === b || (!a && !b);
  return JSON.stringify({...a, updatedAt: ''}) === JSON.stringify({...b, updatedAt: ''});
};
