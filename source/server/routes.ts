/** The routes of `tpa serve` (see route.ts). */
import {formClientOf} from './client-auth.js';
import {introspect, INTROSPECTION_BODY} from './introspect.js';
import {json} from './respond.js';
import {ping, readBearer} from './ping.js';
import {authenticatedRoute, openRoute, routeTable} from './route.js';

export const healthRoute = openRoute({
  path: '/healthz',
  methods: ['GET'],
  handle: ({data}) => ({reply: json(200, {status: 'ok', revision: data.database.revision}), result: 'granted'}),
});

export const introspectRoute = authenticatedRoute({
  path: '/oauth/introspect',
  methods: ['POST'],
  logAs: 'introspect',
  authenticate: request => formClientOf(request, INTROSPECTION_BODY),
  handle: ({data, now}, found) => introspect(found, data, now),
});

export const pingRoute = authenticatedRoute({
  path: '/v1/ping',
  methods: ['GET'],
  logAs: 'ping',
  authenticate: ({authorization, data, now}) => readBearer(authorization, data, now),
  handle: (_request, presented) => ping(presented),
});

export const DEFAULT_ROUTES = routeTable([healthRoute, introspectRoute, pingRoute]);
