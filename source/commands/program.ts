/**
 * The pieces every command definition shares: --data and --json, and how a parsed command line
 * becomes something cli.tsx can run. Parsing does no I/O; running does.
 */
import type {Command} from 'commander';
import type {CommandContext} from './context.js';
import {UsageError} from './errors.js';
import {DEFAULT_DATA_FILE, parseDataLocation, type DataLocation} from '../store/data-location.js';

export type Run = (context: CommandContext) => Promise<number>;

/** A parsed command-line command, ready to run on its data. */
export interface CliCommand {
  readonly kind: 'cli';
  /** "list", "token add", … */
  readonly name: string;
  readonly data: DataLocation;
  /** Errors go to stderr as JSON too. */
  readonly json: boolean;
  readonly run: Run;
}

/** Given by the parser: records the command that was chosen, with its data file. */
export type Accept = (command: Command, run: Run) => void;

export const DATA_HELP = `the data: a file (default: ${DEFAULT_DATA_FILE} under the working directory, or $TPA_DATA) or a PostgreSQL database, postgres://USER@HOST:PORT/DATABASE`;

export const withData = (command: Command): Command => command.option('--data <file|postgres://…>', DATA_HELP);
export const withJson = (command: Command): Command =>
  command.option('--json', 'print JSON for programs (see schemas/cli-output.schema.json)');

/** --data, else the one given before the command (tpa --data F list), else $TPA_DATA, else data/db.json (store/data-location.ts). */
export const dataLocationOf = (command: Command, env: NodeJS.ProcessEnv, cwd: string): DataLocation => {
  let root = command;
  while (root.parent) root = root.parent;
  const own = command.opts<{data?: string}>().data;
  const given = own ?? (root === command ? undefined : root.opts<{data?: string}>().data);
  const parsed = parseDataLocation(given, env, cwd);
  if ('message' in parsed) throw new UsageError(parsed.message);
  return parsed.location;
};

/** "token add" for the command `add` under `token`. */
export const fullName = (command: Command): string => {
  const names: string[] = [];
  for (let current: Command | null = command; current?.parent; current = current.parent) names.unshift(current.name());
  return names.join(' ');
};

/** The help of a command's <name> argument: an existing third party (shell completion offers the names). */
export const NAME_HELP = 'the third party name, or a part of it no other name has (case ignored), or its client ID';
