/**
 * The file engine (engine.ts): the JSON data file. lowdb's Low holds the data as this process
 * last read or wrote it, and every read and write is Low's, over our adapter
 * (json-file-adapter.ts: strict, bounded reading, and the atomic write: temp file 0600, fsync,
 * rename, fsync of the folder). The file's fingerprint (inode, size, times) says whether another
 * writer replaced it since: an equal one skips the read. ARCHITECTURE.md, "File engine";
 * file-commit.ts has a save's steps.
 */
import {serialQueue} from '../serial-queue.js';
import {stat} from 'node:fs/promises';
import path from 'node:path';
import {Low} from 'lowdb';
import {emptyDatabase, type Database} from '../../domain/index.js';
import {readAuditHistory} from '../audit-log.js';
import {auditLogPath} from '../data-file-paths.js';
import type {Engine, Snapshot} from '../engine.js';
import {fileFingerprint, JsonFileAdapter} from '../json-file-adapter.js';
import {entryOfChange} from '../last-change.js';
import {acquireSaveLock} from '../save-lock.js';
import {removeTempFiles} from '../temp-files.js';
import {watchFile} from '../watch-file.js';
import {commitToFile} from './file-commit.js';
import {loadFile, type FileState} from './file-state.js';
import {fileSnapshot, withKnownObjects} from './file-snapshot.js';

export interface FileEngineOptions {
  /** Bursts of changes within this are one call of a watch. */
  readonly debounceMs?: number;
}

export interface FileEngine extends Engine {
  readonly file: string;
}

/** Temp files of a save that was killed: removed now if no save is running (else by the next save). */
const removeLeftovers = async (file: string): Promise<void> => {
  // A folder not made yet holds none, and is left for the first save to make.
  const hasFolder = await stat(path.dirname(file)).then(
    () => true,
    () => false,
  );
  const lock = hasFolder ? await acquireSaveLock(file, {wait: false}).catch(() => undefined) : undefined;
  if (!lock) return;
  try {
    await removeTempFiles(file);
  } finally {
    await lock.release();
  }
};

export const openFileEngine = async (file: string, options: FileEngineOptions = {}): Promise<FileEngine> => {
  const state: FileState = {
    file,
    low: new Low<Database>(
      new JsonFileAdapter(file, {
        beforeRename: async () => {
          if (!state.lock) throw new Error('The data file is replaced only under the save lock.');
          await state.lock.assertHeld();
        },
      }),
      emptyDatabase(),
    ),
    mark: undefined,
    lock: undefined,
  };
  await removeLeftovers(file);

  // One read or commit at a time from this process (they share Low); other processes are kept out by the lock.
  const serially = serialQueue();

  return {
    file,
    location: file,
    read: () =>
      serially(async () => {
        // Taken before the read: a change made after it only makes the next look read the file again.
        const fingerprint = await fileFingerprint(file);
        state.mark = undefined;
        return fileSnapshot(await loadFile(state, fingerprint), fingerprint);
      }),
    readChanged: known =>
      serially(async (): Promise<Snapshot | undefined> => {
        const fingerprint = await fileFingerprint(file);
        // Gone: nothing to read; the next save says so (a conflict the admin decides), never "every record deleted".
        if (fingerprint === undefined || fingerprint === known.mark) return undefined;
        const database = await loadFile(state, fingerprint);
        return fileSnapshot(withKnownObjects(known.database, database), fingerprint);
      }),
    commit: (known, commit, commitOptions = {}) => serially(() => commitToFile(state, known, commit, commitOptions)),
    watch: onChange => {
      const watch = watchFile(file, onChange, options.debounceMs);
      return () => watch.close();
    },
    readHistory: (thirdPartyId, limit) => readAuditHistory(auditLogPath(file), thirdPartyId, limit),
    entryOfChange: (thirdPartyId, seen) => entryOfChange(file, thirdPartyId, seen),
    close: async () => undefined,
  };
};
