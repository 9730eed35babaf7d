/**
 * Every request, whatever its route: find the route (origin or absolute form), refuse what no
 * route should see (a second Authorization header, a body over the limit, announced or sent),
 * answer Expect: 100-continue only when the body will be read, read the body, let the route read
 * who the request proves to be, let the throttle decide, and only then let the route work; reply
 * and log. A reply sent before the body was read closes the connection, so that no route ever
 * reads (or lets node:http drain) more than the limit.
 */
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {AccessLog} from './access-log.js';
import {clientAddressOf} from './client-address.js';
import type {LoadedData} from './data-watcher.js';
import type {LastUsedIndex} from './last-used-index.js';
import type {Authentication, FailureThrottle} from './failure-throttle.js';
import type {Outcome} from './outcome.js';
import {BodyTooLargeError, declaredTooLarge, hasBody, readBodyThen} from './read-body.js';
import {pathOf, queryOf} from './request-target.js';
import {errorReply, send} from './respond.js';
import {allowOf, routeOf, type Method, type Prepared, type Route, type RouteTable} from './route.js';
import {DATA_UNAVAILABLE, dataUnavailable} from './unavailable.js';

export interface RequestContext {
  readonly routes: RouteTable;
  readonly data: () => LoadedData;
  readonly now: () => Date;
  readonly throttle: FailureThrottle;
  readonly accessLog: AccessLog;
  readonly lastUsed?: LastUsedIndex;
  readonly bodyLimit: number;
  /** The reverse proxy whose X-Forwarded-For is believed (client-address.ts). */
  readonly trustProxy?: string | undefined;
  /**
   * Routes that answer on the response themselves (the authorization page that waits for an
   * approval, the consoles' event stream): called for a path the table does not have, after the
   * checks every request gets; true when it answered. A GET or HEAD with a body never reaches it.
   */
  readonly streamingRoutes?: (req: IncomingMessage, res: ServerResponse, path: string, remote: string) => boolean;
  /** The access log's name of a streaming path, so that a request refused before it reached the route is logged too. */
  readonly streamingLogAs?: (path: string) => string | undefined;
}

const refused = (
  status: number,
  error: string,
  description: string,
  result: Outcome['result'],
  headers?: Record<string, string>,
): Outcome => ({
  reply: errorReply(status, error, description, headers),
  result,
});

const TWO_AUTHORIZATIONS = refused(400, 'invalid_request', 'Send one Authorization header, not several.', 'invalid_request');
const BODY_ON_GET = refused(400, 'invalid_request', 'A GET request carries no body.', 'invalid_request');
const SERVER_ERROR = refused(500, 'server_error', 'The server could not answer.', 'invalid_request');
const tooLarge = (limit: number) => refused(413, 'invalid_request', new BodyTooLargeError(limit).message, 'too_large');
/** The throttle refused the request (failure-throttle.ts): its route did not run. */
const throttled = (retryAfter: number, authentication: Authentication): Outcome => ({
  ...refused(429, 'too_many_requests', `Too many failed attempts; try again in ${retryAfter} s.`, 'throttled', {
    'Retry-After': String(retryAfter),
  }),
  clientId: authentication.kind === 'failed' ? authentication.clientId : null,
});

/** node:http keeps only the first of several Authorization headers in `req.headers`; the raw list has them all. */
const authorizationCount = (raw: readonly string[]): number => {
  let count = 0;
  for (let index = 0; index < raw.length; index += 2)
    if (raw[index]!.length === 13 && raw[index]!.toLowerCase() === 'authorization') count++;
  return count;
};

const methodOf = (req: IncomingMessage): Method | undefined => {
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  return method === 'GET' || method === 'POST' ? method : undefined;
};

/**
 * The access log's time of a request, ISO 8601: one Date#toISOString a millisecond, not one a
 * request (~0.25 µs of each at 50,000 requests a second; a profile of `tpa serve`).
 */
const isoTimes = () => {
  let millisecond = Number.NaN;
  let text = '';
  return (now: Date): string => {
    const time = now.getTime();
    if (time !== millisecond) {
      millisecond = time;
      text = now.toISOString();
    }
    return text;
  };
};

export const createRequestHandler = (context: RequestContext) => {
  const isoTime = isoTimes();
  const paths = [...context.routes.values()].filter(route => route.logAs).map(route => `${route.methods[0]} ${route.path}`);
  const notFound = refused(404, 'not_found', `Nothing here. Try ${paths.join(' or ')}.`, 'invalid_request');
  const tooLargeBody = tooLarge(context.bodyLimit);

  /** What no route sees, checked before the body is read: two Authorization headers, a Content-Length over the limit. */
  const refusedBeforeBody = (req: IncomingMessage, withBody: boolean): {outcome: Outcome; close: boolean} | undefined => {
    if (req.headers.authorization !== undefined && authorizationCount(req.rawHeaders) > 1)
      return {outcome: TWO_AUTHORIZATIONS, close: withBody};
    if (declaredTooLarge(req, context.bodyLimit)) return {outcome: tooLargeBody, close: true};
    return undefined;
  };

  /** Sends the answer; for a logged route (or streaming path), the access log line and the last use of a granted token. */
  const finish = (
    res: ServerResponse,
    route: Pick<Route, 'logAs'> | undefined,
    remote: string,
    now: Date,
    outcome: Outcome,
    close: boolean,
  ) => {
    send(res, outcome.reply, close);
    if (!route?.logAs) return;
    const time = isoTime(now);
    if (outcome.result === 'granted' && outcome.tokenId) context.lastUsed?.granted(outcome.tokenId, time);
    context.accessLog.write({
      time,
      remote,
      endpoint: route.logAs,
      status: outcome.reply.status,
      result: outcome.result,
      clientId: outcome.clientId ?? null,
      tokenId: outcome.tokenId ?? null,
    });
  };

  /** `expectsContinue`: the client waits for 100 Continue before it sends the body (the server's 'checkContinue'). */
  return (req: IncomingMessage, res: ServerResponse, expectsContinue = false): void => {
    const now = context.now();
    const remote = clientAddressOf(req, context.trustProxy);
    const path = pathOf(req.url);
    const route = path === undefined ? undefined : routeOf(context.routes, path);
    const withBody = hasBody(req);
    if (!route) {
      if (path !== undefined && context.streamingRoutes && methodOf(req) !== undefined) {
        const streaming = {logAs: context.streamingLogAs?.(path)};
        const refusal = refusedBeforeBody(req, withBody);
        if (refusal) return finish(res, streaming, remote, now, refusal.outcome, refusal.close);
        if (withBody && req.method !== 'POST') return finish(res, streaming, remote, now, BODY_ON_GET, true);
        // A streaming POST reads its body itself, within the limit (read-body.ts).
        if (withBody && expectsContinue) res.writeContinue();
        if (context.streamingRoutes(req, res, path, remote)) return;
      }
      return finish(res, route, remote, now, notFound, withBody);
    }
    const method = methodOf(req);
    if (method === undefined || !route.methods.includes(method)) {
      const allow = allowOf(route);
      return finish(
        res,
        route,
        remote,
        now,
        refused(405, 'method_not_allowed', `Use ${allow}.`, 'method_not_allowed', {Allow: allow}),
        withBody,
      );
    }
    const refusal = refusedBeforeBody(req, withBody);
    if (refusal) return finish(res, route, remote, now, refusal.outcome, refusal.close);

    const answer = (body: string): void => {
      if (route.answerWithinMs !== undefined) req.socket.setTimeout(route.answerWithinMs);
      let pending: Outcome | Promise<Outcome>;
      try {
        const prepared: Prepared = route.prepare({
          method,
          path: path ?? route.path,
          headers: req.headers,
          authorization: req.headers.authorization,
          query: queryOf(req.url),
          body,
          remote,
          data: context.data(),
          now,
        });
        // The throttle decides before the route does anything; the health check and discovery (not logged) are never throttled.
        const admission = route.logAs ? context.throttle.admit(remote, prepared.authentication, now.getTime()) : undefined;
        if (admission && !admission.proceed)
          return finish(res, route, remote, now, throttled(admission.retryAfter, prepared.authentication), false);
        pending = prepared.run();
      } catch {
        pending = SERVER_ERROR;
      }
      // Synchronous where the route is: a ping costs no promise.
      if (!(pending instanceof Promise)) return finish(res, route, remote, now, pending, false);
      pending.then(
        outcome => finish(res, route, remote, now, outcome, false),
        (error: unknown) => finish(res, route, remote, now, dataUnavailable(error) ? DATA_UNAVAILABLE : SERVER_ERROR, false),
      );
    };
    if (!withBody) return answer('');
    if (expectsContinue) res.writeContinue();
    readBodyThen(req, context.bodyLimit, answer, (error: unknown) =>
      finish(res, route, remote, now, error instanceof BodyTooLargeError ? tooLargeBody : SERVER_ERROR, true),
    );
  };
};
