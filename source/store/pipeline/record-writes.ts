/**
 * The pipeline's first step: a change made into what an engine commits (engine.ts `RecordWrite`),
 * validated. The record is stored as the form means it (name trimmed, empty callback URL as null,
 * a stopped previous secret dropped), its save time set, checked field by field (validation.ts)
 * and against the schema, and its audit entry made from the version it was made on.
 */
import {
  auditEntry,
  changedFields,
  hasErrors,
  indexNames,
  normalizeCallbackUrl,
  validateThirdParty,
  withoutStoppedSecret,
  type AuditAction,
  type AuditChange,
  type AuditEntry,
  type Database,
  type FieldErrors,
  type FieldKey,
  type ThirdParty,
} from '../../domain/index.js';
import type {RecordBase, RecordWrite} from '../engine.js';
import {thirdPartySchema} from '../schema.js';

/** What the form holds, as it is stored: name trimmed, empty callback URL as null. */
export const normalizeThirdParty = (thirdParty: ThirdParty): ThirdParty => ({
  ...thirdParty,
  name: thirdParty.name.trim(),
  callbackUrl: normalizeCallbackUrl(thirdParty.callbackUrl),
});

/** A record as a save stores it, at `at`. */
export const prepareRecord = (thirdParty: ThirdParty, at: Date): ThirdParty => ({
  ...withoutStoppedSecret(normalizeThirdParty(thirdParty), at),
  updatedAt: at.toISOString(),
});

export interface RecordStep {
  /** The record before this step; undefined: a new record. */
  readonly before: ThirdParty | undefined;
  /** As prepared (prepareRecord); undefined: deleted. */
  readonly after: ThirdParty | undefined;
  readonly actor: string;
  readonly at: Date;
  /** "send" for a sheet sent; else create, update or delete, from before and after. */
  readonly action?: AuditAction;
  readonly extra?: readonly AuditChange[];
  /** Check every field rule, changed or not (an admin's edit: the form shows what to fix). */
  readonly checkAll?: boolean;
}

export type CheckedStep =
  | {readonly kind: 'step'; readonly after: ThirdParty | undefined; readonly audit: AuditEntry}
  | {readonly kind: 'invalid'; readonly errors: FieldErrors};

/**
 * One change to one record, checked, with its audit entry. Names and callback URLs are checked
 * when they are new or changed, or always with `checkAll` (a command or the server is not refused
 * for a rule a hand-edited record breaks elsewhere); uniqueness against `known`, and again by the
 * engine against what is stored.
 */
export const checkStep = (step: RecordStep, known: Database): CheckedStep => {
  const {before, after, actor, at, extra = []} = step;
  if (!after) {
    if (!before) throw new Error('A deletion needs the record it deletes.');
    return {kind: 'step', after: undefined, audit: auditEntry({action: 'delete', actor, time: at, before, after: undefined})};
  }
  const fields = before ? changedFields(before, after) : [];
  if (step.checkAll === true || !before || fields.includes('name') || fields.includes('callbackUrl')) {
    const errors = validateThirdParty(after, indexNames(known.thirdParties));
    if (hasErrors(errors)) return {kind: 'invalid', errors};
  }
  // Only the changed record is checked against the schema: the others were when they were read or saved.
  const checked = thirdPartySchema.parse(after) as ThirdParty;
  const action = step.action ?? (before ? 'update' : 'create');
  return {kind: 'step', after: checked, audit: auditEntry({action, actor, time: at, before, after: checked, extra})};
};

/** What an engine commits for one record: from its base to what the steps made of it, with every step's audit entry. */
export const recordWrite = (
  base: RecordBase | undefined,
  after: ThirdParty | undefined,
  audit: readonly AuditEntry[],
  reads: readonly FieldKey[] = [],
): RecordWrite | undefined => {
  if (!base) return after && {kind: 'create', record: after, audit};
  if (!after) return {kind: 'delete', base, audit};
  return {kind: 'update', base, record: after, fields: changedFields(base.record, after), reads, audit};
};
