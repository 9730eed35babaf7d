/**
 * The engine's per-record decision (engine.ts), in JavaScript: the file engine runs it under its
 * lock on the data as it is on disk; a database engine may decide the same in SQL. Each record
 * write is written, merged field by field with another writer's change, a conflict, or invalid
 * (a name another record has taken meanwhile); the others are decided on their own.
 */
import {
  changedFields,
  mergeFields,
  recordNameKey,
  validateThirdParty,
  hasErrors,
  type AuditEntry,
  type ChangedBy,
  type ThirdParty,
} from '../domain/index.js';
import {recordIdOf, type FieldMerge, type RecordOutcome, type RecordWrite} from './engine.js';
import type {ChangeSeen} from './last-change.js';

/** Who made the change seen in the stored record, as the audit log names them (last-change.ts). */
export type WhoChanged = (thirdPartyId: string, seen: ChangeSeen) => Promise<ChangedBy>;

export interface Decided {
  /** The records as they are to be stored, in their order (new ones last). */
  readonly thirdParties: ThirdParty[];
  readonly outcomes: readonly RecordOutcome[];
  /** The audit entries of the records written, in the commit's order. */
  readonly entries: readonly AuditEntry[];
  /** How many record writes changed something. */
  readonly written: number;
  /** No record was added or removed: every record is where it was in `current`. */
  readonly samePositions: boolean;
}

/** The names taken, kept up to date while a commit's records are decided (unique ignoring case, validation.ts). */
class Names {
  private readonly owners = new Map<string, string>();
  constructor(thirdParties: Iterable<ThirdParty>) {
    for (const thirdParty of thirdParties) this.owners.set(recordNameKey(thirdParty), thirdParty.id);
  }
  get index(): ReadonlyMap<string, string> {
    return this.owners;
  }
  replace(before: ThirdParty | undefined, after: ThirdParty | undefined): void {
    if (before && this.owners.get(recordNameKey(before)) === before.id) this.owners.delete(recordNameKey(before));
    if (after) this.owners.set(recordNameKey(after), after.id);
  }
}

const CHECKED: readonly string[] = ['name', 'callbackUrl'];

/** `known`: where each record of `current` is (the caller keeps it: a map of 5,000 is not built again each save). */
export const decideRecords = async (
  current: readonly ThirdParty[],
  writes: readonly RecordWrite[],
  whoChanged: WhoChanged,
  known: ReadonlyMap<string, number>,
): Promise<Decided> => {
  const list: (ThirdParty | undefined)[] = [...current];
  const positionsKnown = known;
  // Records added by this commit (the known positions are not changed).
  const added = new Map<string, number>();
  const positionOf = (id: string) => positionsKnown.get(id) ?? added.get(id);
  let samePositions = true;
  // Built only when a name or callback URL is written (the server's token writes never are).
  let names: Names | undefined;
  const namesNow = () => (names ??= new Names(list.filter(thirdParty => thirdParty !== undefined)));
  const outcomes: RecordOutcome[] = [];
  const entries: AuditEntry[] = [];
  let written = 0;

  const store = (id: string, record: ThirdParty | undefined, audit: readonly AuditEntry[]): ThirdParty | undefined => {
    const position = positionOf(id);
    names?.replace(position === undefined ? undefined : list[position], record);
    if (!record || position === undefined) samePositions = false;
    if (position === undefined) {
      added.set(id, list.length);
      list.push(record);
    } else list[position] = record;
    entries.push(...audit);
    written++;
    return record;
  };
  const invalidOf = (record: ThirdParty) => {
    const errors = validateThirdParty(record, namesNow().index);
    return hasErrors(errors) ? ({kind: 'invalid', errors} as const) : undefined;
  };

  for (const write of writes) {
    const id = recordIdOf(write);
    const position = positionOf(id);
    const stored = position === undefined ? undefined : list[position];
    if (write.kind === 'create') {
      if (stored) {
        outcomes.push({kind: 'conflict', theirs: stored, fields: [], changedBy: await whoChanged(id, {updatedAt: stored.updatedAt})});
        continue;
      }
      const invalid = invalidOf(write.record);
      if (invalid) outcomes.push(invalid);
      else outcomes.push({kind: 'written', record: store(id, write.record, write.audit)});
      continue;
    }
    const {base} = write;
    if (!stored) {
      // Deleting what another writer deleted too is no conflict: the result is the same.
      if (write.kind === 'delete') outcomes.push({kind: 'written', record: undefined});
      else
        outcomes.push({
          kind: 'conflict',
          theirs: undefined,
          fields: [],
          changedBy: await whoChanged(id, {deletedAfter: base.record.updatedAt}),
        });
      continue;
    }
    if (write.kind === 'delete') {
      const theirs = changedFields(base.record, stored);
      if (theirs.length > 0) {
        outcomes.push({kind: 'conflict', theirs: stored, fields: theirs, changedBy: await whoChanged(id, {updatedAt: stored.updatedAt})});
        continue;
      }
      store(id, undefined, write.audit);
      outcomes.push({kind: 'written', record: undefined});
      continue;
    }
    const merge = mergeFields({base: base.record, record: write.record, fields: write.fields, reads: write.reads}, stored);
    if (merge.kind === 'conflict') {
      outcomes.push({
        kind: 'conflict',
        theirs: stored,
        fields: merge.fields,
        changedBy: await whoChanged(id, {updatedAt: stored.updatedAt}),
      });
      continue;
    }
    const invalid = write.fields.some(field => CHECKED.includes(field)) ? invalidOf(merge.record) : undefined;
    if (invalid) {
      outcomes.push(invalid);
      continue;
    }
    const saved = store(id, merge.record, write.audit);
    const merged: FieldMerge | undefined =
      merge.theirs.length > 0 ? {fields: merge.theirs, changedBy: await whoChanged(id, {updatedAt: stored.updatedAt})} : undefined;
    outcomes.push({kind: 'written', record: saved, ...(merged ? {merged} : {})});
  }
  return {
    thirdParties: samePositions ? (list as ThirdParty[]) : list.filter(thirdParty => thirdParty !== undefined),
    outcomes,
    entries,
    written,
    samePositions,
  };
};
