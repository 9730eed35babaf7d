/** An engine's answer to a commit (engine.ts), as the pipeline's one answer to its callers: SaveOutcome. */
import {
  fieldLabels,
  type AuditAction,
  type AuditChange,
  type Database,
  type FieldErrors,
  type FieldKey,
  type SaveOutcome,
  type ThirdParty,
} from '../../domain/index.js';
import {recordIdOf, type CommitResult, type RecordOutcome, type RecordWrite} from '../engine.js';
import {mergedNames} from './changes.js';

/** What an instruction makes of the record as it is stored now. */
export type Made =
  | {
      readonly kind: 'change';
      readonly thirdParty: ThirdParty;
      readonly audit?: {
        /** Fields the change relies on without changing them (engine.ts `reads`). */
        readonly reads?: readonly FieldKey[];
        readonly action?: AuditAction;
        readonly extra?: readonly AuditChange[];
      };
    }
  | {readonly kind: 'delete'}
  /** Not done, and why ("the third party is not Enabled"). */
  | {readonly kind: 'refused'; readonly why: string}
  /** Nothing to change (enable an Enabled third party): nothing is written. */
  | {readonly kind: 'unchanged'};

export const invalid = (errors: FieldErrors | string): SaveOutcome =>
  typeof errors === 'string'
    ? {kind: 'invalid', errors: {}, message: errors}
    : {kind: 'invalid', errors, message: Object.values(errors).join(' ')};

/** The data this writer read is gone (engine.ts `gone`): a conflict the admin decides, nothing written. */
export const goneConflict = (mine: ThirdParty, at: Date): SaveOutcome => ({
  kind: 'conflict',
  conflict: {
    thirdPartyId: mine.id,
    mine,
    theirs: undefined,
    fields: [],
    changedBy: {actor: undefined, at, action: undefined},
    fileDeleted: true,
  },
});

/** What this writer tried to store: the record made, or the one it deleted. */
const mineOf = (write: RecordWrite): ThirdParty => (write.kind === 'delete' ? write.base.record : write.record);

export interface Committed {
  readonly kind: 'committed';
  /** The data before the commit, as this writer knew it. */
  readonly before: Database;
  readonly result: Extract<CommitResult, {kind: 'committed'}>;
  readonly writes: readonly RecordWrite[];
}

/** The outcome of each record write of a commit; a commit without records (settings) gets one. */
export const outcomesOf = ({before, result, writes}: Committed): SaveOutcome[] => {
  const written = new Set(writes.flatMap((write, index) => (result.records[index]?.kind === 'written' ? [recordIdOf(write)] : [])));
  const database = result.snapshot.database;
  const merged = written.size > 0 || writes.length === 0 ? mergedNames(before, database, written) : [];
  const one = (record: RecordOutcome | undefined, write: RecordWrite | undefined): SaveOutcome => {
    if (record === undefined || record.kind === 'written') {
      const mergedFields = record?.merged && {
        thirdPartyName: record.record?.name ?? '',
        fields: fieldLabels(record.merged.fields),
        changedBy: record.merged.changedBy,
      };
      const saved = {database, merged, ...(mergedFields ? {mergedFields} : {})};
      return result.auditProblem === undefined
        ? {kind: 'saved', ...saved}
        : {kind: 'savedAuditFailed', problem: `Saved, but the audit log could not be written (${result.auditProblem}).`, ...saved};
    }
    if (record.kind === 'invalid') return invalid(record.errors);
    return {
      kind: 'conflict',
      conflict: {
        thirdPartyId: recordIdOf(write!),
        mine: mineOf(write!),
        theirs: record.theirs,
        fields: fieldLabels(record.fields),
        changedBy: record.changedBy,
      },
    };
  };
  return writes.length === 0 ? [one(undefined, undefined)] : writes.map((write, index) => one(result.records[index], write));
};
