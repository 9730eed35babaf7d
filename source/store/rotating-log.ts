/**
 * The logs beside the data file (the server's access log, the audit log) grow by appending and
 * are rotated by size: past the limit, `log` becomes `log.1`, `log.1` becomes `log.2`, … and the
 * oldest kept one is dropped, so a log never takes more than (KEPT_LOGS + 1) × its limit.
 * They are opened without following a link planted at their path (O_NOFOLLOW), created 0600 and
 * brought back to 0600; rename moves a name, never what a link points to.
 */
import {fstatSync, renameSync, unlinkSync} from 'node:fs';
import {rename, unlink, type FileHandle} from 'node:fs/promises';
import {openPrivateFile, openPrivateFileSync} from './safe-file.js';

/** Where a log is rotated unless told otherwise. */
export const DEFAULT_LOG_MAX = 10 * 1024 * 1024;
/** Rotated files kept: log.1 (the newest) … log.5. */
export const KEPT_LOGS = 5;

/** The log and its rotated files, newest first: log, log.1, …, log.N. */
export const logGenerations = (file: string, kept = KEPT_LOGS): string[] => [
  file,
  ...Array.from({length: kept}, (_, index) => `${file}.${index + 1}`),
];

/** Whether appending `bytes` to a log of `size` passes the limit (an empty log takes any entry: one line is never split). */
export const needsRotation = (size: number, bytes: number, maxBytes: number): boolean => size > 0 && size + bytes > maxBytes;

const ignoreMissing = (error: unknown): void => {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
};

/** Opens the log for appending (safe-file.ts: never through a link, only this user's regular file, 0600): its descriptor and its size now. */
export const openLogSync = (file: string): {readonly fd: number; readonly size: number} => {
  const fd = openPrivateFileSync(file);
  return {fd, size: fstatSync(fd).size};
};

export const openLog = async (file: string): Promise<{readonly handle: FileHandle; readonly size: number}> => {
  const handle = await openPrivateFile(file);
  try {
    return {handle, size: (await handle.stat()).size};
  } catch (error) {
    await handle.close();
    throw error;
  }
};

/** log → log.1 → … → log.N; the oldest is dropped. A writer still holding the old descriptor goes on writing into log.1. */
export const rotateLogSync = (file: string, kept = KEPT_LOGS): void => {
  const names = logGenerations(file, kept);
  try {
    unlinkSync(names[kept]!);
  } catch (error) {
    ignoreMissing(error);
  }
  for (let index = kept - 1; index >= 0; index--) {
    try {
      renameSync(names[index]!, names[index + 1]!);
    } catch (error) {
      ignoreMissing(error);
    }
  }
};

export const rotateLog = async (file: string, kept = KEPT_LOGS): Promise<void> => {
  const names = logGenerations(file, kept);
  await unlink(names[kept]!).catch(ignoreMissing);
  for (let index = kept - 1; index >= 0; index--) await rename(names[index]!, names[index + 1]!).catch(ignoreMissing);
};
