/**
 * The PostgreSQL engine's Snapshot (engine.ts): the data as one writer last read or wrote it,
 * with each record's version (the revision of the save that last changed it), the store it came
 * from, and `seen`: every change up to that revision is in it. What changed since is what has a
 * higher version (read-snapshot.ts).
 */
import type {Database, ThirdParty} from '../../domain/index.js';
import type {RecordBase, Snapshot} from '../engine.js';
import type {StoredRecord} from './read-records.js';

export class PostgresSnapshot implements Snapshot {
  private readonly byId: Map<string, ThirdParty>;

  constructor(
    readonly database: Database,
    /** The database's store id (data_revision.store_id): another one means the database was made again. */
    readonly storeId: string,
    /** Every save up to this revision is in this snapshot. */
    readonly seen: number,
    /** Record id → version. */
    readonly versions: ReadonlyMap<string, number>,
  ) {
    this.byId = new Map(database.thirdParties.map(thirdParty => [thirdParty.id, thirdParty]));
  }

  get mark(): string {
    return `${this.storeId}:${this.seen}`;
  }

  base(id: string): RecordBase | undefined {
    const record = this.byId.get(id);
    const version = this.versions.get(id);
    return record && version !== undefined ? {record, version: String(version)} : undefined;
  }
}

/**
 * The known snapshot's records with `changed` in their places (new ones last) and `deleted` gone,
 * and the versions to match: a writer's snapshot after its commit, or after reading what changed.
 */
export const withChangedRecords = (
  known: PostgresSnapshot,
  changed: readonly StoredRecord[],
  deleted: ReadonlySet<string>,
): {thirdParties: ThirdParty[]; versions: Map<string, number>} => {
  const versions = new Map(known.versions);
  const byId = new Map(changed.map(stored => [stored.record.id, stored]));
  const thirdParties: ThirdParty[] = [];
  for (const record of known.database.thirdParties) {
    if (deleted.has(record.id)) {
      versions.delete(record.id);
      continue;
    }
    const fresh = byId.get(record.id);
    thirdParties.push(fresh ? fresh.record : record);
    if (fresh) {
      versions.set(record.id, fresh.version);
      byId.delete(record.id);
    }
  }
  for (const {record, version} of byId.values()) {
    thirdParties.push(record);
    versions.set(record.id, version);
  }
  return {thirdParties, versions};
};
