/** A request body as text, refused past a small limit: a form with a client ID, a secret and a token is far below it. */
import type {IncomingMessage} from 'node:http';

export const BODY_LIMIT = 4096;

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes.`);
    this.name = 'BodyTooLargeError';
  }
}

/** Whether the request carries a body at all (RFC 9112 §6.3): a Transfer-Encoding, or a Content-Length other than 0. */
export const hasBody = (req: IncomingMessage): boolean => {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
};

/** Whether the declared Content-Length alone is over the limit: refused before a byte of the body is read. */
export const declaredTooLarge = (req: IncomingMessage, limit: number): boolean => Number(req.headers['content-length']) > limit;

/**
 * Calls `done` with the body, or `failed` with BodyTooLargeError as soon as the limit is passed
 * (from Content-Length, or while reading). Callbacks rather than a promise: the server reads
 * every request's body this way, and the promise with its `once` listeners cost ~1.5 µs of CPU a
 * request (bench/README.md, introspection).
 */
export const readBodyThen = (req: IncomingMessage, limit: number, done: (body: string) => void, failed: (error: unknown) => void): void => {
  if (declaredTooLarge(req, limit)) {
    failed(new BodyTooLargeError(limit));
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) {
      req.off('data', onData);
      // No more is read: the reply closes the connection (send's `close`).
      req.pause();
      settled = true;
      failed(new BodyTooLargeError(limit));
      return;
    }
    chunks.push(chunk);
  };
  req.on('data', onData);
  req.on('end', () => {
    if (settled) return;
    settled = true;
    done(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'));
  });
  req.on('error', error => {
    if (settled) return;
    settled = true;
    failed(error);
  });
};

/** The same as a promise (the admin channel). */
export const readBody = (req: IncomingMessage, limit = BODY_LIMIT): Promise<string> =>
  new Promise((resolve, reject) => readBodyThen(req, limit, resolve, reject));
