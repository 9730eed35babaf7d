/** The routes of `tpa serve` (see route.ts). */
import {introspect} from './introspect.js';
import {json} from './respond.js';
import {ping} from './ping.js';
import {routeTable, type Route} from './route.js';

export const healthRoute: Route = {
  path: '/healthz',
  methods: ['GET'],
  handle: ({data}) => ({reply: json(200, {status: 'ok', revision: data.database.revision}), result: 'granted', failure: false}),
};

export const introspectRoute: Route = {
  path: '/oauth/introspect',
  methods: ['POST'],
  logAs: 'introspect',
  handle: ({authorization, headers, body, data, now}) => introspect(authorization, headers['content-type'], body, data, now),
};

export const pingRoute: Route = {
  path: '/v1/ping',
  methods: ['GET'],
  logAs: 'ping',
  handle: ({authorization, data, now}) => ping(authorization, data, now),
};

export const DEFAULT_ROUTES = routeTable([healthRoute, introspectRoute, pingRoute]);
