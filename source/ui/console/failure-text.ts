/**
 * A thrown failure in a few words, for the status line or a dialog. Thrown means the storage or
 * the system failed (a save's outcomes are values: domain/save-outcome.ts): an error of the
 * system says its code and the file (EACCES (/home/alice/acme.txt)), the store's errors
 * (DataFileError, SaveLockLostError) their whole message, which names the file.
 */
export const failureText = (error: unknown): string => {
  const {code, path} = (error ?? {}) as Partial<NodeJS.ErrnoException>;
  if (typeof code === 'string') return typeof path === 'string' ? `${code} (${path})` : code;
  return error instanceof Error ? error.message : String(error);
};
