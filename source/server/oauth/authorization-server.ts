/**
 * `tpa serve` as the OAuth 2.0 authorization server of the third parties in the data
 * (ARCHITECTURE.md, "The authorization server"): discovery, authorize (with the approvals),
 * token, revoke, and the admin channel of the consoles. The protocol rules of the code grant are
 * @node-oauth/oauth2-server's; its storage is ours (oauth-model.ts).
 *
 * Why that library: it implements the code grant with PKCE and nothing we do not want (no
 * sessions, views or key management), and its storage is a handful of functions. oidc-provider is
 * certified but an OpenID Provider: its own interaction views, sessions, cookies, keys and an
 * adapter per kind of object, all to be turned off or fitted to records the admin sees. Where the
 * library does not fit a rule, our code does that part, before or after it:
 * - a missing or unregistered redirect_uri: the library would use the first registered URI, and
 *   builds error redirects with url.parse (which loses the error beside a query): authorize.ts
 *   checks client and redirect_uri first, callback-redirect.ts writes every redirect (with iss,
 *   RFC 9207, which the library lacks);
 * - PKCE: the library accepts a request without code_challenge; authorize.ts requires S256;
 * - client authentication: the library's Basic parser does not undo form-urlencoding (RFC 6749
 *   §2.3.1); client-auth.ts authenticates and hands the library the client;
 * - grants: only authorization_code, no refresh token, no expires_in; a redirect_uri differing at
 *   the token endpoint is invalid_grant (RFC 6749 §5.2), not the library's invalid_request
 *   (token-endpoints.ts);
 * - a code used twice revokes the token it gave (RFC 6749 §4.1.2): code-keeper.ts;
 * - the code's lifetime is checked with the real clock (new Date()): tests shorten
 *   codeLifetimeSeconds instead of injecting a clock.
 */
import type {IncomingMessage, ServerResponse} from 'node:http';
import OAuth2Server from '@node-oauth/oauth2-server';
import type {Environment} from '../../domain/index.js';
import type {SavePipeline} from '../../store/index.js';
import type {AccessLog} from '../access-log.js';
import type {LoadedData} from '../data-watcher.js';
import {authenticatedRoute, type Route} from '../route.js';
import {errorReply, send} from '../respond.js';
import {handleAdmin} from './admin.js';
import {Approvals, type ApprovalLimits} from './approvals.js';
import type {CodeLimits} from './code-store.js';
import {memoryCodeKeeper, type CodeKeeper} from './code-keeper.js';
import type {SharedApprovals} from '../../store/postgres/shared-approvals.js';
import {authorize, authorizeWait, SelfTests, WAIT_PATH, type AuthorizeContext} from './authorize.js';
import {AuthorizePace, type PaceLimits} from './authorize-pace.js';
import {sendHtml, tooManyPage} from './pages.js';
import type {AuthorizeAnswer} from './callback-redirect.js';
import {discoveryRoute} from './discovery.js';
import {createGroupCommit, type GroupCommit} from './group-commit.js';
import {createOAuthModel} from './oauth-model.js';
import {revokeEndpoint, tokenEndpoint, type TokenContext} from './token-endpoints.js';
import {formClientOf} from '../client-auth.js';

export const CODE_LIFETIME_SECONDS = 60;
/** How long a token or revocation request may wait for its save before the connection is dropped. */
const SAVE_WAIT_MS = 60_000;

export interface AuthorizationServerOptions {
  readonly data: () => LoadedData;
  readonly issuer: () => string;
  readonly pipeline: SavePipeline;
  /** Called after each save of the server's writes, so the answers use the new data at once. */
  readonly committed: () => void;
  /** Takes in what other writers saved up to now (data-watcher.ts). */
  readonly catchUp?: () => Promise<void>;
  readonly env: Environment;
  readonly adminKey: string;
  readonly bodyLimit: number;
  readonly log: (message: string) => void;
  /** Where the authorization page's requests are logged (the routes of the table are logged by handle-request.ts). */
  readonly accessLog?: AccessLog;
  /** Tests shorten these. */
  readonly codeLifetimeSeconds?: number;
  readonly approvalTimeoutMs?: number;
  readonly holdMs?: number;
  readonly codeLimits?: CodeLimits;
  /** Where codes are kept: this server's memory (the default, with `codeLimits`), or the database shared by every server. */
  readonly codes?: CodeKeeper;
  /** On a database: the waiting requests every server and console shares (approvals.ts). */
  readonly sharedApprovals?: SharedApprovals;
  readonly approvalLimits?: ApprovalLimits;
  /** The pace of authorization requests per address (authorize-pace.ts). */
  readonly paceLimits?: PaceLimits;
}

export interface AuthorizationServer {
  /** Discovery, token and revoke, for the server's route table. */
  readonly routes: readonly Route[];
  /** The authorization page, its waiting page and the consoles' admin channel: true when the path is one of them (then it answered). */
  streamingRoutes(req: IncomingMessage, res: ServerResponse, path: string, remote: string): boolean;
  /** The access log's name for a streaming path (undefined: not logged, the admin channel). */
  streamingLogAs(path: string): string | undefined;
  readonly writes: GroupCommit;
  readonly approvals: Approvals;
  close(): void;
}

export const createAuthorizationServer = (options: AuthorizationServerOptions): AuthorizationServer => {
  const {data, issuer, env, log} = options;
  const writes = createGroupCommit(options.pipeline, outcomes => {
    const failed = outcomes.find(outcome => outcome.kind === 'savedAuditFailed');
    if (failed?.kind === 'savedAuditFailed') log(failed.problem);
    options.committed();
  });
  const model = createOAuthModel(data, writes, env, log, options.codes ?? memoryCodeKeeper(options.codeLimits));
  const library = new OAuth2Server({model});
  const approvals = new Approvals(env.now, options.approvalTimeoutMs, options.approvalLimits, options.sharedApprovals, log);
  const selfTests = new SelfTests();
  const pace = new AuthorizePace(options.paceLimits);
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
  const tokenContext: TokenContext = {data, library, writes, now: env.now, log, ...(options.catchUp ? {catchUp: options.catchUp} : {})};

  const failed = (res: ServerResponse) => (error: unknown) => {
    log(`authorization server: ${error instanceof Error ? error.message : String(error)}`);
    if (!res.headersSent) send(res, errorReply(500, 'server_error', 'The server could not answer.'));
    else res.destroy();
  };

  const streamingLogAs = (path: string): string | undefined =>
    path === '/oauth/authorize' ? 'authorize' : path.startsWith(WAIT_PATH) ? 'authorize-wait' : undefined;

  /** Answers an authorization page's request and logs it, failures (500) included, with the time it arrived. */
  const answerLogged = (res: ServerResponse, path: string, remote: string, answering: () => Promise<AuthorizeAnswer>): void => {
    const time = env.now().toISOString();
    const write = (answer: AuthorizeAnswer) =>
      options.accessLog?.write({
        time,
        remote,
        endpoint: streamingLogAs(path)!,
        status: res.statusCode,
        result: answer.result,
        clientId: answer.clientId,
        tokenId: null,
      });
    answering().then(write, (error: unknown) => {
      failed(res)(error);
      write({result: 'invalid_request', clientId: null});
    });
  };

  const isGet = (req: IncomingMessage) => req.method === 'GET' || req.method === 'HEAD';
  return {
    writes,
    approvals,
    streamingLogAs,
    close: () => {
      approvals.close();
      for (const res of streams) res.end();
    },
    // Answered through the server's one route table (route.ts): body limit, HEAD, throttle and access log included.
    routes: [
      discoveryRoute(issuer),
      authenticatedRoute({
        path: '/oauth/token',
        methods: ['POST'],
        logAs: 'token',
        answerWithinMs: SAVE_WAIT_MS,
        authenticate: formClientOf,
        handle: (request, found) => tokenEndpoint(found, request.body, tokenContext),
      }),
      authenticatedRoute({
        path: '/oauth/revoke',
        methods: ['POST'],
        logAs: 'revoke',
        answerWithinMs: SAVE_WAIT_MS,
        authenticate: formClientOf,
        handle: (request, found) => revokeEndpoint(found, request.body, tokenContext),
      }),
    ],
    streamingRoutes: (req, res, path, remote) => {
      if (path === '/oauth/authorize' || path.startsWith(WAIT_PATH)) {
        const answer = () =>
          answerLogged(res, path, remote, async () => {
            if (!isGet(req)) {
              send(res, errorReply(405, 'method_not_allowed', 'Use GET.', {Allow: 'GET, HEAD'}));
              return {result: 'method_not_allowed', clientId: null};
            }
            if (path === '/oauth/authorize') return authorize(req, res, authorizeContext, remote);
            return authorizeWait(path.slice(WAIT_PATH.length), res, authorizeContext);
          });
        if (path !== '/oauth/authorize') {
          answer();
          return true;
        }
        // The pace per address decides first (real time, not the data's clock): now, after a wait, or a refusal.
        const decision = pace.decide(remote, performance.now());
        if (decision.kind === 'now') answer();
        else if (decision.kind === 'after') {
          const waiting = setTimeout(answer, decision.ms);
          // A client that leaves while it waits is not answered (nor is its request looked at).
          res.once('close', () => clearTimeout(waiting));
        } else
          answerLogged(res, path, remote, () => {
            res.setHeader('Retry-After', String(decision.retryAfterSeconds));
            sendHtml(res, 429, tooManyPage(decision.retryAfterSeconds));
            return Promise.resolve({result: 'throttled', clientId: null});
          });
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
