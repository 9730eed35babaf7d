/**
 * The recovery file: unsaved changes written when the session ends without a save (the SSH
 * connection dropped: SIGHUP; or SIGTERM), offered back at the next start. Written
 * synchronously, because it is written from a signal handler just before the process exits.
 */
import {rm} from 'node:fs/promises';
import {z} from 'zod';
import {toDisplayText, type RecoveredChanges, type ThirdParty, type UnsavedChanges} from '../domain/index.js';
import {recoveryPath} from './data-file-paths.js';
import {FileTooLargeError, readRegularFileSync, UnsafeFileError, writePrivateFileSafelySync} from './safe-file.js';
import {isoTime, thirdPartySchema} from './schema.js';

const recoverySchema = z.strictObject({
  kind: z.literal('tpa-recovery'),
  savedAt: isoTime,
  dataFile: z.string(),
  thirdParty: thirdPartySchema,
  original: thirdPartySchema.nullable(),
});

/** Writes the changes beside the data file (0600, random temp file and rename). Returns a problem, or undefined. */
export const writeRecoverySync = (dataFile: string, changes: UnsavedChanges, now: Date): string | undefined => {
  const file = recoveryPath(dataFile);
  const text = `${JSON.stringify({kind: 'tpa-recovery', savedAt: now.toISOString(), dataFile, thirdParty: changes.thirdParty, original: changes.original}, null, 2)}\n`;
  try {
    writePrivateFileSafelySync(file, text);
    return undefined;
  } catch (error) {
    return `${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
};

/** One third party and its original: far less than this. */
const RECOVERY_MAX_BYTES = 4 * 1024 * 1024;

export type RecoveryRead =
  | {readonly kind: 'none'}
  | {readonly kind: 'found'; readonly changes: Omit<RecoveredChanges, 'changedSince'>}
  | {readonly kind: 'unreadable'; readonly problem: string};

export const readRecovery = (dataFile: string): RecoveryRead => {
  const file = recoveryPath(dataFile);
  let text: string;
  try {
    const bytes = readRegularFileSync(file, {maxBytes: RECOVERY_MAX_BYTES, followLink: false});
    if (bytes === undefined) return {kind: 'none'};
    text = bytes.toString('utf8');
  } catch (error) {
    const why =
      error instanceof UnsafeFileError
        ? error.problem
        : error instanceof FileTooLargeError
          ? 'is larger than a recovery file can be'
          : `cannot be read (${(error as NodeJS.ErrnoException).code})`;
    return {kind: 'unreadable', problem: `${file} ${why}; it was left as it is.`};
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
