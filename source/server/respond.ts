/** Every answer of the server is JSON unless a route says otherwise; never to be cached (RFC 6749 §5.1, RFC 7662 §2.2). */
import type {ServerResponse} from 'node:http';

export type Headers = Readonly<Record<string, string>>;

export interface Reply {
  readonly status: number;
  /** Already serialised: the fixed answers are serialised once, not per request. */
  readonly body: string;
  /** Added to (and may replace) the usual ones, Content-Type included. */
  readonly headers?: Headers;
}

export const json = (status: number, body: unknown, headers?: Headers): Reply => ({
  status,
  body: JSON.stringify(body),
  ...(headers ? {headers} : {}),
});

const JSON_TYPE = 'application/json; charset=utf-8';

/** `close`: the request's body was not read to its end, so the connection cannot carry another request. */
export const send = (res: ServerResponse, reply: Reply, close = false): void => {
  // Built without spreads: this runs on every request, and spreads cost ~1 µs of a ~20 µs
  // introspection (bench/introspection-cost.ts). Pragma is for HTTP/1.0 caches (RFC 6749 §5.1).
  const headers: Record<string, string | number> =
    reply.body === ''
      ? // No body, no body type: a client that parses every JSON answer fails on an empty one (a revocation's 200).
        {'Content-Length': 0, 'Cache-Control': 'no-store', Pragma: 'no-cache'}
      : {'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(reply.body), 'Cache-Control': 'no-store', Pragma: 'no-cache'};
  // A reply's own headers are added and may replace these (in their place, as a spread did).
  if (reply.headers) Object.assign(headers, reply.headers);
  if (close) headers['Connection'] = 'close';
  res.writeHead(reply.status, headers);
  // For HEAD, node:http sends the headers (Content-Length included) and drops the body.
  res.end(reply.body);
};

export const errorReply = (status: number, error: string, description: string, headers?: Headers): Reply =>
  json(status, {error, error_description: description}, headers);
