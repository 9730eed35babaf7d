/**
 * `tpa serve`: answers from the data in memory, reloads it after each save; writes the data
 * file only for automatic authorization (tokens issued and revoked), through the save pipeline. Timeouts keep slow or broken clients from holding connections.
 */
import {randomBytes} from 'node:crypto';
import {lstatSync} from 'node:fs';
import {mkdir} from 'node:fs/promises';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {hostname} from 'node:os';
import path from 'node:path';
import {publicAddress, serverActor, type Environment} from '../domain/index.js';
import {accessLogPath, serverInfoPath} from '../store/data-file-paths.js';
import {describeFileType, UnsafeFileError} from '../store/safe-file.js';
import {DEFAULT_LOG_MAX} from '../store/rotating-log.js';
import type {DataLocation} from '../store/data-location.js';
import {openPipeline} from '../store/open-pipeline.js';
import {isPostgresEngine} from '../store/postgres/is-postgres-engine.js';
import {openDatabaseLastUsed} from './database-last-used.js';
import type {ApprovalLimits} from './oauth/approvals.js';
import type {PaceLimits} from './oauth/authorize-pace.js';
import type {CodeLimits} from './oauth/code-store.js';
import {createAuthorizationServer} from './oauth/authorization-server.js';
import {limitConnections} from './connection-limits.js';
import {openAccessLog} from './access-log.js';
import {lastUsedFromAccessLog} from './access-log-reader.js';
import {watchData} from './data-watcher.js';
import {DEFAULT_THROTTLE, FailureThrottle, type ThrottleOptions} from './failure-throttle.js';
import {createRequestHandler} from './handle-request.js';
import {BODY_LIMIT} from './read-body.js';
import {routeTable, type RouteTable} from './route.js';
import {DEFAULT_ROUTES} from './routes.js';
import {lastUsedIndexPath, openLastUsedIndex} from './last-used-index.js';
import {isProcessAlive, keepFolderPrivate, readServerFile, removeServerInfo, urlOf, writeServerInfo} from './server-info.js';
import {DEFAULT_HOST, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, DEFAULT_PORT} from './server-defaults.js';

export interface Timeouts {
  /** The whole header must arrive within this (slowloris). */
  readonly headersMs: number;
  /** The whole request, body included. */
  readonly requestMs: number;
  /** An idle kept-alive connection is closed after this. */
  readonly keepAliveMs: number;
  /** How often the server looks for connections past those limits. */
  readonly checkEveryMs: number;
  /** A connection that has sent nothing at all is closed after this (connection-limits.ts); 2 s unless given. */
  readonly silentMs?: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = {headersMs: 5_000, requestMs: 10_000, keepAliveMs: 5_000, checkEveryMs: 1_000, silentMs: 2_000};

export interface ServerOptions {
  /**
   * The path whose neighbours hold this server's files (access log, server file, Last used): the
   * data file, or for a database one in the user's state folder (open-pipeline.ts, localFileOf).
   */
  readonly dataFile: string;
  /** Where the data is; absent: the data file. */
  readonly data?: DataLocation;
  readonly host?: string;
  /** 0: any free port. */
  readonly port?: number;
  readonly now?: () => Date;
  readonly log?: (message: string) => void;
  readonly throttle?: ThrottleOptions;
  readonly timeouts?: Timeouts;
  readonly bodyLimit?: number;
  readonly debounceMs?: number;
  /** The reverse proxy whose X-Forwarded-For names the client (client-address.ts). */
  readonly trustProxy?: string | undefined;
  readonly maxConnections?: number;
  readonly maxConnectionsPerAddress?: number;
  /** Caps on live authorization codes and on requests waiting for approval (tests lower them). */
  readonly codeLimits?: CodeLimits;
  readonly approvalLimits?: ApprovalLimits;
  /** The pace of authorization requests per address (oauth/authorize-pace.ts); tests shorten it. */
  readonly paceLimits?: PaceLimits;
  /** The access log is rotated past this many bytes. */
  readonly logMax?: number;
  /** The routes; the default ones unless a test (or a later endpoint) says otherwise. */
  readonly routes?: RouteTable;
  /** The public address (`--issuer`); kept in the data file's settings. */
  readonly issuer?: string;
  /** Tests shorten these (seconds, ms). */
  readonly codeLifetimeSeconds?: number;
  readonly approvalTimeoutMs?: number;
  readonly holdMs?: number;
}

export interface RunningServer {
  readonly url: string;
  /** The public address used in discovery and every absolute URL. */
  readonly issuer: string;
  readonly host: string;
  readonly port: number;
  /** Stops taking connections, lets the ones in flight finish, removes the server file. */
  close(): Promise<void>;
}

/** A server for this data file is already running; starting a second one would take over its file. */
export class ServerRunningError extends Error {
  constructor(
    readonly url: string,
    readonly pid: number,
  ) {
    super(`a server for this data file is already running at ${url} (pid ${pid})`);
    this.name = 'ServerRunningError';
  }
}

const listen = (server: Server, host: string, port: number): Promise<AddressInfo> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });

/** Throws DataFileError for an invalid data file, ServerRunningError, or the listen error (EADDRINUSE, EACCES). */
export const startServer = async (options: ServerOptions): Promise<RunningServer> => {
  const {dataFile, host = DEFAULT_HOST, port = DEFAULT_PORT, now = () => new Date(), log = () => undefined} = options;
  const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;

  const running = await readServerFile(dataFile);
  if (running.kind === 'found' && running.info.pid !== process.pid && isProcessAlive(running.info.pid))
    throw new ServerRunningError(urlOf(running.info.host, running.info.port), running.info.pid);

  await mkdir(path.dirname(dataFile), {recursive: true, mode: 0o700});
  const env: Environment = {now, randomBytes: size => randomBytes(size)};
  const pipeline = await openPipeline(options.data ?? {kind: 'file', path: dataFile}, env, {
    actor: serverActor(hostname()),
    applicationName: 'tpa serve',
    onProblem: log,
    ...(options.debounceMs === undefined ? {} : {debounceMs: options.debounceMs}),
  });
  // Set below: the watch waits for the server's own saves (data-watcher.ts).
  let ownSaves: () => Promise<void> = async () => undefined;
  const data = watchData(pipeline, {log, settled: () => ownSaves()});
  const logMax = options.logMax ?? DEFAULT_LOG_MAX;
  let accessLog;
  try {
    accessLog = openAccessLog(accessLogPath(dataFile), log, {maxBytes: logMax});
  } catch (error) {
    data.close();
    throw error;
  }
  // On a database, Last used is every server's (database-last-used.ts); on a file, the index beside it.
  const lastUsed = isPostgresEngine(pipeline.engine)
    ? openDatabaseLastUsed(pipeline.engine.lastUsed, log)
    : await openLastUsedIndex(lastUsedIndexPath(dataFile), log, () => lastUsedFromAccessLog(accessLogPath(dataFile), logMax));
  const throttle = new FailureThrottle(options.throttle ?? DEFAULT_THROTTLE);
  const bodyLimit = options.bodyLimit ?? BODY_LIMIT;
  const adminKey = randomBytes(32).toString('base64url');
  // Set once listening: the address and port actually taken.
  let listening = '';
  // The one rule every place that names the public address follows (domain/public-address.ts).
  const issuer = () => publicAddress(data.current().database.settings?.issuer, {issuer: options.issuer, listening}).url;
  // On a database the codes are shared by every server on it (postgres-codes.ts, loaded only then: store/database.ts says why).
  const shared = isPostgresEngine(pipeline.engine)
    ? {
        codes: (await import('./oauth/postgres-codes.js')).postgresCodeKeeper(pipeline.engine.connection.db, options.codeLimits),
        sharedApprovals: pipeline.engine.approvals,
      }
    : {};
  const authorization = createAuthorizationServer({
    data: data.current,
    issuer,
    pipeline,
    committed: () => data.adopt(),
    catchUp: () => data.catchUp(),
    env,
    adminKey,
    bodyLimit,
    log,
    accessLog,
    ...(options.codeLifetimeSeconds === undefined ? {} : {codeLifetimeSeconds: options.codeLifetimeSeconds}),
    ...(options.approvalTimeoutMs === undefined ? {} : {approvalTimeoutMs: options.approvalTimeoutMs}),
    ...(options.holdMs === undefined ? {} : {holdMs: options.holdMs}),
    ...(options.codeLimits === undefined ? {} : {codeLimits: options.codeLimits}),
    ...shared,
    ...(options.approvalLimits === undefined ? {} : {approvalLimits: options.approvalLimits}),
    ...(options.paceLimits === undefined ? {} : {paceLimits: options.paceLimits}),
  });
  ownSaves = () => authorization.writes.idle();
  const handler = createRequestHandler({
    routes: options.routes ?? routeTable([...DEFAULT_ROUTES.values(), ...authorization.routes]),
    streamingRoutes: authorization.streamingRoutes,
    streamingLogAs: authorization.streamingLogAs,
    trustProxy: options.trustProxy,
    data: data.current,
    now,
    throttle,
    accessLog,
    lastUsed,
    bodyLimit,
  });

  const server = createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      connectionsCheckingInterval: timeouts.checkEveryMs,
      maxHeaderSize: 8192,
    },
    (req, res) => handler(req, res),
  );
  // Without this listener node:http answers 100 Continue itself, before the route and the size are known.
  server.on('checkContinue', (req, res) => handler(req, res, true));
  // A connection that goes quiet mid-request (headers sent, body never) is dropped too.
  server.timeout = timeouts.requestMs;
  limitConnections(
    server,
    {
      max: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
      perAddress: options.maxConnectionsPerAddress ?? DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
      silentMs: timeouts.silentMs ?? DEFAULT_TIMEOUTS.silentMs!,
      trustProxy: options.trustProxy,
    },
    log,
  );

  let address: AddressInfo;
  try {
    address = await listen(server, host, port);
  } catch (error) {
    data.close();
    authorization.close();
    await accessLog.close();
    await lastUsed.close();
    throw error;
  }
  listening = urlOf(host, address.port);
  // --issuer is kept in the data file's settings, where the console shows and edits it.
  if (options.issuer !== undefined && data.current().database.settings?.issuer !== options.issuer) {
    await authorization.writes.submit({kind: 'settings', settings: {issuer: options.issuer}}).catch((error: unknown) => {
      log(`could not keep --issuer in the data file's settings: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
  let closing: Promise<void> | undefined;
  /** Stops taking connections, lets the ones in flight finish, then removes the server file. */
  const close = (): Promise<void> => {
    closing ??= (async () => {
      data.close();
      authorization.close();
      const closed = new Promise<void>(resolve => server.close(() => resolve()));
      server.closeIdleConnections();
      // Requests in flight get a moment to finish; then whatever is left is cut.
      const force = setTimeout(() => server.closeAllConnections(), 2_000);
      await closed;
      clearTimeout(force);
      // Writes already accepted are saved before the server file goes.
      await authorization.writes.idle();
      await accessLog.close();
      await lastUsed.close();
      await pipeline.engine.close();
      await removeServerInfo(dataFile, process.pid);
    })();
    return closing;
  };
  try {
    await writeServerInfo(dataFile, {
      pid: process.pid,
      host,
      port: address.port,
      startedAt: now().toISOString(),
      adminKey,
      ...(options.issuer === undefined ? {} : {issuer: options.issuer}),
    });
  } catch (error) {
    // A folder at its path, or a file of another user in a folder with the sticky bit: without it no console finds this server.
    await close();
    const file = serverInfoPath(dataFile);
    const found = lstatSync(file, {throwIfNoEntry: false});
    throw new UnsafeFileError(
      file,
      found && !found.isFile()
        ? `is ${describeFileType(found)}, not a regular file`
        : `cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  // Not this user's, or others may write it: not a server of ours, and this server's own file has replaced it.
  if (running.kind === 'untrusted')
    log(
      `${serverInfoPath(dataFile)} ${running.problem}: not a server of yours; this server's own file replaced it. To keep others from planting files there, ${keepFolderPrivate(dataFile)}.`,
    );
  return {url: listening, issuer: issuer(), host, port: address.port, close};
};
