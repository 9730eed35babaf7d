/** What a command can fail with; each kind has its exit code and a stable code for `--json`. */
import {EXIT, type ExitCode} from './exit-codes.js';

export type ErrorCode = 'usage' | 'unknown-name' | 'ambiguous-name' | 'refused' | 'data-file' | 'internal';

export class CliError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode,
    readonly exitCode: ExitCode,
    /** Names a person may have meant (unknown or ambiguous names). */
    readonly candidates: readonly string[] = [],
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Wrong command line: unknown command or option, missing or extra argument, a malformed value. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 'usage', EXIT.usage);
    this.name = 'UsageError';
  }
}

/** No third party (or token) answers to the name; `candidates` are close ones. */
export class UnknownNameError extends CliError {
  constructor(message: string, candidates: readonly string[]) {
    super(message, 'unknown-name', EXIT.notFound, candidates);
    this.name = 'UnknownNameError';
  }
}

/** More than one third party (or token) answers to the name. */
export class AmbiguousNameError extends CliError {
  constructor(message: string, candidates: readonly string[]) {
    super(message, 'ambiguous-name', EXIT.notFound, candidates);
    this.name = 'AmbiguousNameError';
  }
}

/** The console's rules refuse the value, or the action is not possible now; nothing was written. */
export class RefusedError extends CliError {
  constructor(message: string) {
    super(message, 'refused', EXIT.refused);
    this.name = 'RefusedError';
  }
}

/** The data file or a file beside it cannot be read or written. */
export class DataFileProblem extends CliError {
  constructor(message: string) {
    super(message, 'data-file', EXIT.dataFile);
    this.name = 'DataFileProblem';
  }
}
