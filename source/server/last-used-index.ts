/**
 * "Last used" per token, kept by the server in a small index beside the data file
 * (db.last-used.json for db.json: {"tokenId": "ISO time of the last grant", …}), so that the
 * console reads a few kilobytes instead of the whole access log. The server rewrites it after
 * grants, at most every WRITE_EVERY_MS, through a temp file with an unpredictable name created
 * exclusively (O_EXCL | O_NOFOLLOW, 0600) and a rename (safe-file.ts, without fsync); it holds at most MAX_ENTRIES tokens
 * (the least recently used are dropped). It is a hint: a lost write loses a moment of it.
 */
import {stat} from 'node:fs/promises';
import {lastUsedText, MAX_ENTRIES, parseIndex, readIndexText} from '../store/last-used-file.js';
import {writePrivateFileSafely} from '../store/safe-file.js';

export {lastUsedIndexPath} from '../store/data-file-paths.js';

const WRITE_EVERY_MS = 100;

export interface LastUsedIndex {
  /** A grant of this token at this time (ISO 8601, as in the access log). */
  granted(tokenId: string, time: string): void;
  /** Writes what is pending. */
  close(): Promise<void>;
}

/** `seed`: last uses to start from when there is no index yet (from the access log of an older version). */
export const openLastUsedIndex = async (
  file: string,
  onProblem: (message: string) => void,
  seed?: () => Promise<ReadonlyMap<string, Date>>,
  maxEntries = MAX_ENTRIES,
): Promise<LastUsedIndex> => {
  const text = await readIndexText(file);
  const entries = text === undefined ? new Map<string, string>() : parseIndex(text);
  if (text === undefined && seed) {
    const seeded = [...(await seed())].sort((a, b) => a[1].getTime() - b[1].getTime()).slice(-maxEntries);
    for (const [tokenId, time] of seeded) entries.set(tokenId, time.toISOString());
  }
  // Seeded entries are written with the first grant, or at close.
  let dirty = text === undefined && entries.size > 0;
  let writing: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let lastWrite = -Infinity;
  let reported = false;

  const writeNow = async (): Promise<void> => {
    dirty = false;
    lastWrite = Date.now();
    try {
      // A hint, not a record: no fsync (durable: false).
      await writePrivateFileSafely(file, lastUsedText(entries), {durable: false});
      reported = false;
    } catch (error) {
      if (!reported) onProblem(`cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}); "Last used" is not kept`);
      reported = true;
    }
  };

  /** One write at a time; the first grant after a quiet moment is written at once, later ones gather. */
  const schedule = () => {
    if (writing || timer) return;
    const wait = Math.max(0, lastWrite + WRITE_EVERY_MS - Date.now());
    timer = setTimeout(() => {
      timer = undefined;
      writing = writeNow().finally(() => {
        writing = undefined;
        if (dirty) schedule();
      });
    }, wait);
    timer.unref();
  };

  return {
    granted: (tokenId, time) => {
      entries.delete(tokenId);
      entries.set(tokenId, time);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      dirty = true;
      schedule();
    },
    close: async () => {
      clearTimeout(timer);
      timer = undefined;
      await writing;
      if (dirty) await writeNow();
    },
  };
};

export interface LastUsedReader {
  /** Token record id → the last time it was granted access; the same map as before while the index is unchanged. */
  read(): Promise<ReadonlyMap<string, Date>>;
}

/** The console's side: reads the index again only when it changed (size, time or file). */
export const createLastUsedReader = (file: string): LastUsedReader => {
  let identity = '';
  let lastUsed: ReadonlyMap<string, Date> = new Map();
  return {
    read: async () => {
      let info;
      try {
        info = await stat(file);
      } catch {
        return lastUsed; // no index yet
      }
      const now = `${info.ino}:${info.size}:${info.mtimeMs}`;
      if (now === identity) return lastUsed;
      const text = await readIndexText(file);
      if (text === undefined) return lastUsed;
      identity = now;
      lastUsed = new Map([...parseIndex(text)].map(([tokenId, time]) => [tokenId, new Date(time)]));
      return lastUsed;
    },
  };
};
