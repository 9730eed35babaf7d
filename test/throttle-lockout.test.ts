/**
 * Issue 17 §2: nobody can lock a client out. The throttle decides before any route runs, a
 * request with the right credentials is never refused, and failures count per client ID and
 * address, and per address (ARCHITECTURE.md, The server).
 */
import test from 'ava';
import type {ThirdParty} from '../source/domain/index.js';
import {httpRequest} from '../source/server/http-request.js';
import {routeTable} from '../source/server/route.js';
import {json} from '../source/server/respond.js';
import type {ServerOptions} from '../source/server/start-server.js';
import {testEnvironment} from './helpers/environment.js';
import {authorizeFrom, basic, exchangeCode, makeOAuthThirdParties, postForm, serveOn} from './helpers/oauth-server.js';
import {fileEngine, testEachEngine, type EngineFactory, type EnginePlace} from './helpers/engines.js';
import {startSampleServer} from './helpers/server-fixture.js';

const THROTTLE = {maxFailures: 3, windowMs: 60_000, blockMs: 30_000};

const start = async (engine: EngineFactory, options: Partial<ServerOptions> = {}) => {
  const thirdParties = makeOAuthThirdParties(testEnvironment(new Date().toISOString()));
  return {thirdParties, ...(await serveOn(engine, Object.values(thirdParties), {throttle: THROTTLE, ...options}))};
};

const wrongSecret = (thirdParty: ThirdParty) => basic({clientId: thirdParty.clientId, clientSecret: 'tpas_wrong'});

/** A code for an automatic client (no authentication needed), exchanged with `authorization` from `localAddress`. */
const exchange = async (url: string, thirdParty: ThirdParty, authorization = basic(thirdParty), localAddress?: string) => {
  const {code, verifier} = await authorizeFrom(url, thirdParty);
  return exchangeCode(url, thirdParty, code!, verifier, authorization, localAddress);
};

const tokensOf = async (place: EnginePlace, thirdParty: ThirdParty) =>
  (await place.stored()).thirdParties.find(candidate => candidate.id === thirdParty.id)!.tokens;

test('wrong secrets from one address lock nobody out: the right secret works from every address, the guesser is slowed', async t => {
  const {server, thirdParties} = await start(fileEngine(t));
  t.teardown(() => server.close());
  const acme = thirdParties.automatic;
  const introspect = (authorization: string, localAddress: string) =>
    postForm(`${server.url}/oauth/introspect`, {token: acme.tokens[0]!.token}, authorization, localAddress);
  for (let attempt = 0; attempt < 3; attempt++) t.is((await introspect(wrongSecret(acme), '127.0.0.2')).status, 401);
  const guessed = await introspect(wrongSecret(acme), '127.0.0.2');
  t.is(guessed.status, 429);
  t.is(guessed.headers['retry-after'], '30');
  // The right secret: from another address, and from the guesser's own address too.
  t.is((await introspect(basic(acme), '127.0.0.1')).status, 200);
  t.is((await introspect(basic(acme), '127.0.0.2')).status, 200);
  // Another address guessing the same client is counted on its own.
  t.is((await introspect(wrongSecret(acme), '127.0.0.3')).status, 401);
});

test('failures count per client ID and address, and per address: one address spraying client IDs is slowed for all of them', async t => {
  const {server, thirdParties} = await start(fileEngine(t), {throttle: {...THROTTLE, maxAddressFailures: 5}});
  t.teardown(() => server.close());
  const {automatic: acme, ask: beta, disabled: city} = thirdParties;
  const introspect = (thirdParty: ThirdParty, authorization: string, localAddress: string) =>
    postForm(`${server.url}/oauth/introspect`, {token: thirdParty.tokens[0]!.token}, authorization, localAddress);
  for (let attempt = 0; attempt < 3; attempt++) t.is((await introspect(acme, wrongSecret(acme), '127.0.0.2')).status, 401);
  t.is((await introspect(acme, wrongSecret(acme), '127.0.0.2')).status, 429);
  // Another client ID from the same address: its own count, until the address has failed five times.
  t.is((await introspect(beta, wrongSecret(beta), '127.0.0.2')).status, 401);
  t.is((await introspect(beta, wrongSecret(beta), '127.0.0.2')).status, 401);
  t.is((await introspect(city, wrongSecret(city), '127.0.0.2')).status, 429);
  t.is((await introspect(city, wrongSecret(city), '127.0.0.3')).status, 401);
  // The right credentials still pass from the blocked address.
  t.is((await introspect(beta, basic(beta), '127.0.0.2')).status, 200);
});

testEachEngine(
  'a client others failed for exchanges its code, from the blocked address too: 200, one new token, the earlier automatic token replaced once; a refused exchange spends no code',
  async (t, engine) => {
    const {server, thirdParties, place} = await start(engine);
    t.teardown(() => server.close());
    const acme = thirdParties.automatic;
    const first = await exchange(server.url, acme);
    t.is(first.status, 200);
    const firstToken = (JSON.parse(first.body) as {access_token: string}).access_token;
    for (let attempt = 0; attempt < 3; attempt++) t.is((await exchange(server.url, acme, wrongSecret(acme), '127.0.0.2')).status, 401);
    const {code, verifier} = await authorizeFrom(server.url, acme);
    t.is((await exchangeCode(server.url, acme, code!, verifier, wrongSecret(acme), '127.0.0.2')).status, 429);
    // The same code, the right secret, the blocked address.
    const second = await exchangeCode(server.url, acme, code!, verifier, basic(acme), '127.0.0.2');
    t.is(second.status, 200, second.body);
    const secondToken = (JSON.parse(second.body) as {access_token: string}).access_token;
    const tokens = await tokensOf(place, acme);
    t.false(tokens.find(token => token.token === firstToken)!.active, 'the earlier automatic token is replaced');
    t.true(tokens.find(token => token.token === secondToken)!.active);
    t.is(tokens.filter(token => token.active && token.token !== acme.tokens[0]!.token).length, 1);
  },
);

testEachEngine(
  'a client others failed for revokes its token: 200, and the token is revoked; a refused revoke changes nothing',
  async (t, engine) => {
    const {server, thirdParties, place} = await start(engine);
    t.teardown(() => server.close());
    const acme = thirdParties.automatic;
    const token = acme.tokens[0]!.token;
    const revoke = (authorization: string, localAddress?: string) =>
      postForm(`${server.url}/oauth/revoke`, {token}, authorization, localAddress);
    for (let attempt = 0; attempt < 3; attempt++) t.is((await revoke(wrongSecret(acme), '127.0.0.2')).status, 401);
    t.is((await revoke(wrongSecret(acme), '127.0.0.2')).status, 429);
    t.true((await tokensOf(place, acme))[0]!.active, 'nothing revoked by refused requests');
    t.is((await revoke(basic(acme), '127.0.0.2')).status, 200);
    t.false((await tokensOf(place, acme))[0]!.active);
  },
);

test('a refused request never reaches its route: the throttle decides before any work', async t => {
  let runs = 0;
  const routes = routeTable([
    {
      path: '/work',
      methods: ['POST'],
      logAs: 'work',
      prepare: () => ({
        authentication: {kind: 'failed', clientId: null},
        run: () => {
          runs++;
          return {reply: json(401, {error: 'invalid_client'}), result: 'invalid_client'};
        },
      }),
    },
  ]);
  const {server} = await startSampleServer({throttle: THROTTLE, routes});
  t.teardown(server.close);
  const post = () => httpRequest({method: 'POST', url: `${server.url}/work`, body: ''});
  for (let attempt = 0; attempt < 3; attempt++) t.is((await post()).status, 401);
  t.is((await post()).status, 429);
  t.is((await post()).status, 429);
  t.is(runs, 3);
});
