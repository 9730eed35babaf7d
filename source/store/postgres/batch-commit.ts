/**
 * The server's group commit carries many writes of one kind: a token issued or revoked on a
 * record the server read at its current version. Those are written together, in a few
 * statements whatever their number (one UPDATE of the records still at their base version, then
 * their token rows: apply-fields.ts), instead of a few statements each; a record another writer
 * changed meanwhile is left to commitRecord's decision, one by one. Same rule, fewer round trips.
 */
import {sql, type Kysely} from 'kysely';
import type {RecordWrite} from '../engine.js';
import {tokenChanges, writeTokenChanges} from './apply-fields.js';
import {written, type RecordResult} from './commit-record.js';
import type {Tables} from './tables.js';

type Update = RecordWrite & {kind: 'update'};

/** Only token fields changed, on a base of known version. */
const isTokenWrite = (write: RecordWrite): write is Update =>
  write.kind === 'update' && write.base.version !== undefined && write.fields.every(field => field.startsWith('tokens['));

/** The results of the writes taken here, by their place in the commit; the others are left for commitRecord. */
export const commitTokenWrites = async (
  db: Kysely<Tables>,
  writes: readonly RecordWrite[],
  revision: number,
): Promise<Map<number, RecordResult>> => {
  const candidates = writes.flatMap((write, index) => (isTokenWrite(write) ? [{write, index}] : []));
  // One write alone is one statement in commitRecord already.
  if (candidates.length < 2) return new Map();
  const rows = candidates.map(
    ({write}) => sql`(${write.record.id}::text, ${Number(write.base.version)}::bigint, ${write.record.updatedAt}::timestamptz)`,
  );
  const {rows: matched} = await sql<{id: string}>`
    update third_parties t set updated_at = v.updated_at, version = ${revision}
    from (values ${sql.join(rows)}) as v(id, base, updated_at)
    where t.id = v.id and t.version = v.base
    returning t.id`.execute(db);
  const untouched = new Set(matched.map(row => row.id));
  const taken = candidates.filter(({write}) => untouched.has(write.record.id));
  await writeTokenChanges(
    db,
    taken.map(({write}) => tokenChanges(write)),
    revision,
  );
  return new Map(taken.map(({write, index}) => [index, written(write.record, revision, write.audit)]));
};
