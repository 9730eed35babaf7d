/**
 * The server under load: autocannon sends introspection requests (RFC 7662) with a valid client
 * and token to `tpa serve`, and the same requests to the bare node:http server, with the same
 * connections for the same time.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import autocannon from 'autocannon';
import {CLI, REPOSITORY} from './console-session.js';

export const BARE_SERVER = path.join(REPOSITORY, 'bench', 'bare-server.js');

export interface Credentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly token: string;
}

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly latencyMedian: number;
  readonly latencyP99: number;
  readonly requests: number;
  readonly errors: number;
  readonly non2xx: number;
}

export interface RunningServer {
  readonly url: string;
  /** From spawn to the server saying it listens, in ms. */
  readonly start: number;
  /** The server's process id (its CPU time is in /proc/PID/stat). */
  readonly pid: number;
  stop(): Promise<void>;
}

/** Waits for the line that carries the port, on stdout (bare) or stderr (tpa serve). */
const serverOf = (child: ChildProcess, stream: NodeJS.ReadableStream, pattern: RegExp, spawnedAt: number): Promise<RunningServer> =>
  new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const port = pattern.exec(text)?.[1];
      if (port === undefined) return;
      stream.off('data', onData);
      const start = performance.now() - spawnedAt;
      resolve({
        url: `http://127.0.0.1:${port}`,
        start,
        pid: child.pid!,
        stop: () =>
          new Promise(done => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    stream.on('data', onData);
    child.once('exit', code => reject(new Error(`the server exited (${code}) before listening: ${text}`)));
  });

export const startBareServer = (): Promise<RunningServer> => {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [BARE_SERVER], {stdio: ['ignore', 'pipe', 'inherit']});
  return serverOf(child, child.stdout!, /^(\d+)$/m, spawnedAt);
};

/** `cli`: another build of tpa to compare with (bench/server-quick.ts). */
/** `dataFile`: a data file, or a postgres:// address. `extra`: more options of `tpa serve` (only for our own build: an older one may not know them). */
export const startTpaServer = (dataFile: string, cli = CLI, extra: readonly string[] = []): Promise<RunningServer> => {
  const spawnedAt = performance.now();
  // TPA_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server (not allowed in NODE_OPTIONS).
  const nodeArgs = (process.env['TPA_BENCH_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, cli, 'serve', '--port', '0', '--data', dataFile, ...extra], {
    stdio: ['ignore', 'ignore', 'pipe'],
    ...(/^postgres(ql)?:\/\//.test(dataFile) ? {} : {cwd: path.dirname(dataFile)}),
  });
  return serverOf(child, child.stderr!, /listening on http:\/\/127\.0\.0\.1:(\d+)/, spawnedAt);
};

/** The request a third party's test makes: HTTP Basic client authentication, the token in a form. */
export const introspectionRequest = (credentials: Credentials) => ({
  method: 'POST' as const,
  path: '/oauth/introspect',
  headers: {
    authorization: `Basic ${Buffer.from(`${encodeURIComponent(credentials.clientId)}:${encodeURIComponent(credentials.clientSecret)}`).toString('base64')}`,
    'content-type': 'application/x-www-form-urlencoded',
  },
  body: `token=${encodeURIComponent(credentials.token)}`,
});

/** One request, to check that the server grants it before it is loaded. */
export const introspectOnce = async (url: string, credentials: Credentials): Promise<unknown> => {
  const request = introspectionRequest(credentials);
  const response = await fetch(`${url}${request.path}`, {method: request.method, headers: request.headers, body: request.body});
  return response.json();
};

export const load = async (url: string, credentials: Credentials, connections: number, seconds: number): Promise<LoadResult> => {
  const request = introspectionRequest(credentials);
  const result = await autocannon({
    url: `${url}${request.path}`,
    method: request.method,
    headers: request.headers,
    body: request.body,
    connections,
    duration: seconds,
  });
  return {
    requestsPerSecond: result.requests.average,
    latencyMedian: result.latency.p50,
    latencyP99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
  };
};
