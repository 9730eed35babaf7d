/**
 * The previous revision, kept beside the data file by each save. The file about to be replaced
 * is hard-linked under the backup's name: no copy, no second fsync of megabytes (its bytes were
 * synced when they were saved), and byte for byte what was on disk. Where links are not
 * possible (some network file systems) the bytes are copied instead.
 */
import {chmod, copyFile, constants, link, readFile, rename, rm} from 'node:fs/promises';
import {backupPath, schema1CopyPath} from './data-file-paths.js';
import {FILE_MODE, syncFolderOf, writeFileSafely} from './json-file-adapter.js';

/** Call while holding the save lock, before the data file is replaced. */
export const keepBackup = async (dataFile: string): Promise<void> => {
  const backup = backupPath(dataFile);
  // "<backup>.<pid>": a name the temp-file cleanup knows, should a kill leave it.
  const temporary = `${backup}.${process.pid}`;
  try {
    // The file is replaced by a 0600 one in a moment anyway; its old inode becomes the backup.
    await chmod(dataFile, FILE_MODE);
    await rm(temporary, {force: true});
    await link(dataFile, temporary);
    await rename(temporary, backup);
    await syncFolderOf(backup);
  } catch {
    await rm(temporary, {force: true});
    await writeFileSafely(backup, await readFile(dataFile));
  }
};

/**
 * The file as schema 1 left it, kept once by the save that upgrades it to schema 2 (the backup
 * above is replaced by the next save): an older tpa can be pointed at it. Call under the lock.
 */
export const keepSchema1Copy = async (dataFile: string): Promise<void> => {
  const copy = schema1CopyPath(dataFile);
  try {
    await copyFile(backupPath(dataFile), copy, constants.COPYFILE_EXCL);
    await chmod(copy, FILE_MODE);
    await syncFolderOf(copy);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
};
