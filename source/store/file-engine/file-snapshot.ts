/** The file engine's snapshots (engine.ts): the data as read or written, the file's fingerprint, records versioned by `updatedAt`. */
import type {Database} from '../../domain/index.js';
import type {RecordBase, Snapshot} from '../engine.js';
import {recordText} from '../record-text.js';

const positions = new WeakMap<Database, ReadonlyMap<string, number>>();

/** Where each record of the data is, worked out once per data object (a server's save at 5,000 looks up 50). */
export const positionsOf = (database: Database): ReadonlyMap<string, number> => {
  let found = positions.get(database);
  if (!found) {
    found = new Map(database.thirdParties.map((record, index) => [record.id, index]));
    positions.set(database, found);
  }
  return found;
};

/** `samePositionsAs`: data whose records are in the same places (a save that added and removed none): its positions serve. */
export const fileSnapshot = (database: Database, fingerprint: string | undefined, samePositionsAs?: Database): Snapshot => {
  if (samePositionsAs && !positions.has(database)) positions.set(database, positionsOf(samePositionsAs));
  return {
    database,
    mark: fingerprint,
    base: (id: string): RecordBase | undefined => {
      const index = positionsOf(database).get(id);
      const record = index === undefined ? undefined : database.thirdParties[index];
      // A save sets updatedAt: within one file, a record's save time names its version.
      return record && {record, version: record.updatedAt};
    },
  };
};

/**
 * The records of `read` that equal one of `known`'s, as `known`'s objects: what the console's
 * per-record caches and the server's incremental access index key on. The adapter already gives
 * back the records it read before as the same objects; this covers those it read since (another
 * save's read) while the caller kept its own.
 */
export const withKnownObjects = (known: Database, read: Database): Database => {
  const byId = new Map(known.thirdParties.map(record => [record.id, record]));
  let replaced = false;
  const thirdParties = read.thirdParties.map(record => {
    const mine = byId.get(record.id);
    if (!mine || mine === record || recordText(mine) !== recordText(record)) return record;
    replaced = true;
    return mine;
  });
  return replaced ? {...read, thirdParties} : read;
};
