/**
 * The authorization page's failures are in the access log too (issue 17 §5): a request whose
 * answer throws is a 500 (naming nothing of the server) with its line, the time it arrived. No
 * request from outside makes the page fail today, so the data it reads is made to throw here.
 */
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import test from 'ava';
import type {SavePipeline} from '../../store/index.js';
import type {AccessLogEntry} from '../access-log.js';
import {httpRequest} from '../http-request.js';
import {createAuthorizationServer} from './authorization-server.js';

test('an authorization request that fails is answered 500 and written to the access log', async t => {
  const logged: AccessLogEntry[] = [];
  const problems: string[] = [];
  const arrived = new Date('2026-11-27T10:00:00.000Z');
  const authorization = createAuthorizationServer({
    data: () => {
      throw new Error('the data of /secret/db.json is gone');
    },
    issuer: () => 'https://tpa.example.test',
    // Nothing is saved: no code is issued.
    pipeline: {} as SavePipeline,
    committed: () => undefined,
    env: {now: () => arrived, randomBytes: size => new Uint8Array(size)},
    adminKey: 'k'.repeat(43),
    bodyLimit: 4096,
    log: message => problems.push(message),
    accessLog: {write: entry => logged.push(entry), close: async () => undefined},
  });
  const server = createServer((req, res) => {
    if (!authorization.streamingRoutes(req, res, new URL(req.url ?? '/', 'http://x').pathname, '192.0.2.7')) res.end();
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    authorization.close();
    server.close();
  });
  const answer = await httpRequest({
    method: 'GET',
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth/authorize?client_id=x`,
  });
  t.is(answer.status, 500);
  t.notRegex(answer.body, /secret/);
  t.deepEqual(logged, [
    {
      time: arrived.toISOString(),
      remote: '192.0.2.7',
      endpoint: 'authorize',
      status: 500,
      result: 'invalid_request',
      clientId: null,
      tokenId: null,
    },
  ]);
  t.regex(problems.join('\n'), /is gone/);
});
