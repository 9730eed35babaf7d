/**
 * The database went away under a request (tpa serve on PostgreSQL): nothing was done, and the
 * client may simply try again once it is back. One answer for every route: 503 with Retry-After
 * and the OAuth error `temporarily_unavailable` (RFC 6749 §4.1.2.1, §5.2 as JSON); the
 * authorization endpoint sends the same error in its redirect. Anything else a route throws is a
 * 500 server_error.
 */
import {isConnectionLost} from '../store/postgres/postgres-error.js';
import type {Outcome} from './outcome.js';
import {errorReply} from './respond.js';

/** Seconds the client is asked to wait: the servers reconnect within a few (listener.ts backoff). */
const RETRY_AFTER_SECONDS = 5;

/** True when `error` (or the error a library wrapped in it, `inner`) says the database cannot be reached now. */
export const dataUnavailable = (error: unknown): boolean =>
  isConnectionLost(error) || isConnectionLost((error as {inner?: unknown} | undefined)?.inner);

export const UNAVAILABLE_DESCRIPTION = 'The server cannot reach its database now; nothing was done. Try again in a few seconds.';

export const DATA_UNAVAILABLE: Outcome = {
  reply: errorReply(503, 'temporarily_unavailable', UNAVAILABLE_DESCRIPTION, {
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    'Retry-After': String(RETRY_AFTER_SECONDS),
  }),
  result: 'invalid_request',
};
