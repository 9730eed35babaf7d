/** A `tpa serve` on an ephemeral loopback port over the sample data, and raw-socket helpers for HTTP edge cases. */
import {connect} from 'node:net';
import type {ThirdParty} from '../../source/domain/index.js';
import {httpRequest} from '../../source/server/http-request.js';
import {startServer, type ServerOptions} from '../../source/server/start-server.js';
import {testEnvironment} from './environment.js';
import {writeSampleData} from './sample-data.js';
import type {EngineFactory} from './engines.js';

/** On a data file of a fresh folder, or on a place of `engine` (the test's). */
export const startSampleServer = async (options: Partial<ServerOptions> = {}, engine?: EngineFactory) => {
  const env = testEnvironment('2026-11-27T10:00:00.000Z');
  const data = await writeSampleData(env, await engine?.place(undefined, env));
  const logged: string[] = [];
  const server = await startServer({
    dataFile: data.file,
    ...(data.place ? {data: data.place.location} : {}),
    port: 0,
    now: env.now,
    log: message => logged.push(message),
    debounceMs: 10,
    ...options,
  });
  const basic = (thirdParty: Pick<ThirdParty, 'clientId' | 'clientSecret'>) =>
    `Basic ${Buffer.from(`${encodeURIComponent(thirdParty.clientId)}:${encodeURIComponent(thirdParty.clientSecret)}`).toString('base64')}`;
  const introspect = (
    token: string,
    headers: Record<string, string> = {},
    body = `token=${encodeURIComponent(token)}`,
    localAddress?: string,
  ) =>
    httpRequest({
      method: 'POST',
      url: `${server.url}/oauth/introspect`,
      headers: {'Content-Type': 'application/x-www-form-urlencoded', ...headers},
      body,
      ...(localAddress ? {localAddress} : {}),
    });
  const ping = (authorization?: string, localAddress?: string, headers: Record<string, string> = {}) =>
    httpRequest({
      method: 'GET',
      url: `${server.url}/v1/ping`,
      headers: {...headers, ...(authorization === undefined ? {} : {Authorization: authorization})},
      ...(localAddress ? {localAddress} : {}),
    });
  return {env, data, server, logged, basic, introspect, ping};
};

export const jsonBody = (answer: {body: string}) => JSON.parse(answer.body) as Record<string, unknown>;

export interface RawExchange {
  /** Everything the server sent. */
  readonly text: string;
  /** Whether the server closed the connection (else the wait ran out). */
  readonly closed: boolean;
  /** Bytes of the request the socket took before the server closed it. */
  readonly written: number;
}

/**
 * Writes `head`, then `body` chunks (each as soon as the previous one drained) until the server
 * closes the connection, the chunks run out, or `waitMs` passes after the last write.
 */
export const rawExchange = (port: number, head: string, body: Iterable<string | Buffer> = [], waitMs = 1_000): Promise<RawExchange> =>
  new Promise((resolve, reject) => {
    let text = '';
    let written = 0;
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({text, closed, written});
    };
    const chunks = body[Symbol.iterator]();
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(head);
      const pump = () => {
        for (;;) {
          if (done || socket.destroyed) return;
          const next = chunks.next();
          if (next.done) {
            timer = setTimeout(() => finish(false), waitMs);
            return;
          }
          written += next.value.length;
          if (!socket.write(next.value)) {
            socket.once('drain', pump);
            return;
          }
        }
      };
      pump();
    });
    socket.on('data', chunk => {
      text += chunk.toString('latin1');
    });
    socket.once('close', () => finish(true));
    socket.once('end', () => finish(true));
    socket.once('error', error =>
      (error as NodeJS.ErrnoException).code === 'ECONNRESET' || (error as NodeJS.ErrnoException).code === 'EPIPE'
        ? finish(true)
        : reject(error),
    );
  });

/** The status codes of the answers in what the server sent, in order (100 Continue included). */
export const statusesOf = (text: string): number[] => [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map(match => Number(match[1]));

/** Endless copies of one chunk, as many as `count`. */
export function* repeated(chunk: string | Buffer, count: number): Generator<string | Buffer> {
  for (let index = 0; index < count; index++) yield chunk;
}
