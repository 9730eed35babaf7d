/**
 * The access log beside the data file: one JSON line per attempt on the introspection and ping
 * endpoints. It names the client ID and the token's record id, never a secret or a token.
 */
import {createWriteStream, type WriteStream} from 'node:fs';
import {errorCode} from '../store/data-file-error.js';
import {DEFAULT_LOG_MAX, KEPT_LOGS, needsRotation, openLogSync, rotateLogSync} from '../store/rotating-log.js';

export type AccessResult =
  'granted' | 'waiting' | 'denied' | 'invalid_client' | 'invalid_request' | 'no_token' | 'throttled' | 'too_large' | 'method_not_allowed';

export interface AccessLogEntry {
  /** ISO 8601, UTC. */
  readonly time: string;
  readonly remote: string;
  /** The route's name (route.ts logAs): introspect, ping, … */
  readonly endpoint: string;
  readonly status: number;
  readonly result: AccessResult;
  readonly clientId: string | null;
  readonly tokenId: string | null;
}

export interface AccessLog {
  write(entry: AccessLogEntry): void;
  close(): Promise<void>;
}

export interface AccessLogOptions {
  /** Rotated past this many bytes (rotating-log.ts). */
  readonly maxBytes?: number;
  readonly kept?: number;
}

/** How long a line may wait in memory: "Last used" is a moment late at most, and a busy server writes ten times a second, not once per turn of the event loop. */
const FLUSH_MS = 100;
/** A burst larger than this goes to the stream at once. */
const FLUSH_BYTES = 64 * 1024;

/** A text as JSON: quoted as it is when nothing in it needs an escape (addresses, ids, ISO times), else JSON.stringify's. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f-\uffff]/;
const quoted = (text: string | null): string => (text === null ? 'null' : NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`);

/**
 * The entry as JSON.stringify(entry) writes it, fields in the same order (access-log.test.ts
 * compares them): built from its fields, it costs ~0.4 µs a request less than serialising the
 * object, a fifth of the handler's work beside the lookup (bench/introspection-cost.ts).
 */
export const accessLogLine = (entry: AccessLogEntry): string =>
  `{"time":${quoted(entry.time)},"remote":${quoted(entry.remote)},"endpoint":${quoted(entry.endpoint)},"status":${JSON.stringify(entry.status)},"result":${quoted(entry.result)},"clientId":${quoted(entry.clientId)},"tokenId":${quoted(entry.tokenId)}}`;

/**
 * Appends through one buffered stream: a request never waits for the disk. Lines gather for up
 * to FLUSH_MS and go to the stream together, in order. In a bare server one write per turn
 * cost about 7 µs a request and this about 1.5 µs; in tpa the difference is lost in the noise.
 * Each line is encoded into a buffer as it comes: a flush that measured and encoded one long
 * string of ~300 lines spent ~0.7 µs a request flattening it, twice (a profile of `tpa serve`).
 * When a flush would take the file past `maxBytes`, the file is rotated first (a few renames,
 * once per `maxBytes`) and a new one opened; the old stream finishes its writes into `log.1`.
 * Throws when the log cannot be opened (ELOOP: a link is at its path).
 */
export const openAccessLog = (file: string, onProblem: (message: string) => void, options: AccessLogOptions = {}): AccessLog => {
  const maxBytes = options.maxBytes ?? DEFAULT_LOG_MAX;
  const kept = options.kept ?? KEPT_LOGS;
  const first = openLogSync(file);
  let size = first.size;
  let broken = false;
  const streamOf = (fd: number): WriteStream => {
    const stream = createWriteStream('', {fd});
    stream.on('error', error => {
      if (!broken) onProblem(`cannot write the access log ${file} (${errorCode(error)}); requests are still answered`);
      broken = true;
    });
    return stream;
  };
  let stream = streamOf(first.fd);
  const rotate = () => {
    try {
      stream.end();
      rotateLogSync(file, kept);
      const next = openLogSync(file);
      stream = streamOf(next.fd);
      size = next.size;
    } catch (error) {
      if (!broken) onProblem(`cannot rotate the access log ${file} (${errorCode(error)}); requests are still answered`);
      broken = true;
    }
  };
  // The stream keeps a flushed buffer until it is written: each flush starts a new one.
  let pending = Buffer.allocUnsafe(FLUSH_BYTES);
  let used = 0;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (used > 0 && !broken) {
      if (needsRotation(size, used, maxBytes)) rotate();
      if (!broken) {
        stream.write(pending.subarray(0, used));
        size += used;
        pending = Buffer.allocUnsafe(FLUSH_BYTES);
      }
    }
    used = 0;
  };
  return {
    write: entry => {
      if (broken) return;
      const line = `${accessLogLine(entry)}\n`;
      // At most 3 bytes of UTF-8 for each UTF-16 unit: a line that might not fit waits for the next buffer.
      if (used + line.length * 3 > FLUSH_BYTES) {
        flush();
        // A line longer than the whole buffer (it cannot be, its fields are bounded) gets a buffer of its own.
        if (line.length * 3 > FLUSH_BYTES) pending = Buffer.allocUnsafe(line.length * 3);
      }
      used += pending.write(line, used);
      timer ??= setTimeout(flush, FLUSH_MS).unref();
    },
    close: () =>
      new Promise(resolve => {
        flush();
        stream.end(resolve);
      }),
  };
};
