/** Routes a request to its endpoint, and does for every attempt what every attempt needs: throttle, reply, log. */
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {AccessLog} from './access-log.js';
import type {LoadedData} from './data-watcher.js';
import type {FailureThrottle} from './failure-throttle.js';
import {introspect} from './introspect.js';
import type {Outcome} from './outcome.js';
import {ping} from './ping.js';
import {BodyTooLargeError, readBody} from './read-body.js';
import {errorReply, json, send, type Reply} from './respond.js';

export interface RequestContext {
  readonly data: () => LoadedData;
  readonly now: () => Date;
  readonly throttle: FailureThrottle;
  readonly accessLog: AccessLog;
  readonly bodyLimit: number;
  /** The authorization server's routes (discovery, authorize, token, revoke, admin): true when it answered. */
  readonly routes?: (req: IncomingMessage, res: ServerResponse, path: string) => boolean;
}

const NOT_FOUND = json(404, {error: 'not_found', error_description: 'Nothing here. Try POST /oauth/introspect or GET /v1/ping.'});
const notAllowed = (allow: string): Outcome => ({
  reply: errorReply(405, 'method_not_allowed', `Use ${allow}.`, {Allow: allow}),
  result: 'method_not_allowed',
  failure: false,
});

type Endpoint = 'introspect' | 'ping';

const pathOf = (url: string | undefined): string => {
  const path = url ?? '/';
  const query = path.indexOf('?');
  return query === -1 ? path : path.slice(0, query);
};

const firstHeader = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** Synchronous where no body is read, so that a ping costs no promise. */
const outcomeOf = (endpoint: Endpoint, req: IncomingMessage, context: RequestContext, now: Date): Outcome | Promise<Outcome> => {
  const authorization = req.headers.authorization;
  if (endpoint === 'ping') return req.method === 'GET' ? ping(authorization, context.data(), now) : notAllowed('GET');
  if (req.method !== 'POST') return notAllowed('POST');
  return introspectBody(req, context, now);
};

const introspectBody = async (req: IncomingMessage, context: RequestContext, now: Date): Promise<Outcome> => {
  const authorization = req.headers.authorization;
  let body: string;
  try {
    body = await readBody(req, context.bodyLimit);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    // The rest of the body is not read: the connection ends with the reply.
    return {reply: errorReply(413, 'invalid_request', error.message, {Connection: 'close'}), result: 'too_large', failure: true};
  }
  return introspect(authorization, firstHeader(req.headers['content-type']), body, context.data(), now);
};

export const createRequestHandler =
  (context: RequestContext) =>
  (req: IncomingMessage, res: ServerResponse): void => {
    const path = pathOf(req.url);
    const endpoint: Endpoint | undefined = path === '/oauth/introspect' ? 'introspect' : path === '/v1/ping' ? 'ping' : undefined;
    if (!endpoint) {
      if (context.routes?.(req, res, path)) return;
      if (path === '/healthz') send(res, req.method === 'GET' ? healthReply(context) : notAllowed('GET').reply);
      else send(res, NOT_FOUND);
      return;
    }
    const now = context.now();
    const remote = req.socket.remoteAddress ?? 'unknown';
    const retryAfter = context.throttle.retryAfter(remote, now.getTime());
    const pending: Promise<Outcome> | Outcome =
      retryAfter > 0
        ? {
            reply: errorReply(429, 'too_many_requests', `Too many failed attempts from this address; try again in ${retryAfter} s.`, {
              'Retry-After': String(retryAfter),
            }),
            result: 'throttled',
            failure: false,
          }
        : outcomeOf(endpoint, req, context, now);
    if (!(pending instanceof Promise)) {
      finish(context, res, endpoint, remote, now, pending);
      return;
    }
    pending.then(
      outcome => finish(context, res, endpoint, remote, now, outcome),
      () =>
        finish(context, res, endpoint, remote, now, {
          reply: errorReply(500, 'server_error', 'The server could not answer.'),
          result: 'invalid_request',
          failure: false,
        }),
    );
  };

const finish = (context: RequestContext, res: ServerResponse, endpoint: Endpoint, remote: string, now: Date, outcome: Outcome): void => {
  if (outcome.failure) context.throttle.failed(remote, now.getTime());
  else if (outcome.result === 'granted') context.throttle.succeeded(remote);
  send(res, outcome.reply);
  context.accessLog.write({
    time: now.toISOString(),
    remote,
    endpoint,
    status: outcome.reply.status,
    result: outcome.result,
    clientId: outcome.clientId ?? null,
    tokenId: outcome.tokenId ?? null,
  });
};

const healthReply = (context: RequestContext): Reply => json(200, {status: 'ok', revision: context.data().database.revision});
