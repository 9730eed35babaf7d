/**
 * The admin channel between the server and the consoles open on its data file, over loopback
 * only, with the admin key from the server file (0600, so only the data file's owner reads it):
 *   GET  /admin/approvals        Server-Sent Events: the waiting requests, at once and on every change
 *   POST /admin/approvals/<id>   {"decision":"approve"|"deny","by":"alice@host"}
 *   POST /admin/self-tests       {"clientId","state","by"}: that request is the console's test
 */
import type {IncomingMessage, ServerResponse} from 'node:http';
import {constantTimeEquals, isLoopbackHost} from '../../domain/index.js';
import {readBody} from '../read-body.js';
import {errorReply, json, send} from '../respond.js';
import type {Approvals} from './approvals.js';
import type {SelfTests} from './authorize.js';
// How often an idle event stream says it is alive (below the server's idle timeouts).
import {HEARTBEAT_MS} from '../server-defaults.js';

export interface AdminContext {
  readonly adminKey: string;
  readonly approvals: Approvals;
  readonly selfTests: SelfTests;
  readonly bodyLimit: number;
  /** The open event streams, ended when the server stops (else they would hold its close). */
  readonly streams: Set<ServerResponse>;
}

/** A loopback peer, or one that is this machine's own address (a server listening on one interface). */
const fromThisMachine = (req: IncomingMessage): boolean => {
  const plain = (address: string | undefined) => (address?.startsWith('::ffff:') ? address.slice(7) : address);
  const remote = plain(req.socket.remoteAddress);
  return remote !== undefined && (isLoopbackHost(remote) || /^127\./.test(remote) || remote === plain(req.socket.localAddress));
};

const authorized = (req: IncomingMessage, key: string): boolean => {
  const presented = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  return constantTimeEquals(presented, key);
};

const text = (value: unknown, max = 200): string | undefined =>
  typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;

const readJson = async (req: IncomingMessage, limit: number): Promise<Record<string, unknown> | undefined> => {
  try {
    const value: unknown = JSON.parse(await readBody(req, limit));
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

const stream = (req: IncomingMessage, res: ServerResponse, approvals: Approvals, streams: Set<ServerResponse>): void => {
  // An event stream stays open: the idle timeouts of other requests do not apply; the heartbeat keeps it alive.
  req.socket.setTimeout(0);
  res.writeHead(200, {'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive'});
  const unsubscribe = approvals.subscribe(pending => res.write(`event: approvals\ndata: ${JSON.stringify({pending})}\n\n`));
  const heartbeat = setInterval(() => res.write(': alive\n\n'), HEARTBEAT_MS);
  streams.add(res);
  res.once('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
    streams.delete(res);
  });
};

/** True when the request was an admin request (answered here). */
export const handleAdmin = async (req: IncomingMessage, res: ServerResponse, path: string, context: AdminContext): Promise<void> => {
  if (!fromThisMachine(req)) return send(res, errorReply(403, 'forbidden', 'The admin channel answers this machine only.'));
  if (!authorized(req, context.adminKey))
    return send(res, errorReply(401, 'unauthorized', 'The admin key is not right.', {'WWW-Authenticate': 'Bearer realm="tpa-admin"'}));
  if (path === '/admin/approvals') {
    if (req.method !== 'GET') return send(res, errorReply(405, 'method_not_allowed', 'Use GET.', {Allow: 'GET'}));
    return stream(req, res, context.approvals, context.streams);
  }
  if (req.method !== 'POST') return send(res, errorReply(405, 'method_not_allowed', 'Use POST.', {Allow: 'POST'}));
  const body = await readJson(req, context.bodyLimit);
  const by = text(body?.['by']);
  if (!body || !by) return send(res, errorReply(400, 'invalid_request', 'Send JSON with "by" (who decides).'));
  if (path === '/admin/self-tests') {
    const clientId = text(body['clientId']);
    const state = text(body['state']);
    if (!clientId || !state) return send(res, errorReply(400, 'invalid_request', 'Send "clientId" and "state".'));
    context.selfTests.register(clientId, state, by);
    return send(res, json(200, {ok: true}));
  }
  const id = path.startsWith('/admin/approvals/') ? path.slice('/admin/approvals/'.length) : undefined;
  const decision = body['decision'];
  if (id === undefined) return send(res, errorReply(404, 'not_found', 'No such admin route.'));
  if (decision !== 'approve' && decision !== 'deny')
    return send(res, errorReply(400, 'invalid_request', 'The decision is "approve" or "deny".'));
  if (!(await context.approvals.decide(id, {kind: decision, by})))
    return send(res, errorReply(404, 'not_found', 'No such request waits (decided already, or timed out).'));
  send(res, json(200, {ok: true}));
};
