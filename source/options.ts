/** Command line and environment to options; no I/O, so that every case is a unit test. */
import path from 'node:path';
import {parseArgs} from 'node:util';
import {parseServeCommand, SERVE_USAGE, type ServeCommand} from './serve-options.js';
import {parseTestAuthorizationCommand, TEST_AUTHORIZATION_USAGE, type TestAuthorizationCommand} from './test-authorization-options.js';

export const DEFAULT_DATA_FILE = path.join('data', 'db.json');

export const USAGE = `tpa: set up the OAuth access of third parties to a Connect server

Usage
  tpa [--data FILE]        open the console on the data file
  tpa --demo               open the console on a throwaway copy of sample third parties
${SERVE_USAGE}
${TEST_AUTHORIZATION_USAGE}
  tpa doctor [--data FILE] check the data file and the files beside it; says how to fix
  tpa --help | --version

Options
  --data FILE   the data file (default: ${DEFAULT_DATA_FILE} under the working
                directory, or $TPA_DATA); created on the first save, mode 0600
  --demo        sample data in a new temporary folder; the real data file is not touched
  -h, --help    this text
  -v, --version the version

Keys: F1 in the console lists them all.`;

export type Command =
  | {readonly kind: 'help'}
  | {readonly kind: 'version'}
  | {readonly kind: 'console'; readonly dataFile: string; readonly demo: boolean}
  | ServeCommand
  | TestAuthorizationCommand
  | {readonly kind: 'doctor'; readonly dataFile: string}
  | {readonly kind: 'error'; readonly message: string};

export const parseCommand = (argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Command => {
  if (argv[0] === 'serve') return parseServeCommand(argv.slice(1), env, cwd);
  if (argv[0] === 'test-authorization') return parseTestAuthorizationCommand(argv.slice(1), env, cwd);
  let values;
  let positionals: string[];
  try {
    ({values, positionals} = parseArgs({
      args: [...argv],
      options: {
        data: {type: 'string'},
        demo: {type: 'boolean'},
        help: {type: 'boolean', short: 'h'},
        version: {type: 'boolean', short: 'v'},
      },
      strict: true,
      allowPositionals: true,
    }));
  } catch (error) {
    return {kind: 'error', message: `${error instanceof Error ? error.message : String(error)}\nRun tpa --help for the options.`};
  }
  const [subcommand, ...extra] = positionals;
  if (subcommand !== undefined && subcommand !== 'doctor')
    return {kind: 'error', message: `Unknown command "${subcommand}".\nRun tpa --help for the commands.`};
  if (extra.length > 0) return {kind: 'error', message: `Unexpected argument "${extra[0]}".\nRun tpa --help for the options.`};
  if (subcommand === 'doctor' && values.demo) return {kind: 'error', message: 'tpa doctor checks a data file: --demo does not apply.'};
  if (values.help) return {kind: 'help'};
  if (values.version) return {kind: 'version'};
  if (values.data !== undefined && values.data.trim() === '') return {kind: 'error', message: '--data needs a file name.'};
  const chosen = values.data ?? (env['TPA_DATA'] || DEFAULT_DATA_FILE);
  if (subcommand === 'doctor') return {kind: 'doctor', dataFile: path.resolve(cwd, chosen)};
  return {kind: 'console', dataFile: path.resolve(cwd, chosen), demo: values.demo ?? false};
};
