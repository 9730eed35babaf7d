/** Everything `tpa copy` moves between engines, and what it counts on each side to verify the copy. */
import type {AuditEntry, Database} from '../../domain/index.js';
import {ISO_TIME} from '../schema.js';

export interface DataSet {
  /** Records (in the list's order), settings, revision. */
  readonly database: Database;
  /** The whole audit log, oldest first. */
  readonly audit: readonly AuditEntry[];
  /** Token id → ISO time of its last grant. */
  readonly lastUsed: ReadonlyMap<string, string>;
}

export interface Counts {
  readonly thirdParties: number;
  readonly tokens: number;
  readonly auditEntries: number;
  readonly lastUsed: number;
  readonly settings: number;
}

export const countsOf = (data: DataSet): Counts => ({
  thirdParties: data.database.thirdParties.length,
  tokens: data.database.thirdParties.reduce((sum, thirdParty) => sum + thirdParty.tokens.length, 0),
  auditEntries: data.audit.length,
  lastUsed: data.lastUsed.size,
  settings: Object.values(data.database.settings ?? {}).filter(value => value !== undefined).length,
});

const counted = (count: number, one: string, more: string): string => `${count} ${count === 1 ? one : more}`;

export const describeCounts = (counts: Counts): string =>
  [
    counted(counts.thirdParties, 'third party', 'third parties'),
    counted(counts.tokens, 'token', 'tokens'),
    counted(counts.auditEntries, 'audit entry', 'audit entries'),
    `${counts.lastUsed} Last used`,
    counted(counts.settings, 'setting', 'settings'),
  ].join(', ');

/**
 * A value as compared across engines: keys sorted, times as instants (a file may say
 * 10:00:00+02:00 where the database gives back 08:00:00.000Z: the same time).
 */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (key, item: unknown) => {
    // No previous secret, whether absent or null (a database row has no way to tell them apart; the domain treats them alike).
    if (key === 'previousClientSecret' && item === null) return undefined;
    if (typeof item === 'string' && ISO_TIME.test(item)) return new Date(item).toISOString();
    if (item && typeof item === 'object' && !Array.isArray(item))
      return Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)));
    return item;
  });

/** The first difference between what was read from the source and what the target holds now; undefined when they are the same. */
export const firstDifference = (source: DataSet, target: DataSet): string | undefined => {
  const a = countsOf(source);
  const b = countsOf(target);
  for (const key of Object.keys(a) as Array<keyof Counts>) if (a[key] !== b[key]) return `${key}: ${a[key]} read, ${b[key]} in the target`;
  if (source.database.revision !== target.database.revision) return 'the revision differs';
  if (canonical(source.database.settings ?? {}) !== canonical(target.database.settings ?? {})) return 'the settings differ';
  const records = target.database.thirdParties;
  for (const [index, record] of source.database.thirdParties.entries()) {
    if (canonical(records[index]) !== canonical(record)) return `the third party "${record.name}" differs`;
  }
  for (const [index, entry] of source.audit.entries())
    if (canonical(target.audit[index]) !== canonical(entry)) return `audit entry ${index + 1} differs`;
  for (const [tokenId, time] of source.lastUsed)
    if (canonical(target.lastUsed.get(tokenId)) !== canonical(time)) return `Last used of the token ${tokenId.slice(0, 40)} differs`;
  return undefined;
};
