/**
 * Instructions through the pipeline (save-pipeline.ts): what a command or the server says to do
 * to a record as it is stored. Several for the same record in one commit (the server's group
 * commit: ten tokens for one third party) are made one on the other, in order, and committed as
 * one write of that record carrying each one's audit entry. A record another writer changed in the
 * same field (or in one an instruction relies on) is made again on the stored version, a few times.
 */
import type {Database, SaveOutcome, Settings, ThirdParty} from '../../domain/index.js';
import {recordIdOf, type CommitResult, type RecordBase, type RecordWrite, type Snapshot} from '../engine.js';
import {invalid, outcomesOf, type Committed, type Made} from './outcomes.js';
import {checkStep, prepareRecord, recordWrite} from './record-writes.js';
import type {AuditEntry, FieldKey} from '../../domain/index.js';

export interface Instruction {
  readonly thirdPartyId: string;
  /** What it makes of the record as stored (undefined: there is none); called again after a conflict. */
  make(current: ThirdParty | undefined, at: Date): Made | Promise<Made>;
}

/** An instruction is made at most this many times in all when the record keeps changing under it. */
const INSTRUCTION_ATTEMPTS = 3;

/** What instructions need of the pipeline. */
export interface PipelineCore {
  readonly snapshot: Snapshot;
  baseOf(id: string): RecordBase | undefined;
  actor(): string;
  now(): Date;
  commit(writes: readonly RecordWrite[], settings: Settings | undefined): Promise<Committed | Extract<CommitResult, {kind: 'gone'}>>;
  reload(): Promise<Database>;
}

interface Grouped {
  readonly write: RecordWrite;
  /** The instructions whose steps it carries. */
  readonly members: readonly number[];
}

/** The instructions of one record, made one on the other: one write, or none when nothing changed. */
const makeOne = async (
  core: PipelineCore,
  base: RecordBase | undefined,
  members: readonly {readonly index: number; readonly instruction: Instruction}[],
  at: Date,
  outcomes: (SaveOutcome | undefined)[],
): Promise<Grouped | undefined> => {
  let current = base?.record;
  const audit: AuditEntry[] = [];
  const reads = new Set<FieldKey>();
  const carried: number[] = [];
  for (const {index, instruction} of members) {
    const made = await instruction.make(current, at);
    if (made.kind === 'refused') outcomes[index] = invalid(made.why);
    // Nothing to do: answered at the end with the data as it is then.
    if (made.kind === 'refused' || made.kind === 'unchanged' || (made.kind === 'delete' && !current)) continue;
    const after = made.kind === 'change' ? prepareRecord(made.thirdParty, at) : undefined;
    const step = checkStep(
      {before: current, after, actor: core.actor(), at, ...(made.kind === 'change' ? made.audit : {})},
      core.snapshot.database,
    );
    if (step.kind === 'invalid') {
      outcomes[index] = invalid(step.errors);
      continue;
    }
    current = step.after;
    audit.push(step.audit);
    if (made.kind === 'change') for (const field of made.audit?.reads ?? []) reads.add(field);
    carried.push(index);
  }
  const write = carried.length > 0 ? recordWrite(base, current, audit, [...reads]) : undefined;
  return write && {write, members: carried};
};

export const runInstructions = async (
  core: PipelineCore,
  instructions: readonly Instruction[],
  settings: Settings | undefined,
): Promise<SaveOutcome[]> => {
  const outcomes: (SaveOutcome | undefined)[] = instructions.map(() => undefined);
  // After a conflict: the version of the record as stored, to make its instructions on again.
  const stored = new Map<string, RecordBase | undefined>();
  let pending = instructions.map((_, index) => index);
  let pendingSettings = settings;
  for (let attempt = 1; attempt <= INSTRUCTION_ATTEMPTS && (pending.length > 0 || pendingSettings); attempt++) {
    const at = core.now();
    const byRecord = new Map<string, {index: number; instruction: Instruction}[]>();
    for (const index of pending) {
      const instruction = instructions[index]!;
      const members = byRecord.get(instruction.thirdPartyId) ?? [];
      members.push({index, instruction});
      byRecord.set(instruction.thirdPartyId, members);
    }
    const groups: Grouped[] = [];
    for (const [id, members] of byRecord) {
      const base = stored.has(id) ? stored.get(id) : core.baseOf(id);
      const group = await makeOne(core, base, members, at, outcomes);
      if (group) groups.push(group);
    }
    pending = [];
    if (groups.length === 0 && !pendingSettings) break;
    const committed = await core.commit(
      groups.map(group => group.write),
      pendingSettings,
    );
    pendingSettings = undefined;
    if (committed.kind === 'gone') {
      // Made again on what is there now (nothing: they refuse as for a deleted record).
      await core.reload();
      stored.clear();
      pending = groups.flatMap(group => group.members).sort((a, b) => a - b);
      continue;
    }
    const answers = outcomesOf(committed);
    for (const [position, {write, members}] of groups.entries()) {
      const record = committed.result.records[position]!;
      if (record.kind === 'conflict' && attempt < INSTRUCTION_ATTEMPTS) {
        const id = recordIdOf(write);
        stored.set(id, record.theirs && committed.result.snapshot.base(record.theirs.id));
        pending.push(...members);
      } else for (const index of members) outcomes[index] = answers[position];
    }
    pending.sort((a, b) => a - b);
  }
  // The data gone at the last attempt too: not written.
  for (const index of pending) outcomes[index] ??= invalid('Not saved: the data file was deleted (or moved away) at every attempt.');
  return outcomes.map(outcome => outcome ?? {kind: 'saved', database: core.snapshot.database, merged: []});
};
