/**
 * Group commit: writes that arrive while a save runs go into the next save together, so the
 * number of saves follows the disk, not the number of requests (5,000 third parties authorizing
 * at once make a few dozen saves, not 5,000 queued ones). Each save is one call of the save
 * pipeline (store/pipeline/save-pipeline.ts) with the writes as instructions.
 */
import {unhandled, type SaveOutcome, type Settings} from '../../domain/index.js';
import {authorizationInstruction, type AuthorizationWrite, type SavePipeline, type WriteResult} from '../../store/index.js';

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

/** A write's answer: written (the audit log failing is the server log's business, `committed`), or refused and why. */
const resultOf = (outcome: SaveOutcome): WriteResult => {
  switch (outcome.kind) {
    case 'saved':
    case 'savedAuditFailed':
      return {ok: true};
    case 'invalid':
      return {ok: false, why: outcome.message};
    case 'conflict':
      return {ok: false, why: 'the third party kept changing during the save'};
    default:
      return unhandled(outcome);
  }
};

/** One save of these writes through the pipeline: each write's answer, and the pipeline's outcomes. */
export const commitAuthorizationWrites = async (
  pipeline: SavePipeline,
  writes: readonly AuthorizationWrite[],
): Promise<{readonly results: WriteResult[]; readonly outcomes: readonly SaveOutcome[]}> => {
  const records = writes.flatMap((write, index) => (write.kind === 'settings' ? [] : [{index, write}]));
  const patches = writes.flatMap(write => (write.kind === 'settings' ? [write.settings] : []));
  // The settings as they are to be: the ones read, with each write's on top, in order.
  const settings: Settings | undefined =
    patches.length > 0 ? Object.assign({}, pipeline.snapshot.database.settings, ...patches) : undefined;
  const outcomes = await pipeline.instruct(
    records.map(({write}) => authorizationInstruction(write)),
    settings,
  );
  const results: WriteResult[] = writes.map(() => ({ok: true}));
  records.forEach(({index}, position) => (results[index] = resultOf(outcomes[position]!)));
  return {results, outcomes};
};

/** `committed` is called after each save with its outcomes (the server answers from the new data at once). */
export const createGroupCommit = (pipeline: SavePipeline, committed: (outcomes: readonly SaveOutcome[]) => void): GroupCommit => {
  let waiting: Waiting[] = [];
  let running: Promise<void> | undefined;
  const run = async () => {
    while (waiting.length > 0) {
      const batch = waiting.slice(0, MAX_BATCH);
      waiting = waiting.slice(batch.length);
      try {
        const {results, outcomes} = await commitAuthorizationWrites(
          pipeline,
          batch.map(item => item.write),
        );
        committed(outcomes);
        batch.forEach((item, index) => item.resolve(results[index]!));
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
