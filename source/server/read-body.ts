/** A request body as text, refused past a small limit: a form with a client ID, a secret and a token is far below it. */
import type {IncomingMessage} from 'node:http';

export const BODY_LIMIT = 4096;

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes.`);
    this.name = 'BodyTooLargeError';
  }
}

/** Rejects with BodyTooLargeError as soon as the limit is passed (from Content-Length, or while reading). */
export const readBody = (req: IncomingMessage, limit = BODY_LIMIT): Promise<string> =>
  new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > limit) {
      reject(new BodyTooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
