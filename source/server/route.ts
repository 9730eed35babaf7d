/**
 * One route table for the whole server. A route says its path, its methods and how it answers;
 * everything every request needs (the body limit, HEAD, absolute-form targets, one Authorization
 * header, Expect: 100-continue, the throttle, the access log) is done once, around the routes, by
 * handle-request.ts. A new endpoint is one more entry here.
 *
 * A route answers in two steps (`prepare`): first it reads who the request proves to be, which
 * changes nothing; the throttle decides on that, and only then does the route's work run.
 */
import type {IncomingHttpHeaders} from 'node:http';
import type {LoadedData} from './data-watcher.js';
import {NOT_AUTHENTICATED, type Authentication} from './failure-throttle.js';
import type {Outcome} from './outcome.js';

export type Method = 'GET' | 'POST';

export interface RouteRequest {
  /** GET for a HEAD request: the route answers as for GET, node:http drops the body. */
  readonly method: Method;
  readonly headers: IncomingHttpHeaders;
  /** The one Authorization header (two are refused before any route). */
  readonly authorization: string | undefined;
  /** The path of the target, without the query (for a route with `subpaths`, the path under it too). */
  readonly path: string;
  /** The query string, without `?`. */
  readonly query: string;
  /** The body, at most the server's body limit (4 KiB); '' when there is none. */
  readonly body: string;
  /** The client's address (the proxy's X-Forwarded-For when trusted). */
  readonly remote: string;
  readonly data: LoadedData;
  readonly now: Date;
}

export interface Route {
  readonly path: string;
  /** GET allows HEAD as well. */
  readonly methods: readonly Method[];
  /** The endpoint's name in the access log; a route without one (the health check) is neither logged nor throttled. */
  readonly logAs?: string;
  /**
   * A route whose answer waits for a save (a token issued) may take longer than the connection's
   * idle timeout under load: once its request is in, the connection waits this long instead.
   */
  readonly answerWithinMs?: number;
  /** Also answers the paths under it (`path/…`, RFC 8414 §3.1's well-known URI of an issuer with a path). */
  readonly subpaths?: boolean;
  readonly prepare: (request: RouteRequest) => Prepared;
}

export interface Prepared {
  /** Who the request proves to be: the throttle's decision is made on it before `run` (failure-throttle.ts `admit`). */
  readonly authentication: Authentication;
  /** The route's work: runs only when the throttle lets the request proceed. */
  readonly run: () => Outcome | Promise<Outcome>;
}

type Answer = Outcome | Promise<Outcome>;

/** A route that authenticates nobody (health, discovery): its work runs as it is. */
export const openRoute = (route: Omit<Route, 'prepare'> & {readonly handle: (request: RouteRequest) => Answer}): Route => {
  const {handle, ...rest} = route;
  return {...rest, prepare: request => ({authentication: NOT_AUTHENTICATED, run: () => handle(request)})};
};

/**
 * A route whose request authenticates a client or presents a token: `authenticate` reads the
 * request (cheap, changes nothing) and `handle` gets what it found, so that both agree.
 */
export const authenticatedRoute = <Found extends {readonly authentication: Authentication}>(
  route: Omit<Route, 'prepare'> & {
    readonly authenticate: (request: RouteRequest) => Found;
    readonly handle: (request: RouteRequest, found: Found) => Answer;
  },
): Route => {
  const {authenticate, handle, ...rest} = route;
  return {
    ...rest,
    prepare: request => {
      const found = authenticate(request);
      return {authentication: found.authentication, run: () => handle(request, found)};
    },
  };
};

export type RouteTable = ReadonlyMap<string, Route>;

export const routeTable = (routes: readonly Route[]): RouteTable => new Map(routes.map(route => [route.path, route]));

/** The route of a path: its own, else the nearest one above it that takes `subpaths`. */
export const routeOf = (table: RouteTable, path: string): Route | undefined => {
  const own = table.get(path);
  if (own) return own;
  for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
    const above = table.get(path.slice(0, slash));
    if (above?.subpaths) return above;
  }
  return undefined;
};

/** The Allow header of a route (RFC 9110 §10.2.1). */
export const allowOf = (route: Route): string =>
  route.methods.flatMap(method => (method === 'GET' ? ['GET', 'HEAD'] : [method])).join(', ');
