/**
 * The previous revision, kept beside the data file by each save. The file about to be replaced
 * is hard-linked under the backup's name: no copy, no second fsync of megabytes (its bytes were
 * synced when they were saved), and byte for byte what was on disk. Where links are not
 * possible (some network file systems) the bytes are copied instead. A data file that is a
 * symbolic link has its target's content kept, never the link.
 */
import {chmod, constants, copyFile, link, realpath, rename, rm} from 'node:fs/promises';
import path from 'node:path';
import {backupPath, schema1CopyPath} from './data-file-paths.js';
import {MAX_DATA_FILE_BYTES} from './data-file-limits.js';
import {FILE_MODE, readRegularFile, syncFolder, temporaryNameFor, writePrivateFileSafely} from './safe-file.js';

/** Call while holding the save lock, before the data file is replaced. */
export const keepBackup = async (dataFile: string): Promise<void> => {
  const backup = backupPath(dataFile);
  // The file itself, not a link to it: link() would link the link.
  const target = await realpath(dataFile);
  // A random name (a link planted there in advance makes link() fail, never followed), which the temp-file cleanup knows.
  const temporary = temporaryNameFor(backup);
  try {
    // The file is replaced by a 0600 one in a moment anyway; its old inode becomes the backup.
    await chmod(target, FILE_MODE);
    await link(target, temporary);
    await rename(temporary, backup);
    await syncFolder(path.dirname(backup));
  } catch {
    await rm(temporary, {force: true});
    const bytes = await readRegularFile(target, {maxBytes: MAX_DATA_FILE_BYTES, followLink: false});
    if (bytes) await writePrivateFileSafely(backup, bytes);
  }
};

/**
 * The file as schema 1 left it, kept once by the save that upgrades it to schema 2 (the backup
 * above is replaced by the next save): an older tpa can be pointed at it. Call under the lock.
 */
export const keepSchema1Copy = async (dataFile: string): Promise<void> => {
  const copy = schema1CopyPath(dataFile);
  try {
    // COPYFILE_EXCL: nothing already at the copy's path (a planted link included) is written through.
    await copyFile(backupPath(dataFile), copy, constants.COPYFILE_EXCL);
    await chmod(copy, FILE_MODE);
    await syncFolder(path.dirname(copy));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
};
