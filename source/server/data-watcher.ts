/**
 * The data as the server answers from it: loaded at start, and again after each save. A save
 * replaces the file by rename, which ends a watch on the file itself, so the folder is watched
 * and events for the data file's name are debounced. A file that cannot be read or is invalid
 * leaves the last good data in place, and says why.
 */
import {watch, type FSWatcher} from 'node:fs';
import path from 'node:path';
import {emptyDatabase, indexAccess, type AccessIndex, type Database, type UpdatableAccessIndex} from '../domain/index.js';
import {DataFileError, fileFingerprint, JsonFileAdapter} from '../store/index.js';
import {reindexAccess} from './reindex.js';

export interface LoadedData {
  readonly database: Database;
  readonly index: AccessIndex;
}

export interface DataWatcher {
  current(): LoadedData;
  /** The server wrote this itself: answered from at once, and not read back when the folder watch reports the write. */
  adopt(database: Database, fingerprint: string | undefined): void;
  close(): void;
}

export interface WatchOptions {
  /** What happened, for the server's log: reloads and problems. */
  readonly log: (message: string) => void;
  readonly debounceMs?: number;
  /**
   * Resolves when the server's own saves have settled. Those saves adopt what they write and read
   * what another writer saved before them, so the watch waits for them instead of reading the
   * file in the middle of a storm of saves (where each read of 7 MB overlapped the next save and
   * was read again, back to back).
   */
  readonly settled?: () => Promise<void>;
}

/** What the watch holds: the same data, with the index it updates in place (reindex.ts). */
interface Held {
  readonly database: Database;
  readonly index: UpdatableAccessIndex;
}

const loaded = (database: Database): Held => ({database, index: indexAccess(database.thirdParties)});

const describe = (database: Database): string =>
  `revision ${database.revision}, ${database.thirdParties.length} third part${database.thirdParties.length === 1 ? 'y' : 'ies'}`;

/** Throws DataFileError when the file exists and is not a valid data file: the server does not start on it. */
export const watchDataFile = async (file: string, {log, debounceMs = 50, settled}: WatchOptions): Promise<DataWatcher> => {
  const adapter = new JsonFileAdapter(file);
  const first = await adapter.read();
  let data = loaded(first ?? emptyDatabase());
  if (!first) log(`${file} does not exist yet: no third party has access until it is saved`);

  let timer: NodeJS.Timeout | undefined;
  let adoptedFingerprint: string | undefined;
  // Counts the server's own writes: a read that overlapped one may hold the older file, and is read again.
  let adoptions = 0;
  let reloading = false;
  let again = false;
  const reload = async (): Promise<void> => {
    if (reloading) {
      again = true;
      return;
    }
    reloading = true;
    try {
      await settled?.();
      if (adoptedFingerprint !== undefined && (await fileFingerprint(file)) === adoptedFingerprint) return;
      const before = adoptions;
      // Records equal to the ones answered from come back as those objects (not checked again), so
      // that only the changed ones are indexed again: during a storm of saves the watch can fire
      // before the server adopts its own write, and a full read and index cost seconds at 5,000.
      const database = await adapter.readComparing(new Map(data.database.thirdParties.map(thirdParty => [thirdParty.id, thirdParty])));
      if (adoptions !== before) {
        again = true;
        return;
      }
      if (!database) log(`${file} is gone: still answering from ${describe(data.database)}`);
      else {
        data = {database, index: reindexAccess(data.database.thirdParties, data.index, database.thirdParties)};
        log(`reloaded ${file}: ${describe(database)}`);
      }
    } catch (error) {
      const problem = error instanceof DataFileError ? error.problem : error instanceof Error ? error.message : String(error);
      log(`${file} ${problem}: still answering from the last good data (${describe(data.database)})`);
    } finally {
      reloading = false;
      if (again) {
        again = false;
        void reload();
      }
    }
  };

  const name = path.basename(file);
  const watcher: FSWatcher = watch(path.dirname(file), {persistent: false}, (_event, changed) => {
    // Some platforms do not say which file changed: then any change in the folder is a candidate.
    if (changed !== null && changed !== name) return;
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), debounceMs);
  });
  watcher.on('error', error => log(`cannot watch ${path.dirname(file)} (${error.message}): saves are no longer picked up`));

  return {
    current: () => data,
    adopt: (database, fingerprint) => {
      // Another writer saved after this one (under the lock, so over this change) and was read already: keep that.
      if (database.revision < data.database.revision) return;
      data = {database, index: reindexAccess(data.database.thirdParties, data.index, database.thirdParties)};
      adoptedFingerprint = fingerprint;
      adoptions++;
    },
    close: () => {
      clearTimeout(timer);
      watcher.close();
    },
  };
};
