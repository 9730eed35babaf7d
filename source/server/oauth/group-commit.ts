/**
 * Group commit: writes that arrive while a save runs go into the next save together, so the
 * number of saves follows the disk, not the number of requests (5,000 third parties authorizing
 * at once make a few dozen saves, not 5,000 queued ones).
 */
import type {AuthorizationWrite, CommittedWrites, DataFileWriter, WriteResult} from '../../store/index.js';

interface Waiting {
  readonly write: AuthorizationWrite;
  readonly resolve: (result: WriteResult) => void;
  readonly reject: (error: unknown) => void;
}

/** A save of more writes than this is split: the file is written at most this many changes late. */
const MAX_BATCH = 2_000;

export interface GroupCommit {
  submit(write: AuthorizationWrite): Promise<WriteResult>;
  /** Resolves when every submitted write is saved (or failed). */
  idle(): Promise<void>;
}

export const createGroupCommit = (writer: DataFileWriter, committed: (result: CommittedWrites) => void): GroupCommit => {
  let waiting: Waiting[] = [];
  let running: Promise<void> | undefined;
  const run = async () => {
    while (waiting.length > 0) {
      const batch = waiting.slice(0, MAX_BATCH);
      waiting = waiting.slice(batch.length);
      try {
        const result = await writer.commit(batch.map(item => item.write));
        committed(result);
        batch.forEach((item, index) => item.resolve(result.results[index] ?? {ok: false, why: 'not saved'}));
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
    running = undefined;
  };
  return {
    submit: write =>
      new Promise((resolve, reject) => {
        waiting.push({write, resolve, reject});
        running ??= run();
      }),
    idle: async () => {
      while (running) await running;
    },
  };
};
