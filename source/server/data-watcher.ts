/**
 * The data as the server answers from it: loaded at start, and again after each save. A save
 * replaces the file by rename, which ends a watch on the file itself, so the folder is watched
 * and events for the data file's name are debounced. A file that cannot be read or is invalid
 * leaves the last good data in place, and says why.
 */
import {indexAccess, type AccessIndex, type Database, type UpdatableAccessIndex} from '../domain/index.js';
import {DataFileError, type SavePipeline} from '../store/index.js';
import {reindexAccess} from './reindex.js';

export interface LoadedData {
  readonly database: Database;
  readonly index: AccessIndex;
}

export interface DataWatcher {
  current(): LoadedData;
  /** The server saved through the pipeline: answered from at once (the watch then finds nothing new to read). */
  adopt(): void;
  /** Takes in what other writers saved up to now (another server's token that a request names), then resolves. */
  catchUp(): Promise<void>;
  close(): void;
}

export interface WatchOptions {
  /** What happened, for the server's log: reloads and problems. */
  readonly log: (message: string) => void;
  /**
   * Resolves when the server's own saves have settled. Those saves take in what they write and
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

const describe = (database: Database): string =>
  `revision ${database.revision}, ${database.thirdParties.length} third part${database.thirdParties.length === 1 ? 'y' : 'ies'}`;

/** The pipeline's data, indexed, and refreshed when the engine says another writer changed it. */
export const watchData = (pipeline: SavePipeline, {log, settled}: WatchOptions): DataWatcher => {
  const {location} = pipeline.engine;
  const first = pipeline.snapshot.database;
  let data: Held = {database: first, index: indexAccess(first.thirdParties)};
  if (pipeline.snapshot.mark === undefined) log(`${location} does not exist yet: no third party has access until it is saved`);
  // Records equal to the ones answered from are the same objects (engine.ts readChanged), so only
  // the changed ones are indexed again: a full index costs seconds at 5,000 during a storm.
  const take = (database: Database) => {
    if (database !== data.database) data = {database, index: reindexAccess(data.database.thirdParties, data.index, database.thirdParties)};
  };

  const pass = async (): Promise<void> => {
    try {
      await settled?.();
      const refreshed = await pipeline.refresh(new Set());
      if (refreshed) {
        take(refreshed.after);
        log(`reloaded ${location}: ${describe(refreshed.after)}`);
      }
    } catch (error) {
      const problem = error instanceof DataFileError ? error.problem : error instanceof Error ? error.message : String(error);
      log(`${location} ${problem}: still answering from the last good data (${describe(data.database)})`);
    }
  };
  // One reload at a time; a change during one is looked at right after it, in the same run.
  let running: Promise<void> | undefined;
  let again = false;
  const reload = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await pass();
      } while (again);
    })().finally(() => (running = undefined));
    return running;
  };
  const stop = pipeline.engine.watch(() => void reload());

  return {
    current: () => data,
    adopt: () => take(pipeline.snapshot.database),
    catchUp: reload,
    close: stop,
  };
};
