/**
 * The PostgreSQL engine's Snapshot (engine.ts): the data as one writer last read or wrote it,
 * with each record's version (the revision of the save that last changed it), the store it came
 * from, and `seen`: every change up to that revision is in it. What changed since is what has a
 * higher version (read-snapshot.ts).
 */
import type {Database, ThirdParty} from '../../domain/index.js';
import type {RecordBase, Snapshot} from '../engine.js';

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
