/**
 * The access log beside the data file: one JSON line per attempt on the introspection and ping
 * endpoints. It names the client ID and the token's record id, never a secret or a token.
 */
import {chmodSync, closeSync, createWriteStream, openSync} from 'node:fs';

export type AccessResult =
  | 'granted'
  | 'denied'
  | 'invalid_client'
  | 'invalid_request'
  | 'no_token'
  | 'throttled'
  | 'too_large'
  | 'method_not_allowed';

export interface AccessLogEntry {
  /** ISO 8601, UTC. */
  readonly time: string;
  readonly remote: string;
  readonly endpoint: 'introspect' | 'ping';
  readonly status: number;
  readonly result: AccessResult;
  readonly clientId: string | null;
  readonly tokenId: string | null;
}

export interface AccessLog {
  write(entry: AccessLogEntry): void;
  close(): Promise<void>;
}

const FILE_MODE = 0o600;

/**
 * Appends through one buffered stream: a request never waits for the disk. The lines of the
 * requests answered in one turn of the event loop go to the stream together, in order: one
 * write instead of one per request.
 */
export const openAccessLog = (file: string, onProblem: (message: string) => void): AccessLog => {
  // Created 0600; one that exists with wider permissions is narrowed, it names who called when.
  closeSync(openSync(file, 'a', FILE_MODE));
  chmodSync(file, FILE_MODE);
  const stream = createWriteStream(file, {flags: 'a', mode: FILE_MODE});
  let broken = false;
  stream.on('error', error => {
    if (!broken) onProblem(`cannot write the access log ${file} (${(error as NodeJS.ErrnoException).code ?? error.message}); requests are still answered`);
    broken = true;
  });
  let pending = '';
  const flush = () => {
    if (pending !== '' && !broken) stream.write(pending);
    pending = '';
  };
  return {
    write: entry => {
      if (broken) return;
      if (pending === '') setImmediate(flush);
      pending += `${JSON.stringify(entry)}\n`;
    },
    close: () =>
      new Promise(resolve => {
        flush();
        stream.end(resolve);
      }),
  };
};
