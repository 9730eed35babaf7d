/**
 * Writing the OAuth information to a file only its owner can read. A file that exists is never
 * replaced unless the caller says so (after asking the admin).
 */
import {constants} from 'node:fs';
import {open} from 'node:fs/promises';
import {homedir} from 'node:os';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import {FILE_MODE} from './json-file-adapter.js';

export type PrivateFileResult = {readonly kind: 'written'; readonly file: string} | {readonly kind: 'exists'; readonly file: string};

/** "~/x" is the home folder's x; a relative name is relative to `cwd`. */
export const resolveUserPath = (typed: string, cwd: string, home = homedir()): string => {
  const trimmed = typed.trim();
  const expanded = trimmed === '~' ? home : trimmed.startsWith('~/') ? path.join(home, trimmed.slice(2)) : trimmed;
  return path.resolve(cwd, expanded);
};

/**
 * Writes `text` to `file` with mode 0600. Without `overwrite`, the file is created exclusively
 * (O_EXCL: no race with a file appearing meanwhile, and a symlink is not followed) and an
 * existing file is reported, untouched. With it, the file is replaced atomically, again 0600.
 */
export const writePrivateFile = async (file: string, text: string, overwrite: boolean): Promise<PrivateFileResult> => {
  if (overwrite) {
    await writeFileAtomic(file, text, {mode: FILE_MODE, fsync: true});
    return {kind: 'written', file};
  }
  let handle;
  try {
    handle = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return {kind: 'exists', file};
    throw error;
  }
  try {
    // The umask may have taken bits away, never added: set exactly 0600 all the same.
    await handle.chmod(FILE_MODE);
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return {kind: 'written', file};
};
