/**
 * The save pipeline on whichever engine the location names (ARCHITECTURE.md, Data): the file
 * engine for a data file, the PostgreSQL engine for a postgres:// address. And where a location
 * keeps what belongs to this machine rather than to the data (the console's recovery file and
 * "keep mine" copies, the server's access log and server file): beside the data file; for a
 * database, in a folder of the user's own (`$XDG_STATE_HOME/tpa/…`, else `~/.local/state/tpa/…`),
 * named after the database.
 */
import {homedir} from 'node:os';
import path from 'node:path';
import type {Environment} from '../domain/index.js';
import type {DataLocation} from './data-location.js';
import type {Engine} from './engine.js';
import {openFileEngine} from './file-engine/file-engine.js';
import {createSavePipeline, type SavePipeline} from './pipeline/save-pipeline.js';
import type {PostgresEngineOptions} from './postgres/postgres-engine.js';

export interface PipelineOpenOptions {
  /**
   * "user@host", written into the audit log with each change; a function is called at the first
   * change, once (the user's name can take a directory service's time: not before the first frame).
   */
  readonly actor?: string | (() => string);
  /** Bursts of changes within this are one call of a watch. */
  readonly debounceMs?: number;
  /** Shown in the database's pg_stat_activity. */
  readonly applicationName?: string;
  /** The database connection was lost (said once; password removed). */
  readonly onProblem?: PostgresEngineOptions['onProblem'];
  readonly onConnection?: PostgresEngineOptions['onConnection'];
}

/**
 * The engine the location names; the database's is connected and its schema checked. The
 * PostgreSQL engine is loaded only for a database (database.ts says why).
 */
export const openEngine = async (location: DataLocation, options: PipelineOpenOptions = {}): Promise<Engine> => {
  const debounce = options.debounceMs === undefined ? {} : {debounceMs: options.debounceMs};
  if (location.kind === 'file') return openFileEngine(location.path, debounce);
  const {openPostgresEngine} = await import('./postgres/postgres-engine.js');
  return openPostgresEngine(location, {
    applicationName: options.applicationName ?? 'tpa',
    ...(options.onProblem ? {onProblem: options.onProblem} : {}),
    ...(options.onConnection ? {onConnection: options.onConnection} : {}),
    ...debounce,
  });
};

/** Throws DataFileError (a PostgresUnavailableError or SchemaVersionError for a database) when the data cannot be used. */
export const openPipeline = async (
  location: DataLocation,
  env: Pick<Environment, 'now'>,
  options: PipelineOpenOptions = {},
): Promise<SavePipeline> => {
  const engine = await openEngine(location, options);
  try {
    const {actor} = options;
    return createSavePipeline(engine, await engine.read(), {
      actor: () => (typeof actor === 'function' ? actor() : (actor ?? 'unknown')),
      now: env.now,
    });
  } catch (error) {
    await engine.close();
    throw error;
  }
};

/** The user's folder for tpa's machine-local files: $XDG_STATE_HOME/tpa, else ~/.local/state/tpa. */
export const stateFolder = (env: NodeJS.ProcessEnv): string =>
  path.join(env['XDG_STATE_HOME'] || path.join(env['HOME'] || homedir(), '.local', 'state'), 'tpa');

/**
 * The path whose neighbours hold this location's machine-local files (data-file-paths.ts names
 * them): the data file itself, or for a database `<state folder>/<host>-<port>-<database>/db.json`
 * (never written itself; only its neighbours are).
 */
export const localFileOf = (location: DataLocation, folder: string): string => {
  if (location.kind === 'file') return location.path;
  const {host, port, database} = location.target;
  const name = `${host}-${port}-${database}`.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);
  return path.join(folder, name, 'db.json');
};
