/** Bounded requests on every route, and the HTTP forms standard clients send (raw sockets and oauth4webapi). */
import test from 'ava';
import * as oauth from 'oauth4webapi';
import {httpRequest} from '../source/server/http-request.js';
import {jsonBody, rawExchange, repeated, startSampleServer, statusesOf} from './helpers/server-fixture.js';

const EIGHT_MB_IN_64_KB = 128;
const CHUNK = `${(64 * 1024).toString(16)}\r\n${'x'.repeat(64 * 1024)}\r\n`;

test('a GET /v1/ping that declares a huge body gets 413 at once and the connection closes', async t => {
  const {server} = await startSampleServer();
  t.teardown(server.close);
  const exchange = await rawExchange(server.port, 'GET /v1/ping HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000000\r\n\r\n', [], 3_000);
  t.deepEqual(statusesOf(exchange.text), [413]);
  t.true(exchange.closed);
});

for (const target of ['/v1/ping', '/healthz', '/nowhere']) {
  test(`an endless chunked body on ${target} is cut off: 413 or an answer, then the connection closes`, async t => {
    const {server} = await startSampleServer();
    t.teardown(server.close);
    const exchange = await rawExchange(
      server.port,
      `GET ${target} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n`,
      repeated(CHUNK, EIGHT_MB_IN_64_KB),
      3_000,
    );
    t.true(exchange.closed, `the server was still reading after ${exchange.written} bytes`);
    t.true(exchange.written < 8 * 1024 * 1024, `the server took ${exchange.written} bytes`);
    t.is(statusesOf(exchange.text).length, 1);
  });
}

test('Expect: 100-continue with a Content-Length over the limit gets 413 without 100 Continue', async t => {
  const {server} = await startSampleServer();
  t.teardown(server.close);
  const exchange = await rawExchange(
    server.port,
    'POST /oauth/introspect HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\nExpect: 100-continue\r\n\r\n',
    [],
    2_000,
  );
  t.deepEqual(statusesOf(exchange.text), [413]);
  t.true(exchange.closed);
});

test('Expect: 100-continue with a small body gets 100 Continue, then the answer', async t => {
  const {server, data, basic} = await startSampleServer();
  t.teardown(server.close);
  const form = `token=${data.acme.tokens[0]!.token}`;
  const exchange = await rawExchange(
    server.port,
    `POST /oauth/introspect HTTP/1.1\r\nHost: x\r\nAuthorization: ${basic(data.acme)}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${form.length}\r\nExpect: 100-continue\r\n\r\n`,
    [form],
    500,
  );
  t.deepEqual(statusesOf(exchange.text), [100, 200]);
  t.regex(exchange.text, /"active":true/);
});

test('HTTP Basic plus the same client_id in the body is accepted; another client_id or a secret in the body is 400', async t => {
  const {server, data, basic, introspect} = await startSampleServer();
  t.teardown(server.close);
  const token = data.acme.tokens[0]!.token;
  const same = await introspect(
    '',
    {Authorization: basic(data.acme)},
    new URLSearchParams({token, client_id: data.acme.clientId}).toString(),
  );
  t.is(same.status, 200);
  t.is(jsonBody(same)['active'], true);
  const other = await introspect(
    '',
    {Authorization: basic(data.acme)},
    new URLSearchParams({token, client_id: data.city.clientId}).toString(),
  );
  t.is(other.status, 400);
  const twoMethods = await introspect(
    '',
    {Authorization: basic(data.acme)},
    new URLSearchParams({token, client_id: data.acme.clientId, client_secret: data.acme.clientSecret}).toString(),
  );
  t.is(twoMethods.status, 400);
});

test('HEAD is answered wherever GET is, without a body; 405 names both', async t => {
  const {server, data} = await startSampleServer();
  t.teardown(server.close);
  const ping = await httpRequest({
    method: 'HEAD',
    url: `${server.url}/v1/ping`,
    headers: {Authorization: `Bearer ${data.acme.tokens[0]!.token}`},
  });
  t.is(ping.status, 200);
  t.is(ping.body, '');
  t.true(Number(ping.headers['content-length']) > 0);
  t.is((await httpRequest({method: 'HEAD', url: `${server.url}/healthz`})).status, 200);
  t.is((await httpRequest({method: 'HEAD', url: `${server.url}/oauth/introspect`})).status, 405);
  t.is((await httpRequest({method: 'POST', url: `${server.url}/v1/ping`, body: ''})).headers['allow'], 'GET, HEAD');
});

test('every answer says Pragma: no-cache beside Cache-Control: no-store', async t => {
  const {server, data, basic, introspect, ping} = await startSampleServer();
  t.teardown(server.close);
  for (const answer of [
    await introspect(data.acme.tokens[0]!.token, {Authorization: basic(data.acme)}),
    await ping(),
    await httpRequest({method: 'GET', url: `${server.url}/healthz`}),
  ]) {
    t.is(answer.headers['cache-control'], 'no-store');
    t.is(answer.headers['pragma'], 'no-cache');
  }
});

test('an absolute-form request target is routed', async t => {
  const {server, data} = await startSampleServer();
  t.teardown(server.close);
  const exchange = await rawExchange(
    server.port,
    `GET http://127.0.0.1:${server.port}/v1/ping?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${data.acme.tokens[0]!.token}\r\nConnection: close\r\n\r\n`,
    [],
    2_000,
  );
  t.deepEqual(statusesOf(exchange.text), [200]);
  t.regex(exchange.text, /Access granted/);
});

test('two Authorization headers get 400', async t => {
  const {server, data, basic} = await startSampleServer();
  t.teardown(server.close);
  const token = data.acme.tokens[0]!.token;
  const ping = await rawExchange(
    server.port,
    `GET /v1/ping HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer tpat_guess\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`,
    [],
    2_000,
  );
  t.deepEqual(statusesOf(ping.text), [400]);
  const form = `token=${token}`;
  const introspection = await rawExchange(
    server.port,
    `POST /oauth/introspect HTTP/1.1\r\nHost: x\r\nAuthorization: ${basic(data.city)}\r\nAuthorization: ${basic(data.acme)}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${form.length}\r\nConnection: close\r\n\r\n${form}`,
    [],
    2_000,
  );
  t.deepEqual(statusesOf(introspection.text), [400]);
});

const introspectWith = async (
  url: string,
  clientId: string,
  authentication: oauth.ClientAuth,
  token: string,
  additionalParameters?: Record<string, string>,
) => {
  const as: oauth.AuthorizationServer = {issuer: url, introspection_endpoint: `${url}/oauth/introspect`};
  const client: oauth.Client = {client_id: clientId};
  const response = await oauth.introspectionRequest(as, client, authentication, token, {
    [oauth.allowInsecureRequests]: true,
    ...(additionalParameters ? {additionalParameters} : {}),
  });
  return oauth.processIntrospectionResponse(as, client, response);
};

test('oauth4webapi introspects with client_secret_basic and client_secret_post', async t => {
  const {server, data} = await startSampleServer();
  t.teardown(server.close);
  const token = data.acme.tokens[0]!.token;
  const {clientId, clientSecret} = data.acme;
  t.like(await introspectWith(server.url, clientId, oauth.ClientSecretBasic(clientSecret), token), {active: true, client_id: clientId});
  t.like(await introspectWith(server.url, clientId, oauth.ClientSecretPost(clientSecret), token), {active: true, client_id: clientId});
  // Some clients send their client_id in the body with Basic too.
  t.like(await introspectWith(server.url, clientId, oauth.ClientSecretBasic(clientSecret), token, {client_id: clientId}), {active: true});
  t.like(await introspectWith(server.url, clientId, oauth.ClientSecretBasic(clientSecret), data.old.tokens[0]!.token), {active: false});
  const wrong = await introspectWith(server.url, clientId, oauth.ClientSecretBasic('tpas_wrong'), token).then(
    () => undefined,
    (error: unknown) => error,
  );
  // A 401 with WWW-Authenticate: the library reports the Basic challenge.
  t.true(wrong instanceof oauth.WWWAuthenticateChallengeError);
  t.is((wrong as oauth.WWWAuthenticateChallengeError).status, 401);
  t.is((wrong as oauth.WWWAuthenticateChallengeError).cause[0]?.scheme, 'basic');
});
