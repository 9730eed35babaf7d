/** Every answer of the server is JSON; not to be cached (RFC 6749 §5.1, RFC 7662 §2.2). */
import type {ServerResponse} from 'node:http';

export type Headers = Readonly<Record<string, string>>;

export interface Reply {
  readonly status: number;
  /** Already serialised: the fixed answers are serialised once, not per request. */
  readonly body: string;
  readonly headers?: Headers;
}

export const json = (status: number, body: unknown, headers?: Headers): Reply => ({
  status,
  body: JSON.stringify(body),
  ...(headers ? {headers} : {}),
});

export const send = (res: ServerResponse, reply: Reply): void => {
  res.writeHead(reply.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(reply.body),
    'Cache-Control': 'no-store',
    ...reply.headers,
  });
  res.end(reply.body);
};

export const errorReply = (status: number, error: string, description: string, headers?: Headers): Reply =>
  json(status, {error, error_description: description}, headers);
