/**
 * Introspection on a database answers from each server's memory: the index is refreshed from
 * NOTIFY, so a third party disabled or a token's Active cleared elsewhere stops answering on
 * every server within a second, and answering asks nothing of the database per request.
 */
import test from 'ava';
import {commandActor} from '../source/domain/index.js';
import {tpa} from './helpers/cli.js';
import {databaseOf, freshFolder} from './helpers/data-files.js';
import {postgresEngine, postgresOfThisFile, type EnginePlace} from './helpers/engines.js';
import {testEnvironment} from './helpers/environment.js';
import {authorizeFrom, basic, exchangeCode, makeOAuthThirdParties, postForm, spawnServe} from './helpers/oauth-server.js';
import {countStatements} from './helpers/statement-counter.js';
import {within} from './helpers/poll.js';

const oauthPlace = async (t: Parameters<typeof postgresEngine>[0]) => {
  const thirdParties = makeOAuthThirdParties(testEnvironment(new Date()));
  return {thirdParties, place: await postgresEngine(t).place(databaseOf(Object.values(thirdParties)))};
};

/** A token from `url` for the automatic third party. */
const tokenFrom = async (url: string, thirdParty: ReturnType<typeof makeOAuthThirdParties>['automatic']) => {
  const {code, verifier} = await authorizeFrom(url, thirdParty);
  const answer = await exchangeCode(url, thirdParty, code!, verifier);
  return JSON.parse(answer.body).access_token as string;
};

const activeAt = async (url: string, token: string, thirdParty: ReturnType<typeof makeOAuthThirdParties>['automatic']) =>
  JSON.parse((await postForm(`${url}/oauth/introspect`, {token}, basic(thirdParty))).body).active as boolean;

/** Whether the token is active on each server. */
const activeOn = (urls: readonly string[], token: string, thirdParty: ReturnType<typeof makeOAuthThirdParties>['automatic']) =>
  Promise.all(urls.map(url => activeAt(url, token, thirdParty)));

const clearActive = async (place: EnginePlace, token: string) => {
  const store = await place.store({now: () => new Date()}, {actor: commandActor('alice@host')});
  const record = store.database.thirdParties.find(thirdParty => thirdParty.tokens.some(candidate => candidate.token === token))!;
  const outcome = await store.saveThirdParty({
    ...record,
    tokens: record.tokens.map(candidate => (candidate.token === token ? {...candidate, active: false} : candidate)),
  });
  if (outcome.kind !== 'saved') throw new Error(outcome.kind);
};

test('a token cleared Active, then a third party disabled, elsewhere: inactive on both servers within a second', async t => {
  const {thirdParties, place} = await oauthPlace(t);
  const acme = thirdParties.automatic;
  const servers = await Promise.all([0, 1].map(() => spawnServe(place.data, [], {XDG_STATE_HOME: freshFolder()})));
  for (const server of servers) t.teardown(() => server.stop());
  const urls = servers.map(server => server.url);

  // Active cleared by a console's save.
  const first = await tokenFrom(urls[0]!, acme);
  await within(1_000, async () => (await activeOn(urls, first, acme)).every(Boolean));
  await clearActive(place, first);
  const cleared = await within(1_000, async () => (await activeOn(urls, first, acme)).every(active => !active));
  t.log(`Active cleared: inactive on both servers after ${cleared} ms`);

  // The third party disabled by a command.
  const second = await tokenFrom(urls[1]!, acme);
  await within(1_000, async () => (await activeOn(urls, second, acme)).every(Boolean));
  const disabled = await tpa(['disable', acme.name, '--data', place.data]);
  t.is(disabled.code, 0, disabled.stderr);
  const off = await within(1_000, async () => (await activeOn(urls, second, acme)).every(active => !active));
  t.log(`disabled: inactive on both servers after ${off} ms`);
});

test('answering introspection and pings asks nothing of the database per request', async t => {
  const {thirdParties, place} = await oauthPlace(t);
  const acme = thirdParties.automatic;
  const postgres = await postgresOfThisFile();
  const counter = await countStatements(postgres.port);
  t.teardown(() => counter.close());
  // The server reaches the database through the counter.
  const data = new URL(place.data);
  data.port = String(counter.port);
  data.searchParams.set('sslmode', 'disable');
  const server = await spawnServe(data.href);
  t.teardown(() => server.stop());
  const token = await tokenFrom(server.url, acme);
  t.true(await activeAt(server.url, token, acme));

  const before = counter.statements();
  // The counter sees the server's statements: the code and the token took some.
  t.true(before > 5, `${before} statements to issue a token`);
  const started = Date.now();
  const requests = 300;
  for (let index = 0; index < requests; index += 10)
    await Promise.all(
      Array.from({length: 10}, (_, offset) =>
        (index + offset) % 2 === 0
          ? activeAt(server.url, token, acme)
          : fetch(`${server.url}/v1/ping`, {headers: {Authorization: `Bearer ${token}`}}).then(answer => answer.ok),
      ),
    ).then(answers => t.true(answers.every(Boolean)));
  const seconds = (Date.now() - started) / 1000;
  const asked = counter.statements() - before;
  t.log(`${requests} requests in ${seconds.toFixed(1)} s: ${asked} statements (Last used in batches, heartbeats)`);
  // Last used goes in batches at most once a second, the listeners' heartbeats every few seconds.
  t.true(asked < 10 + 5 * seconds, `${asked} statements for ${requests} requests`);
});
