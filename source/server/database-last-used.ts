/**
 * "Last used" on a database (ARCHITECTURE.md, The server): every server's grants
 * gathered in memory and written as one batch at most every second (engine's LastUsedStore: one
 * statement per batch, the newest time winning whichever server wrote last), never per request.
 * A hint, as the file's index is: a batch that cannot be written is kept for the next one, said
 * once, and a server killed loses at most a second of it.
 */
import type {LastUsedStore} from '../store/engine.js';
import type {LastUsedIndex} from './last-used-index.js';

/** Grants waiting to be written at most; more keeps the newest (memory stays bounded while the database is away). */
const MAX_PENDING = 100_000;

export const openDatabaseLastUsed = (store: LastUsedStore, onProblem: (message: string) => void, everyMs = 1_000): LastUsedIndex => {
  let pending = new Map<string, string>();
  let writing: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let reported = false;

  const writeNow = async (): Promise<void> => {
    const batch = pending;
    pending = new Map();
    try {
      await store.write(batch);
      reported = false;
    } catch (error) {
      // Kept for the next batch (a newer time for a token wins over the one kept).
      for (const [tokenId, time] of batch) if (!pending.has(tokenId) && pending.size < MAX_PENDING) pending.set(tokenId, time);
      if (!reported)
        onProblem(
          `"Last used" not written to the database (${error instanceof Error ? error.message : String(error)}); kept for the next batch`,
        );
      reported = true;
    }
  };

  const schedule = () => {
    if (timer || writing) return;
    timer = setTimeout(() => {
      timer = undefined;
      writing = writeNow().finally(() => {
        writing = undefined;
        if (pending.size > 0) schedule();
      });
    }, everyMs);
    timer.unref();
  };

  return {
    granted: (tokenId, time) => {
      pending.delete(tokenId);
      if (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value!);
      pending.set(tokenId, time);
      schedule();
    },
    close: async () => {
      clearTimeout(timer);
      timer = undefined;
      await writing;
      if (pending.size > 0) await writeNow();
    },
  };
};
