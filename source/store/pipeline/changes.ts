/**
 * What differs between two versions of the data, per record: for a save's note of what it merged
 * ("Saved, merged with another console's changes to Acme Payments") and for a refresh's live
 * notices, each described by its audit entry ("Acme Payments: token issued by automatic
 * authorization").
 */
import {summaryOf, type AuditEntry, type Database, type RecordChange, type ThirdParty} from '../../domain/index.js';
import type {ChangeSeen} from '../last-change.js';
import {recordText} from '../record-text.js';

interface FoundChange {
  readonly id: string;
  readonly name: string;
  readonly kind: RecordChange['kind'];
  /** What the audit entry of this change must match (last-change.ts). */
  readonly seen: ChangeSeen;
}

/** The records that differ between `before` and `after`: those in `after` first, in its order, then the deleted ones. */
const foundChanges = (before: Database, after: Database): FoundChange[] => {
  const known = new Map<string, ThirdParty>(before.thirdParties.map(thirdParty => [thirdParty.id, thirdParty]));
  const found: FoundChange[] = [];
  const present = new Set<string>();
  for (const thirdParty of after.thirdParties) {
    present.add(thirdParty.id);
    const old = known.get(thirdParty.id);
    const seen = {updatedAt: thirdParty.updatedAt};
    if (!old) found.push({id: thirdParty.id, name: thirdParty.name, kind: 'added', seen});
    else if (old !== thirdParty && recordText(old) !== recordText(thirdParty))
      found.push({id: thirdParty.id, name: thirdParty.name, kind: 'changed', seen});
  }
  for (const [id, old] of known)
    if (!present.has(id)) found.push({id, name: old.name, kind: 'deleted', seen: {deletedAfter: old.updatedAt}});
  return found;
};

/** Names of the records another writer changed, added or removed between `before` and `after`, leaving out those this save wrote. */
export const mergedNames = (before: Database, after: Database, written: ReadonlySet<string>): string[] => {
  // Nobody else wrote (the usual save): the same records in the same places, but for this save's.
  const [old, now] = [before.thirdParties, after.thirdParties];
  if (old.length === now.length && now.every((record, index) => record === old[index] || written.has(record.id))) return [];
  return foundChanges(before, after).flatMap(change => (written.has(change.id) ? [] : [change.name]));
};

/** At most this many changed records are described from the audit log; more are counted only (a storm of 5,000). */
const DESCRIBED_CHANGES = 20;

/** The records that differ, each with what the audit log says of it. */
export const describedChanges = async (
  before: Database,
  after: Database,
  entryOf: (thirdPartyId: string, seen: ChangeSeen) => Promise<AuditEntry | undefined>,
): Promise<RecordChange[]> => {
  const changes: RecordChange[] = [];
  for (const [index, {seen, ...change}] of foundChanges(before, after).entries()) {
    const entry = index < DESCRIBED_CHANGES ? await entryOf(change.id, seen) : undefined;
    changes.push({...change, summary: summaryOf(change.name, change.kind, entry)});
  }
  return changes;
};
