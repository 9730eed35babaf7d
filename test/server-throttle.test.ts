/** A fair throttle: only authentication failures count, per client ID or per address; the proxy's X-Forwarded-For; bounded table; connection cap. */
import {readFileSync} from 'node:fs';
import {connect} from 'node:net';
import test from 'ava';
import {FailureThrottle} from '../source/server/failure-throttle.js';
import {httpRequest} from '../source/server/http-request.js';
import {accessLogPath} from '../source/store/index.js';
import {jsonBody, startSampleServer} from './helpers/server-fixture.js';

const THROTTLE = {maxFailures: 3, windowMs: 60_000, blockMs: 30_000};

test('authenticated introspections of an expired token never lock the client or the address out', async t => {
  const {server, data, basic, introspect} = await startSampleServer({throttle: THROTTLE});
  t.teardown(server.close);
  for (let attempt = 0; attempt < 6; attempt++) {
    const answer = await introspect(data.old.tokens[0]!.token, {Authorization: basic(data.acme)});
    t.is(answer.status, 200);
    t.is(jsonBody(answer)['active'], false);
  }
  t.is(jsonBody(await introspect(data.acme.tokens[0]!.token, {Authorization: basic(data.acme)}))['active'], true);
  t.is(jsonBody(await introspect(data.city.tokens[0]!.token, {Authorization: basic(data.city)}))['active'], true);
});

test('wrong client secrets slow down those guesses only: the right secret and other clients behind the same address pass', async t => {
  const {server, data, basic, introspect} = await startSampleServer({throttle: THROTTLE});
  t.teardown(server.close);
  const wrong = {Authorization: basic({clientId: data.acme.clientId, clientSecret: 'tpas_wrong'})};
  for (let attempt = 0; attempt < 3; attempt++) t.is((await introspect(data.acme.tokens[0]!.token, wrong)).status, 401);
  const blocked = await introspect(data.acme.tokens[0]!.token, wrong);
  t.is(blocked.status, 429);
  t.is(blocked.headers['retry-after'], '30');
  t.is((await introspect(data.acme.tokens[0]!.token, {Authorization: basic(data.acme)})).status, 200);
  t.is((await introspect(data.city.tokens[0]!.token, {Authorization: basic(data.city)})).status, 200);
});

test('a success does not reset the failures of another key: guessing tokens between good requests is throttled', async t => {
  const {server, data, ping} = await startSampleServer({throttle: THROTTLE});
  t.teardown(server.close);
  const good = `Bearer ${data.acme.tokens[0]!.token}`;
  t.is((await ping('Bearer tpat_guess1')).status, 401);
  t.is((await ping('Bearer tpat_guess2')).status, 401);
  t.is((await ping(good)).status, 200);
  t.is((await ping('Bearer tpat_guess3')).status, 401);
  t.is((await ping('Bearer tpat_guess4')).status, 429);
  // The holder of the valid token is not blocked by the guesses.
  t.is((await ping(good)).status, 200);
});

test('pings without a token count as failures', async t => {
  const {server, ping} = await startSampleServer({throttle: THROTTLE});
  t.teardown(server.close);
  for (let attempt = 0; attempt < 3; attempt++) t.is((await ping()).status, 401);
  t.is((await ping()).status, 429);
});

test('--trust-proxy: the client is the last X-Forwarded-For entry, only when the peer is the proxy', async t => {
  const {server, data, ping} = await startSampleServer({throttle: THROTTLE, trustProxy: '127.0.0.1'});
  const forwarded = (address: string) => ({'X-Forwarded-For': address});
  // Through the proxy: one client's guesses block that client only. What the client put in front is ignored.
  for (let attempt = 0; attempt < 3; attempt++)
    t.is((await ping('Bearer tpat_guess', undefined, forwarded(`198.51.100.${attempt}, 203.0.113.5`))).status, 401);
  t.is((await ping('Bearer tpat_guess', undefined, forwarded('203.0.113.5'))).status, 429);
  t.is((await ping('Bearer tpat_guess', undefined, forwarded('203.0.113.6'))).status, 401);
  // Not from the proxy: X-Forwarded-For is not believed, so changing it does not escape the block.
  for (let attempt = 0; attempt < 3; attempt++)
    t.is((await ping('Bearer tpat_guess', '127.0.0.2', forwarded(`203.0.113.${10 + attempt}`))).status, 401);
  t.is((await ping('Bearer tpat_guess', '127.0.0.2', forwarded('203.0.113.99'))).status, 429);
  t.is((await ping(`Bearer ${data.acme.tokens[0]!.token}`, undefined, forwarded('203.0.113.5'))).status, 200);
  await server.close();
  const remotes = readFileSync(accessLogPath(data.file), 'utf8')
    .trim()
    .split('\n')
    .map(line => (JSON.parse(line) as {remote: string}).remote);
  t.deepEqual(new Set(remotes), new Set(['203.0.113.5', '203.0.113.6', '127.0.0.2']));
});

test('the throttle table stays bounded however many addresses fail, and a blocked key stays blocked', t => {
  const throttle = new FailureThrottle({...THROTTLE, maxKeys: 1_000});
  const now = 1_000_000;
  const failed = {kind: 'failed', clientId: null} as const;
  const retryAfter = (address: string, at: number) => {
    const admission = throttle.admit(address, failed, at);
    return admission.proceed ? 0 : admission.retryAfter;
  };
  for (let attempt = 0; attempt < 3; attempt++) throttle.admit('203.0.113.5', failed, now);
  t.is(retryAfter('203.0.113.5', now), 30);
  // A flood of new keys: the table keeps at most maxKeys of them, and the blocked key stays blocked.
  for (let index = 0; index < 10_000; index++) throttle.admit(`10.0.${index >> 8}.${index & 255}`, failed, now + 1 + index);
  t.true(throttle.size <= 1_002, `${throttle.size} keys held`);
  t.true(retryAfter('203.0.113.5', now + 20_000) > 0);
  t.is(retryAfter('203.0.113.5', now + 30_000), 0, 'the block is over');
  // Long after, old keys are gone.
  throttle.admit('192.0.2.1', failed, now + 200_000);
  throttle.admit('192.0.2.2', failed, now + 400_000);
  // The last two attempts' keys (client and address each), and at most the one old block (blocks age when one is set).
  t.true(throttle.size <= 5, `${throttle.size} keys held`);
});

test('a cap on open connections: past it new connections are closed at once, and the log says so once', async t => {
  const {server, logged} = await startSampleServer({maxConnections: 2});
  t.teardown(server.close);
  const open = () =>
    new Promise<ReturnType<typeof connect>>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => resolve(socket));
      socket.once('error', reject);
    });
  const held = [await open(), await open()];
  t.teardown(() => held.forEach(socket => socket.destroy()));
  // Let the server count them.
  t.is((await httpRequest({method: 'GET', url: `${server.url}/healthz`}).catch(() => undefined))?.status, undefined);
  for (let attempt = 0; attempt < 3; attempt++) {
    const closed = await new Promise<boolean>(resolve => {
      const socket = connect(server.port, '127.0.0.1', () => socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'));
      let answered = false;
      socket.on('data', () => (answered = true));
      socket.once('close', () => resolve(!answered));
      socket.once('error', () => undefined);
    });
    t.true(closed, 'a connection past the cap was answered');
  }
  const lines = logged.filter(line => /connections are open/.test(line));
  t.is(lines.length, 1);
  t.regex(lines[0]!, /^2 connections are open, the most allowed: new connections are refused/);
  held.forEach(socket => socket.destroy());
});
