/**
 * `tpa copy --from LOCATION --to LOCATION`: everything one engine holds (records, settings,
 * revision, the whole audit log, Last used) into the other, then read back from the target and
 * compared with what was read from the source, record by record and entry by entry. The target
 * must be new: a file that does not exist yet, or a migrated database with no data (the copy is
 * one transaction there). The source is only read.
 */
import {describeLocation, type DataLocation} from '../data-location.js';
import {DataFileError} from '../data-file-error.js';
import {connectPostgres, type PostgresConnection} from '../postgres/connect.js';
import type {PostgresLocation} from '../postgres/postgres-location.js';
import {assertSchemaCurrent} from '../postgres/schema-version.js';
import {countsOf, firstDifference, type Counts, type DataSet} from './data-set.js';
import {readFileDataSet, writeFileDataSet} from './file-data-set.js';
import {readPostgresDataSet, writePostgresDataSet} from './postgres-data-set.js';

/** The target was written, but does not read back as the source: it must not be used. */
export class CopyDiffersError extends DataFileError {
  constructor(target: string, problem: string) {
    super(target, problem);
    this.name = 'CopyDiffersError';
  }
}

export interface CopyReport {
  readonly source: Counts;
  /** As read back from the target. */
  readonly target: Counts;
  /** Audit log lines that were not entries, left behind. */
  readonly skipped: number;
}

const withDatabase = async <T>(location: PostgresLocation, work: (connection: PostgresConnection) => Promise<T>): Promise<T> => {
  const connection = await connectPostgres(location, {applicationName: 'tpa copy', poolSize: 1});
  try {
    await assertSchemaCurrent(connection);
    return await work(connection);
  } finally {
    await connection.close();
  }
};

const read = async (location: DataLocation): Promise<DataSet & {readonly skipped: number}> =>
  location.kind === 'file' ? readFileDataSet(location.path) : {...(await withDatabase(location, readPostgresDataSet)), skipped: 0};

export const copyData = async (from: DataLocation, to: DataLocation): Promise<CopyReport> => {
  if (describeLocation(from) === describeLocation(to))
    throw new DataFileError(describeLocation(to), 'is the source itself: copy to another place');
  const source = await read(from);
  if (to.kind === 'file') await writeFileDataSet(to.path, source);
  else await withDatabase(to, connection => writePostgresDataSet(connection, source));
  const target = await read(to);
  const difference = firstDifference(source, target);
  if (difference)
    throw new CopyDiffersError(
      describeLocation(to),
      `was written, but reading it back does not give what was read from ${describeLocation(from)} (${difference}); do not use it`,
    );
  return {source: countsOf(source), target: countsOf(target), skipped: source.skipped};
};
