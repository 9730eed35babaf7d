/**
 * What came in from another writer of the data file (the server, another console), as the
 * console's live notice says it: "Acme Payments: token issued by automatic authorization".
 */
import type {AuditEntry} from './audit.js';
import type {Database} from './types.js';

export interface RecordChange {
  readonly id: string;
  /** The name now, or the last one known for a deleted record. */
  readonly name: string;
  readonly kind: 'added' | 'changed' | 'deleted';
  /** "Acme Payments: token issued by automatic authorization". */
  readonly summary: string;
}

export interface Refreshed {
  readonly database: Database;
  /** Every record that differs from what the console knew, in file order (deleted ones last). */
  readonly changes: readonly RecordChange[];
}

/** What an audit entry says happened, in a few words: its events, else who did what. */
export const describeAuditEntry = (entry: AuditEntry): string => {
  const events = entry.changes.filter(change => change.field === 'event' && typeof change.new === 'string').map(change => change.new);
  if (events.length > 0) return events.join('; ');
  const verb = entry.action === 'create' ? 'added' : entry.action === 'delete' ? 'deleted' : entry.action === 'send' ? 'sent' : 'changed';
  return `${verb} by ${entry.actor}`;
};

export const summaryOf = (name: string, kind: RecordChange['kind'], entry: AuditEntry | undefined): string =>
  `${name}: ${entry ? describeAuditEntry(entry) : kind === 'added' ? 'added elsewhere' : kind === 'deleted' ? 'deleted elsewhere' : 'changed elsewhere'}`;
