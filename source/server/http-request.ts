/** One small HTTP request over node:http, timed: the console's test through the server, and the tests. */
import {request, type IncomingHttpHeaders} from 'node:http';
import {performance} from 'node:perf_hooks';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** From sending the request to the last byte of the answer. */
  readonly ms: number;
}

export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs?: number;
  /** The local address to send from (tests use 127.0.0.2 to be another client). */
  readonly localAddress?: string;
}

export const httpRequest = (options: HttpRequest): Promise<HttpAnswer> =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      options.url,
      {
        method: options.method,
        headers: {...options.headers, ...(options.body === undefined ? {} : {'Content-Length': String(Buffer.byteLength(options.body))})},
        timeout: options.timeoutMs ?? 5_000,
        agent: false,
        ...(options.localAddress ? {localAddress: options.localAddress} : {}),
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.once('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
        res.once('error', reject);
      },
    );
    req.once('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs ?? 5_000} ms`)));
    req.once('error', reject);
    req.end(options.body);
  });
