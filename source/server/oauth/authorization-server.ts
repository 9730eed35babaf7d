/**
 * `tpa serve` as the OAuth 2.0 authorization server of the third parties in the data file
 * (ARCHITECTURE.md, "The authorization server"): discovery, authorize (with the approvals),
 * token, revoke, and the admin channel of the consoles. The protocol rules of the code grant are
 * @node-oauth/oauth2-server's; its storage is the data file (oauth-model.ts).
 */
import type {IncomingMessage, ServerResponse} from 'node:http';
import OAuth2Server from '@node-oauth/oauth2-server';
import type {Environment} from '../../domain/index.js';
import type {CommittedWrites, DataFileWriter} from '../../store/index.js';
import type {AccessLog, AccessLogEntry} from '../access-log.js';
import type {LoadedData} from '../data-watcher.js';
import type {FailureThrottle} from '../failure-throttle.js';
import type {Outcome} from '../outcome.js';
import {BodyTooLargeError, readBody} from '../read-body.js';
import {errorReply, json, send} from '../respond.js';
import {handleAdmin} from './admin.js';
import {Approvals} from './approvals.js';
import {authorize, authorizeWait, SelfTests, WAIT_PATH, type AuthorizeContext} from './authorize.js';
import {discoveryDocument} from './discovery.js';
import {createGroupCommit, type GroupCommit} from './group-commit.js';
import {createOAuthModel} from './oauth-model.js';
import {revokeEndpoint, tokenEndpoint, type TokenContext} from './token-endpoints.js';

export const CODE_LIFETIME_SECONDS = 60;
/** How long a token or revocation request may wait for its save before the connection is dropped. */
const SAVE_WAIT_MS = 60_000;

export interface AuthorizationServerOptions {
  readonly data: () => LoadedData;
  readonly issuer: () => string;
  readonly writer: DataFileWriter;
  /** Called after each save of the server's writes, so the answers use the new data at once. */
  readonly committed: (result: CommittedWrites) => void;
  readonly env: Environment;
  readonly adminKey: string;
  readonly accessLog: AccessLog;
  readonly throttle: FailureThrottle;
  readonly bodyLimit: number;
  readonly log: (message: string) => void;
  /** Tests shorten these. */
  readonly codeLifetimeSeconds?: number;
  readonly approvalTimeoutMs?: number;
  readonly holdMs?: number;
}

export interface AuthorizationServer {
  /** True when the path is one of the authorization server's (then it answers). */
  route(req: IncomingMessage, res: ServerResponse, path: string): boolean;
  readonly writes: GroupCommit;
  readonly approvals: Approvals;
  close(): void;
}

const firstHeader = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

export const createAuthorizationServer = (options: AuthorizationServerOptions): AuthorizationServer => {
  const {data, issuer, env, accessLog, throttle, log} = options;
  const writes = createGroupCommit(options.writer, result => {
    if (result.auditProblem) log(`saved, but the audit log could not be written (${result.auditProblem})`);
    options.committed(result);
  });
  const model = createOAuthModel(data, writes, env, log);
  const library = new OAuth2Server({model});
  const approvals = new Approvals(env.now, options.approvalTimeoutMs);
  const selfTests = new SelfTests();
  const streams = new Set<ServerResponse>();
  const authorizeContext: AuthorizeContext = {
    data,
    issuer,
    approvals,
    library,
    codeLifetimeSeconds: options.codeLifetimeSeconds ?? CODE_LIFETIME_SECONDS,
    selfTests,
    holdMs: options.holdMs ?? 4_000,
  };
  const tokenContext: TokenContext = {data, library, writes, now: env.now, log};

  const logged = (endpoint: AccessLogEntry['endpoint'], remote: string, now: Date, outcome: Outcome) => {
    if (outcome.failure) throttle.failed(remote, now.getTime());
    else if (outcome.result === 'granted') throttle.succeeded(remote);
    accessLog.write({
      time: now.toISOString(),
      remote,
      endpoint,
      status: outcome.reply.status,
      result: outcome.result,
      clientId: outcome.clientId ?? null,
      tokenId: outcome.tokenId ?? null,
    });
  };

  const formEndpoint = async (req: IncomingMessage, res: ServerResponse, endpoint: 'token' | 'revoke') => {
    const now = env.now();
    const remote = req.socket.remoteAddress ?? 'unknown';
    let outcome: Outcome;
    const retryAfter = throttle.retryAfter(remote, now.getTime());
    if (retryAfter > 0) {
      outcome = {
        reply: errorReply(429, 'too_many_requests', `Too many failed attempts from this address; try again in ${retryAfter} s.`, {
          'Retry-After': String(retryAfter),
          'Cache-Control': 'no-store',
          Pragma: 'no-cache',
        }),
        result: 'throttled',
        failure: false,
      };
    } else if (req.method !== 'POST') {
      outcome = {reply: errorReply(405, 'method_not_allowed', 'Use POST.', {Allow: 'POST'}), result: 'method_not_allowed', failure: false};
    } else {
      try {
        const body = await readBody(req, options.bodyLimit);
        // The request is in; a token answer waits for its save, which under load may take longer than the idle timeout allows.
        req.socket.setTimeout(SAVE_WAIT_MS);
        const handle = endpoint === 'token' ? tokenEndpoint : revokeEndpoint;
        outcome = await handle(req.headers.authorization, firstHeader(req.headers['content-type']), body, tokenContext);
      } catch (error) {
        if (error instanceof BodyTooLargeError)
          outcome = {reply: errorReply(413, 'invalid_request', error.message, {Connection: 'close'}), result: 'too_large', failure: true};
        else {
          log(`${endpoint}: ${error instanceof Error ? error.message : String(error)}`);
          outcome = {
            reply: errorReply(500, 'server_error', 'The server could not answer.', {'Cache-Control': 'no-store', Pragma: 'no-cache'}),
            result: 'invalid_request',
            failure: false,
          };
        }
      }
    }
    send(res, outcome.reply);
    logged(endpoint, remote, now, outcome);
  };

  const failed = (res: ServerResponse) => (error: unknown) => {
    log(`authorization server: ${error instanceof Error ? error.message : String(error)}`);
    if (!res.headersSent) send(res, errorReply(500, 'server_error', 'The server could not answer.'));
    else res.destroy();
  };

  return {
    writes,
    approvals,
    close: () => {
      approvals.close();
      for (const res of streams) res.end();
    },
    route: (req, res, path) => {
      if (path === '/.well-known/oauth-authorization-server') {
        send(
          res,
          req.method === 'GET' ? json(200, discoveryDocument(issuer())) : errorReply(405, 'method_not_allowed', 'Use GET.', {Allow: 'GET'}),
        );
        return true;
      }
      if (path === '/oauth/authorize' || path.startsWith(WAIT_PATH)) {
        if (req.method !== 'GET') send(res, errorReply(405, 'method_not_allowed', 'Use GET.', {Allow: 'GET'}));
        else if (path === '/oauth/authorize') authorize(req, res, authorizeContext).catch(failed(res));
        else authorizeWait(path.slice(WAIT_PATH.length), res, authorizeContext).catch(failed(res));
        return true;
      }
      if (path === '/oauth/token' || path === '/oauth/revoke') {
        formEndpoint(req, res, path === '/oauth/token' ? 'token' : 'revoke').catch(failed(res));
        return true;
      }
      if (path.startsWith('/admin/')) {
        handleAdmin(req, res, path, {adminKey: options.adminKey, approvals, selfTests, bodyLimit: options.bodyLimit, streams}).catch(
          failed(res),
        );
        return true;
      }
      return false;
    },
  };
};
