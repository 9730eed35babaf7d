/** An I/O error's code (ENOENT, ELOOP…), else its message: what a report names, never a path's contents. */
export const errorCode = (error: unknown): string =>
  (error as NodeJS.ErrnoException | undefined)?.code ?? (error instanceof Error ? error.message : String(error));

/** A data file that cannot be used: the message names the file and the problem, never a secret. */
export class DataFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'DataFileError';
  }
}
