/**
 * The one save pipeline (ARCHITECTURE.md, "The save pipeline"), used by the console, every
 * command and `tpa serve`, over any engine (engine.ts):
 *
 *   validate (record-writes.ts) → merge with what another writer saved, per record and per field,
 *   and write atomically with the audit entries (the engine's commit) → tell the watchers (the
 *   engine: the file's rename under the folder watch, NOTIFY)
 *
 * and one answer, SaveOutcome (saved, saved but the audit failed, conflict, invalid); only I/O
 * failures are thrown. Two kinds of change:
 *
 * - an edit (`save`): a copy a person edited, made on a version of the record (its base); the
 *   same field changed by someone else meanwhile is a conflict the admin decides;
 * - an instruction (`instruct`): a command or the server says what to do to the record as it is
 *   ("clear Active of this token"); on a conflict it is made again on the stored version, a few
 *   times.
 *
 * The pipeline keeps the writer's snapshot (what it last read or wrote), and for a record with
 * unsaved edits the version those edits were made on, so that their save is compared with it.
 */
import {serialQueue} from '../serial-queue.js';
import type {Database, Settings, SaveOutcome, ThirdParty} from '../../domain/index.js';
import {recordIdOf, type CommitOptions, type Engine, type RecordBase, type RecordWrite, type Snapshot} from '../engine.js';
import {runInstructions, type Instruction, type PipelineCore} from './instruct.js';
import {goneConflict, invalid, outcomesOf, type Committed, type Made} from './outcomes.js';
import {checkStep, prepareRecord, recordWrite} from './record-writes.js';

export type {Instruction, Made};

export type Edit =
  | {readonly kind: 'upsert'; readonly thirdParty: ThirdParty}
  | {readonly kind: 'delete'; readonly id: string}
  | {readonly kind: 'settings'; readonly settings: Settings};

export interface PipelineOptions {
  /** This writer as the audit log names it; asked at the first change, once (a directory service can be slow). */
  readonly actor: () => string;
  readonly now: () => Date;
}

export interface SavePipeline {
  readonly engine: Engine;
  /** The data as this writer last read or wrote it. */
  readonly snapshot: Snapshot;
  save(edit: Edit, options?: CommitOptions): Promise<SaveOutcome>;
  /** One commit for all (the server's group commit), `settings` with them; each is answered. */
  instruct(instructions: readonly Instruction[], settings?: Settings): Promise<SaveOutcome[]>;
  /**
   * Takes in what another writer saved, when anything did. Records in `editing` that changed keep
   * the version their edits were made on. Returns the data before and after.
   */
  refresh(editing: ReadonlySet<string>): Promise<{readonly before: Database; readonly after: Database} | undefined>;
  /** Reads everything again; unsaved edits' bases are dropped. */
  reload(): Promise<Database>;
  /** The version unsaved edits of a record were made on (restored from the recovery file); null: a new record. */
  setBase(id: string, record: ThirdParty | null): void;
}

export const createSavePipeline = (engine: Engine, first: Snapshot, options: PipelineOptions): SavePipeline => {
  let snapshot = first;
  // Bases of records with unsaved edits that differ from the snapshot's (null: a new record).
  let bases = new Map<string, RecordBase | null>();
  let actorName: string | undefined;
  const actor = () => (actorName ??= options.actor());
  const baseOf = (id: string): RecordBase | undefined => {
    const kept = bases.get(id);
    return kept === undefined ? snapshot.base(id) : (kept ?? undefined);
  };

  /** One commit; what was written becomes this writer's snapshot (a conflict or a refusal leaves it as it was). */
  const commit = async (writes: readonly RecordWrite[], settings: Settings | undefined, commitOptions?: CommitOptions) => {
    const before = snapshot.database;
    const result = await engine.commit(snapshot, {records: writes, ...(settings ? {settings} : {})}, commitOptions);
    if (result.kind === 'gone') return result;
    if (settings || result.records.some(record => record.kind === 'written')) snapshot = result.snapshot;
    for (const [index, record] of result.records.entries()) {
      const write = writes[index]!;
      if (record.kind === 'written') bases.delete(recordIdOf(write));
    }
    return {kind: 'committed', before, result, writes} satisfies Committed;
  };

  const reload = async (): Promise<Database> => {
    snapshot = await engine.read();
    bases = new Map();
    return snapshot.database;
  };

  const save = async (edit: Edit, commitOptions?: CommitOptions): Promise<SaveOutcome> => {
    if (edit.kind === 'settings') {
      const committed = await commit([], edit.settings, commitOptions);
      if (committed.kind === 'gone') return invalid('Not saved: the data file was deleted (or moved away) after it was read.');
      return outcomesOf(committed)[0]!;
    }
    const at = options.now();
    const id = edit.kind === 'upsert' ? edit.thirdParty.id : edit.id;
    const base = baseOf(id);
    if (edit.kind === 'delete' && !base) return {kind: 'saved', database: snapshot.database, merged: []};
    const after = edit.kind === 'upsert' ? prepareRecord(edit.thirdParty, at) : undefined;
    const step = checkStep({before: base?.record, after, actor: actor(), at, checkAll: true}, snapshot.database);
    if (step.kind === 'invalid') return invalid(step.errors);
    const committed = await commit([recordWrite(base, step.after, [step.audit])!], undefined, commitOptions);
    if (committed.kind === 'gone') return goneConflict(after ?? base!.record, options.now());
    return outcomesOf(committed)[0]!;
  };

  const core: PipelineCore = {
    get snapshot() {
      return snapshot;
    },
    baseOf,
    actor,
    now: options.now,
    commit: (writes, settings) => commit(writes, settings),
    reload,
  };

  // One at a time: each works on the snapshot the one before left.
  const serially = serialQueue();

  return {
    engine,
    get snapshot() {
      return snapshot;
    },
    save: (edit, commitOptions) => serially(() => save(edit, commitOptions)),
    instruct: (instructions, settings) => serially(() => runInstructions(core, instructions, settings)),
    reload: () => serially(reload),
    refresh: editing =>
      serially(async () => {
        const next = await engine.readChanged(snapshot);
        if (!next) return undefined;
        const kept = new Map<string, RecordBase | null>();
        for (const id of editing) {
          const base = baseOf(id);
          // An edited record keeps the version its edits were made on: its save is compared with the data, as before.
          if (base && next.base(id)?.record !== base.record) kept.set(id, base);
        }
        const before = snapshot.database;
        snapshot = next;
        bases = kept;
        return {before, after: next.database};
      }),
    setBase: (id, record) => bases.set(id, record && {record, version: undefined}),
  };
};
