/** `tpa serve` over real HTTP on an ephemeral loopback port: every status of the issue, reloads, curl, the log. */
import {execFile, spawn} from 'node:child_process';
import {existsSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {connect} from 'node:net';
import {promisify} from 'node:util';
import test from 'ava';
import {accessLogPath, serverInfoPath} from '../source/store/index.js';
import {createLastUsedReader, lastUsedIndexPath} from '../source/server/last-used-index.js';
import {httpRequest} from '../source/server/http-request.js';
import {testAccessCommand} from '../source/domain/index.js';
import {testEnvironment} from './helpers/environment.js';
import {testEachEngine} from './helpers/engines.js';
import {writeSampleData} from './helpers/sample-data.js';
import {CLI} from './helpers/pty-console.js';
import {jsonBody, startSampleServer} from './helpers/server-fixture.js';

const run = promisify(execFile);

// One fixture for every server test (helpers/server-fixture.ts).
const start = startSampleServer;
const body = jsonBody;

/** Polls until the check holds; fails the test with the last value after the timeout. */
const eventually = async <T>(read: () => Promise<T>, holds: (value: T) => boolean, timeout = 5_000): Promise<T> => {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (holds(value) || Date.now() > deadline) return value;
    await new Promise(resolve => setTimeout(resolve, 20));
  }
};

testEachEngine('GET /healthz answers 200 with the revision', async (t, engine) => {
  const {server, data} = await start({}, engine);
  t.teardown(server.close);
  const answer = await httpRequest({method: 'GET', url: `${server.url}/healthz`});
  t.is(answer.status, 200);
  t.deepEqual(body(answer), {status: 'ok', revision: data.store.database.revision});
  t.regex(String(answer.headers['content-type']), /^application\/json/);
});

testEachEngine('introspection with HTTP Basic: an active token', async (t, engine) => {
  const {server, data, basic, introspect} = await start({}, engine);
  t.teardown(server.close);
  const token = data.acme.tokens[0]!;
  const answer = await introspect(token.token, {Authorization: basic(data.acme)});
  t.is(answer.status, 200);
  t.deepEqual(body(answer), {
    active: true,
    client_id: data.acme.clientId,
    token_type: 'Bearer',
    iat: Math.floor(Date.parse(token.createdAt) / 1000),
    exp: Math.floor(Date.parse(token.expiresAt!) / 1000),
  });
  t.is(answer.headers['cache-control'], 'no-store');
});

testEachEngine('introspection with the client in the form body', async (t, engine) => {
  const {server, data, introspect} = await start({}, engine);
  t.teardown(server.close);
  const form = new URLSearchParams({
    token: data.city.tokens[0]!.token,
    client_id: data.city.clientId,
    client_secret: data.city.clientSecret,
  });
  const answer = await introspect('', {}, form.toString());
  t.is(answer.status, 200);
  t.is(body(answer)['active'], true);
});

testEachEngine(
  'introspection: a wrong secret, or no client authentication, is 401 invalid_client with a Basic challenge',
  async (t, engine) => {
    const {server, data, basic, introspect} = await start({}, engine);
    t.teardown(server.close);
    const token = data.acme.tokens[0]!.token;
    for (const headers of [{Authorization: basic({clientId: data.acme.clientId, clientSecret: data.city.clientSecret})}, {}] as Record<
      string,
      string
    >[]) {
      const answer = await introspect(token, headers);
      t.is(answer.status, 401);
      t.is(body(answer)['error'], 'invalid_client');
      t.regex(String(answer.headers['www-authenticate']), /^Basic realm="tpa"/);
    }
  },
);

testEachEngine('introspection: a token that is not active is just {"active":false}', async (t, engine) => {
  const {server, data, basic, introspect} = await start({}, engine);
  t.teardown(server.close);
  for (const [owner, token] of [
    [data.old, data.old.tokens[0]!.token], // expired
    [data.acme, data.city.tokens[0]!.token], // issued to another client
    [data.acme, 'tpat_unknown'],
  ] as const) {
    const answer = await introspect(token, {Authorization: basic(owner)});
    t.is(answer.status, 200);
    t.is(answer.body, '{"active":false}');
  }
});

testEachEngine('introspection: bad requests are 400 invalid_request', async (t, engine) => {
  const {server, data, basic, introspect} = await start({}, engine);
  t.teardown(server.close);
  const token = data.acme.tokens[0]!.token;
  const auth = {Authorization: basic(data.acme)};
  const cases = [
    introspect(token, auth, ''), // no token
    introspect(token, {...auth, 'Content-Type': 'application/json'}, JSON.stringify({token})),
    introspect(token, auth, `token=${token}&token=${token}`),
    introspect(token, auth, `token=${token}&client_id=${data.acme.clientId}&client_secret=${data.acme.clientSecret}`), // two ways at once
    introspect(token, {Authorization: 'Basic !!!'}),
  ];
  for (const answer of await Promise.all(cases)) {
    t.is(answer.status, 400);
    t.is(body(answer)['error'], 'invalid_request');
  }
});

testEachEngine('ping with a valid bearer token: 200 with the name and the expiry', async (t, engine) => {
  const {server, data, ping} = await start({}, engine);
  t.teardown(server.close);
  const token = data.acme.tokens[0]!;
  const answer = await ping(`Bearer ${token.token}`);
  t.is(answer.status, 200);
  t.deepEqual(body(answer), {
    message: 'Access granted',
    third_party: 'Acme Payments',
    client_id: data.acme.clientId,
    token_expires_at: token.expiresAt,
  });
});

testEachEngine('ping without a token: 401 with a challenge and no error code', async (t, engine) => {
  const {server, ping} = await start({}, engine);
  t.teardown(server.close);
  for (const authorization of [undefined, 'Basic dXNlcjpwYXNz']) {
    const answer = await ping(authorization);
    t.is(answer.status, 401);
    t.is(answer.headers['www-authenticate'], 'Bearer realm="tpa"');
  }
});

testEachEngine('ping with an unknown, inactive, expired or disabled token: 401 invalid_token', async (t, engine) => {
  const {server, data, ping} = await start({}, engine);
  t.teardown(server.close);
  await data.store.saveThirdParty({...data.city, enabled: false});
  await data.store.saveThirdParty({...data.acme, tokens: data.acme.tokens.map(token => ({...token, active: false}))});
  await eventually(
    () => ping(`Bearer ${data.acme.tokens[0]!.token}`),
    answer => answer.status === 401,
  );
  for (const token of ['tpat_unknown', data.acme.tokens[0]!.token, data.old.tokens[0]!.token, data.city.tokens[0]!.token]) {
    const answer = await ping(`Bearer ${token}`);
    t.is(answer.status, 401, token.slice(0, 8));
    t.regex(String(answer.headers['www-authenticate']), /^Bearer realm="tpa", error="invalid_token"/);
  }
});

testEachEngine('ping with a malformed Authorization header: 400 invalid_request', async (t, engine) => {
  const {server, ping} = await start({}, engine);
  t.teardown(server.close);
  for (const authorization of ['Bearer', 'Bearer ', 'Bearer two words', 'Bearer tpat_é']) {
    const answer = await ping(authorization);
    t.is(answer.status, 400, authorization);
    t.regex(String(answer.headers['www-authenticate']), /error="invalid_request"/);
  }
});

test('unknown paths are 404, wrong methods 405 with Allow', async t => {
  const {server} = await start();
  t.teardown(server.close);
  t.is((await httpRequest({method: 'GET', url: `${server.url}/oauth/tokens`})).status, 404);
  const getToken = await httpRequest({method: 'GET', url: `${server.url}/oauth/token`});
  t.is(getToken.status, 405);
  t.is(getToken.headers['allow'], 'POST');
  const getIntrospect = await httpRequest({method: 'GET', url: `${server.url}/oauth/introspect`});
  t.is(getIntrospect.status, 405);
  t.is(getIntrospect.headers['allow'], 'POST');
  const postPing = await httpRequest({method: 'POST', url: `${server.url}/v1/ping`, body: ''});
  t.is(postPing.status, 405);
  t.is(postPing.headers['allow'], 'GET, HEAD');
});

test('a body over the limit is 413, by its Content-Length or as it arrives', async t => {
  const {server, data, basic, introspect} = await start({bodyLimit: 1024});
  t.teardown(server.close);
  const big = `token=${'x'.repeat(2000)}`;
  const answer = await introspect('', {Authorization: basic(data.acme)}, big);
  t.is(answer.status, 413);
  // Chunked, without a Content-Length: refused while reading.
  const chunked = await new Promise<number>((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => {
      socket.write(
        `POST /oauth/introspect HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n`,
      );
      socket.write(`${(2000).toString(16)}\r\n${'y'.repeat(2000)}\r\n`);
    });
    socket.once('data', chunk => {
      resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(chunk.toString())?.[1]));
      socket.destroy();
    });
    socket.once('error', reject);
  });
  t.is(chunked, 413);
});

test('repeated failures from one address are throttled with 429 and Retry-After; other addresses are not', async t => {
  const {server, ping} = await start({throttle: {maxFailures: 3, windowMs: 60_000, blockMs: 30_000}});
  t.teardown(server.close);
  for (let attempt = 0; attempt < 3; attempt++) t.is((await ping('Bearer tpat_guess')).status, 401);
  const throttled = await ping('Bearer tpat_guess_again');
  t.is(throttled.status, 429);
  t.is(throttled.headers['retry-after'], '30');
  // Another loopback address is another client.
  t.is((await ping('Bearer tpat_guess', '127.0.0.2')).status, 401);
  // The health check is never throttled.
  t.is((await httpRequest({method: 'GET', url: `${server.url}/healthz`})).status, 200);
});

testEachEngine('a save made while the server runs is picked up without a restart', async (t, engine) => {
  const {server, data, ping} = await start({}, engine);
  t.teardown(server.close);
  const token = data.acme.tokens[0]!.token;
  t.is((await ping(`Bearer ${token}`)).status, 200);
  await data.store.saveThirdParty({...data.acme, enabled: false});
  const after = await eventually(
    () => ping(`Bearer ${token}`),
    answer => answer.status === 401,
  );
  t.is(after.status, 401);
  await data.store.saveThirdParty({...data.store.database.thirdParties.find(thirdParty => thirdParty.id === data.acme.id)!, enabled: true});
  t.is(
    (
      await eventually(
        () => ping(`Bearer ${token}`),
        answer => answer.status === 200,
      )
    ).status,
    200,
  );
  const health = body(await httpRequest({method: 'GET', url: `${server.url}/healthz`}));
  t.is(health['revision'], data.store.database.revision);
});

test('a data file that becomes invalid keeps the last good data and says why', async t => {
  const {server, data, ping, logged} = await start();
  t.teardown(server.close);
  const token = data.acme.tokens[0]!.token;
  writeFileSync(`${data.file}.tmp`, '{"schema": 1, "revision": 99, "thirdParties": [{"name": 3}]}');
  // Replaced by rename, as a save does.
  const {renameSync} = await import('node:fs');
  renameSync(`${data.file}.tmp`, data.file);
  const said = await eventually(
    async () => logged.join('\n'),
    text => text.includes('still answering from the last good data'),
  );
  t.regex(said, /is invalid: .*still answering from the last good data \(revision 3, 3 third parties\)/);
  t.is((await ping(`Bearer ${token}`)).status, 200);
});

testEachEngine('a request made with curl, as the README shows', async (t, engine) => {
  const {server, data} = await start({}, engine);
  t.teardown(server.close);
  const token = data.acme.tokens[0]!.token;
  const introspection = await run('/usr/bin/curl', [
    '-sS',
    '-u',
    `${data.acme.clientId}:${data.acme.clientSecret}`,
    '-d',
    `token=${token}`,
    `${server.url}/oauth/introspect`,
  ]);
  t.like(JSON.parse(introspection.stdout), {active: true, client_id: data.acme.clientId, token_type: 'Bearer'});
  const pinged = await run('/usr/bin/curl', ['-sS', '-H', `Authorization: Bearer ${token}`, `${server.url}/v1/ping`]);
  t.like(JSON.parse(pinged.stdout), {message: 'Access granted', third_party: 'Acme Payments'});
});

testEachEngine('the access log: one line per attempt, mode 0600, never a secret or a token; it gives Last used', async (t, engine) => {
  const {server, data, env, basic, introspect, ping} = await start({}, engine);
  const token = data.acme.tokens[0]!;
  await introspect(token.token, {Authorization: basic(data.acme)});
  await introspect(token.token, {Authorization: basic({clientId: data.acme.clientId, clientSecret: 'tpas_wrong'})});
  await ping(`Bearer ${data.old.tokens[0]!.token}`);
  await server.close();
  const file = accessLogPath(data.file);
  t.is(statSync(file).mode & 0o777, 0o600);
  const text = readFileSync(file, 'utf8');
  const entries = text
    .trim()
    .split('\n')
    .map(line => JSON.parse(line) as Record<string, unknown>);
  t.deepEqual(
    entries.map(({endpoint, status, result, clientId, tokenId}) => ({endpoint, status, result, clientId, tokenId})),
    [
      {endpoint: 'introspect', status: 200, result: 'granted', clientId: data.acme.clientId, tokenId: token.id},
      {endpoint: 'introspect', status: 401, result: 'invalid_client', clientId: data.acme.clientId, tokenId: null},
      {endpoint: 'ping', status: 401, result: 'denied', clientId: data.old.clientId, tokenId: data.old.tokens[0]!.id},
    ],
  );
  t.true(entries.every(entry => entry['remote'] === '127.0.0.1' && entry['time'] === env.now().toISOString()));
  for (const secret of [data.acme.clientSecret, token.token, data.old.tokens[0]!.token, 'tpas_wrong']) t.false(text.includes(secret));
  // As the console reads it: from the database (written in batches, the last one at close), else from the server's index beside the file.
  const lastUsed = await (data.store.lastUsed?.read() ?? createLastUsedReader(lastUsedIndexPath(data.file)).read());
  t.deepEqual([...lastUsed], [[token.id, env.now()]]);
});

test('Last used comes from the index the server keeps; a new map only when it changed', async t => {
  const {server, data, env, ping} = await start();
  t.teardown(server.close);
  const reader = createLastUsedReader(lastUsedIndexPath(data.file));
  t.is((await reader.read()).size, 0);
  await ping(`Bearer ${data.acme.tokens[0]!.token}`);
  const first = await eventually(
    () => reader.read(),
    map => map.size === 1,
  );
  t.deepEqual(first.get(data.acme.tokens[0]!.id), env.now());
  env.setNow('2026-11-28T09:00:00.000Z');
  await ping(`Bearer ${data.acme.tokens[0]!.token}`);
  await ping(`Bearer ${data.city.tokens[0]!.token}`);
  const second = await eventually(
    () => reader.read(),
    map => map.size === 2,
  );
  t.deepEqual(second.get(data.acme.tokens[0]!.id), new Date('2026-11-28T09:00:00.000Z'));
  t.not(first, second, 'a new map, so that the console redraws');
  // The server may still be writing its gathered lines: compare two reads once it is quiet.
  const settled = await reader.read();
  t.is(await reader.read(), settled, 'the same map while the index is unchanged');
  t.is(statSync(lastUsedIndexPath(data.file)).mode & 0o777, 0o600);
});

test('a slow client that never finishes its headers is disconnected', async t => {
  const {server} = await start({timeouts: {headersMs: 300, requestMs: 600, keepAliveMs: 300, checkEveryMs: 100}});
  t.teardown(server.close);
  const started = Date.now();
  const closedAfter = await new Promise<number>((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.write('GET /v1/ping HTTP/1.1\r\nHost: x\r\n'));
    socket.on('data', () => undefined);
    socket.once('close', () => resolve(Date.now() - started));
    socket.once('error', reject);
    setTimeout(() => reject(new Error('the server kept the slow connection open')), 5_000).unref();
  });
  t.true(closedAfter < 3_000, `closed after ${closedAfter} ms`);
});

test('the server never writes the data file; its server file is 0600 while it runs and gone after', async t => {
  const {server, data, basic, introspect, ping} = await start();
  const before = readFileSync(data.file);
  const mtime = statSync(data.file).mtimeMs;
  t.is(statSync(serverInfoPath(data.file)).mode & 0o777, 0o600);
  t.like(JSON.parse(readFileSync(serverInfoPath(data.file), 'utf8')), {pid: process.pid, host: '127.0.0.1', port: server.port});
  await introspect(data.acme.tokens[0]!.token, {Authorization: basic(data.acme)});
  await ping(`Bearer ${data.acme.tokens[0]!.token}`);
  await server.close();
  t.deepEqual(readFileSync(data.file), before);
  t.is(statSync(data.file).mtimeMs, mtime);
  t.false(existsSync(serverInfoPath(data.file)));
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  testEachEngine(`tpa serve stops cleanly on ${signal}`, async (t, engine) => {
    const env = testEnvironment(new Date());
    const data = await writeSampleData(env, await engine.place(undefined, env));
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data', data.place!.data], {stdio: ['ignore', 'ignore', 'pipe']});
    let stderr = '';
    const listening = new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const url = /listening on (http:\/\/\S+)/.exec(stderr)?.[1];
        if (url) resolve(url);
      });
      child.once('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    const url = await listening;
    t.regex(url, /^http:\/\/127\.0\.0\.1:\d+$/, 'binds 127.0.0.1 by default');
    t.is((await httpRequest({method: 'GET', url: `${url}/healthz`})).status, 200);
    const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));
    child.kill(signal);
    t.is(await exited, 0);
    t.false(existsSync(serverInfoPath(data.file)));
    await t.throwsAsync(httpRequest({method: 'GET', url: `${url}/healthz`, timeoutMs: 1_000}));
  });
}

test('tpa serve refuses a second server for the same data file, and an invalid data file', async t => {
  const {server, data} = await start();
  t.teardown(server.close);
  // The running one is in this process; the second is another process.
  const second = await run(process.execPath, [CLI, 'serve', '--port', '0', '--data', data.file]).catch(
    (error: {code: number; stderr: string}) => error,
  );
  t.is((second as {code: number}).code, 1);
  t.regex((second as {stderr: string}).stderr, /already running at http:\/\/127\.0\.0\.1:\d+ \(pid \d+\)/);
  // With no server running, an invalid data file: exit 5 (README, exit codes).
  await server.close();
  writeFileSync(`${data.file}`, 'not json');
  const invalid = await run(process.execPath, [CLI, 'serve', '--port', '0', '--data', data.file, '--host', '127.0.0.1']).catch(
    (error: {code: number; stderr: string}) => error,
  );
  t.is((invalid as {code: number}).code, 5);
  t.regex((invalid as {stderr: string}).stderr, /The server did not start/);
});

testEachEngine('the test command on the OAuth information sheet works against the server as it is', async (t, engine) => {
  const {server, data} = await start({}, engine);
  t.teardown(server.close);
  const command = testAccessCommand(data.acme.clientId, data.acme.clientSecret, data.acme.tokens[0]!.token, server.url);
  const {stdout} = await run('/bin/sh', ['-c', command]);
  t.like(JSON.parse(stdout), {active: true, client_id: data.acme.clientId});
});
