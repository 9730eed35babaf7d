/**
 * A load balancer for tests: an HTTP reverse proxy on a loopback port that sends each request to
 * the next server in turn (HAProxy's `balance roundrobin`, nginx's default), with the client's
 * address in X-Forwarded-For. It records which server answered each path.
 */
import {createServer, request} from 'node:http';
import type {AddressInfo} from 'node:net';

export interface RoundRobinProxy {
  /** Where clients reach it: the servers' public address (their --issuer). */
  readonly url: string;
  /** The servers, once they listen: requests before that are answered 502. */
  route(targets: readonly string[]): void;
  /** Each request's path and the server it went to, in order. */
  readonly served: ReadonlyArray<{readonly path: string; readonly target: string}>;
  close(): Promise<void>;
}

export const roundRobinProxy = async (): Promise<RoundRobinProxy> => {
  let targets: readonly string[] = [];
  let next = 0;
  const served: {path: string; target: string}[] = [];
  const proxy = createServer((req, res) => {
    const target = targets[next++ % Math.max(1, targets.length)];
    if (!target) {
      res.writeHead(502).end();
      return;
    }
    const path = req.url ?? '/';
    served.push({path, target});
    const upstream = request(
      `${target}${path}`,
      {method: req.method, headers: {...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? ''}, agent: false},
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.once('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve));
  const {port} = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    route: servers => {
      targets = servers;
    },
    served,
    close: () =>
      new Promise(resolve => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
};
