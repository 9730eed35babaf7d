/**
 * Where the data is: the engine is chosen by the location alone (ARCHITECTURE.md, Data). A JSON
 * file (the default, `data/db.json`) or a PostgreSQL database (`postgres://…`,
 * `postgresql://…`). Every command, the console, `tpa serve` and `tpa doctor` take either.
 * No I/O here.
 */
import path from 'node:path';
import {isPostgresUrl, parsePostgresLocation, type PostgresLocation} from './postgres/postgres-location.js';

export {PostgresLocation} from './postgres/postgres-location.js';

/** The data file when neither --data nor TPA_DATA names one; both `tpa` and `tpa serve` use it. */
export const DEFAULT_DATA_FILE = path.join('data', 'db.json');

export interface FileLocation {
  readonly kind: 'file';
  /** Absolute. */
  readonly path: string;
}

export type DataLocation = FileLocation | PostgresLocation;

export type DataLocationResult = {readonly location: DataLocation} | {readonly message: string};

/**
 * `given` (`--data`), else `TPA_DATA`, else `data/db.json`: a postgres:// URL is a database,
 * anything else a file name relative to `cwd`.
 */
export const parseDataLocation = (given: string | undefined, env: NodeJS.ProcessEnv, cwd: string): DataLocationResult => {
  if (given !== undefined && given.trim() === '') return {message: '--data needs a file name or a postgres:// address.'};
  const chosen = given ?? (env['TPA_DATA'] || DEFAULT_DATA_FILE);
  if (isPostgresUrl(chosen)) return parsePostgresLocation(chosen, env);
  return {location: {kind: 'file', path: path.resolve(cwd, chosen)}};
};

/** What messages call the location: the file's path, or the database's address without its password. */
export const describeLocation = (location: DataLocation): string => (location.kind === 'file' ? location.path : location.display);
