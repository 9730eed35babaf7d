/** Runs a parsed command and turns its failure into a message on stderr and an exit code. */
import {describeLocation} from '../store/data-location.js';
import type {CommandContext} from './context.js';
import {CliError, type ErrorCode} from './errors.js';
import {EXIT} from './exit-codes.js';
import {jsonText, terminalColumns, wantsColour, type Output} from './output.js';
import type {CliCommand} from './program.js';
import {asCliError} from './store-session.js';
import {envelope} from './views.js';

/** The error as stderr gets it: "tpa: message", or with --json one JSON document (schema: the "error" document). */
export const errorText = (
  command: string,
  error: {code: ErrorCode; message: string; candidates?: readonly string[]},
  json: boolean,
): string =>
  json
    ? jsonText(envelope(command, {error: {code: error.code, message: error.message, candidates: error.candidates ?? []}}))
    : `tpa: ${error.message}\n`;

export const runCliCommand = async (command: CliCommand, context: CommandContext): Promise<number> => {
  try {
    return await command.run(context);
  } catch (error) {
    const problem = asCliError(error, describeLocation(command.data));
    if (problem instanceof CliError) {
      context.output.writeError(errorText(command.name, problem, command.json));
      return problem.exitCode;
    }
    // A defect: the stack is for the bug report; it never holds a secret (values are not in messages).
    const message = problem instanceof Error ? (problem.stack ?? problem.message) : String(problem);
    context.output.writeError(errorText(command.name, {code: 'internal', message: `unexpected error: ${message}`}, command.json));
    return EXIT.internal;
  }
};

/** stdout and stderr of this process; a closed pipe (tpa list | head -1) ends the command quietly. */
export const processOutput = (): Output => {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
    throw error;
  });
  const isTTY = process.stdout.isTTY === true;
  return {
    write: text => {
      process.stdout.write(text);
    },
    writeError: text => {
      process.stderr.write(text);
    },
    columns: terminalColumns(isTTY, process.stdout.columns),
    colour: wantsColour(isTTY, process.env),
  };
};
