/**
 * The previous revision, kept beside the data file by each save. The file about to be replaced
 * is hard-linked under the backup's name: no copy, no second fsync of megabytes (its bytes were
 * synced when they were saved), and byte for byte what was on disk. Where links are not
 * possible (some network file systems) the bytes are copied instead.
 */
import {chmod, link, readFile, rename, rm} from 'node:fs/promises';
import {backupPath} from './data-file-paths.js';
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
