/**
 * Writing the OAuth information to a file only its owner can read. A file that exists is never
 * replaced unless the caller says so (after asking the admin).
 */
import {homedir} from 'node:os';
import path from 'node:path';
import {createPrivateFile, FILE_MODE, writePrivateFileSafely} from './safe-file.js';

export type PrivateFileResult = {readonly kind: 'written'; readonly file: string} | {readonly kind: 'exists'; readonly file: string};

/** "~/x" is the home folder's x; a relative name is relative to `cwd`. */
export const resolveUserPath = (typed: string, cwd: string, home = homedir()): string => {
  const trimmed = typed.trim();
  const expanded = trimmed === '~' ? home : trimmed.startsWith('~/') ? path.join(home, trimmed.slice(2)) : trimmed;
  return path.resolve(cwd, expanded);
};

/**
 * Writes `text` to `file` with mode 0600. Without `overwrite`, the file is created exclusively
 * (O_EXCL: no race with a file appearing meanwhile, and a link at the path is not followed) and
 * anything at the path is reported, untouched. With it, a new file replaces what is there by
 * rename: a link is replaced itself, its target never written.
 */
export const writePrivateFile = async (file: string, text: string, overwrite: boolean): Promise<PrivateFileResult> => {
  if (overwrite) {
    await writePrivateFileSafely(file, text);
    return {kind: 'written', file};
  }
  let handle;
  try {
    handle = await createPrivateFile(file);
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
