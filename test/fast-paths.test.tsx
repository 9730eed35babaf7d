/**
 * The shortcuts taken for speed (issue 6) give the same results as the long way: the token grid
 * redrawn only when a cell changes, secrets hashed once per record, a save that checks only the
 * changed record, access log lines written together, React's production build for the console.
 */
import {execFileSync} from 'node:child_process';
import {mkdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import {
  addToken,
  checkAccess,
  clientSecretMatches,
  createThirdParty,
  matchClientSecret,
  rotateClientSecret,
  SCHEMA_VERSION,
  sha256,
  storedDigest,
  type Database,
} from '../source/domain/index.js';
import {openAccessLog, type AccessLogEntry} from '../source/server/access-log.js';
import {openThirdPartyStore} from '../source/store/index.js';
import {testEnvironment} from './helpers/environment.js';
import {temporaryDataFile} from './helpers/files.js';
import {KEYS, REPOSITORY} from './helpers/pty-console.js';
import {renderConsole} from './helpers/render-console.js';

const env = testEnvironment('2026-11-27T10:00:00.000Z', 'fast-paths');
const at = (iso: string) => ({...env, now: () => new Date(iso)});

test('moving in the token grid moves the marker; a toggled Active redraws its row', async t => {
  let acme = {...createThirdParty(env, 'Acme Payments'), enabled: true};
  for (const day of ['2026-09-01', '2026-10-01', '2026-11-01']) acme = addToken(acme, at(`${day}T10:00:00.000Z`));
  const database: Database = {schema: SCHEMA_VERSION, revision: 1, thirdParties: [acme]};
  const ui = await renderConsole({database, env: testEnvironment('2026-11-27T10:00:00.000Z')});
  await ui.waitFor('Third Party Name');
  ui.press(KEYS.tab, KEYS.tab, KEYS.tab);
  let frame = await ui.waitFor(/││› 2026-11-01/);
  t.regex(frame, /││ {2}2026-10-01/);
  ui.press(KEYS.down);
  frame = await ui.waitFor(/││› 2026-10-01/);
  t.regex(frame, /││ {2}2026-11-01 .*\[x\]/, 'the row left behind is drawn without the marker');
  ui.press(KEYS.space);
  frame = await ui.waitFor(/││› 2026-10-01 .*\[ \]/);
  t.regex(frame, /││ {2}2026-11-01 .*\[x\]/, 'only the focused token changed');
  ui.press(KEYS.up);
  frame = await ui.waitFor(/││› 2026-11-01/);
  t.regex(frame, /││ {2}2026-10-01 .*\[ \]/, 'the changed row stays changed when the marker leaves it');
  ui.unmount();
});

test('a client secret matches as current or previous, hashed once per record; a new record is hashed anew', t => {
  const before = createThirdParty(env, 'Acme');
  t.is(matchClientSecret(before, before.clientSecret, env.now()), 'current');
  t.is(matchClientSecret(before, `${before.clientSecret}x`, env.now()), undefined);
  const after = rotateClientSecret(before, env, 24);
  t.is(matchClientSecret(after, after.clientSecret, env.now()), 'current');
  t.is(matchClientSecret(after, before.clientSecret, env.now()), 'previous');
  t.is(matchClientSecret(after, before.clientSecret, new Date('2026-11-28T10:00:00.001Z')), undefined, 'after the grace period');
  // The same record object asked again (the server does, per request) gives the same answers.
  t.true(clientSecretMatches(after, before.clientSecret, env.now()));
  t.false(clientSecretMatches(before, after.clientSecret, env.now()), 'the old record knows nothing of the new secret');
  t.deepEqual(storedDigest(after, after.clientSecret), sha256(after.clientSecret));
  t.notDeepEqual(storedDigest(after, before.clientSecret), storedDigest(after, after.clientSecret));
});

test('the access check names which secret matched, from the one comparison', t => {
  let acme = addToken({...createThirdParty(env, 'Acme'), enabled: true}, env);
  const oldSecret = acme.clientSecret;
  acme = rotateClientSecret(acme, env, 24);
  const presented = {clientId: acme.clientId, token: acme.tokens[0]!.token};
  const current = checkAccess({...presented, clientSecret: acme.clientSecret}, [acme], env.now());
  t.is(current.checks.find(check => check.id === 'clientSecret')?.reason, 'Matches the saved one.');
  const previous = checkAccess({...presented, clientSecret: oldSecret}, [acme], env.now());
  t.true(previous.granted);
  t.regex(previous.checks.find(check => check.id === 'clientSecret')?.reason ?? '', /^The previous one, accepted until 2026-11-28/);
});

test('a save checks the changed record against the schema: a broken one is refused and nothing is written', async t => {
  const file = temporaryDataFile();
  const store = await openThirdPartyStore(file, env);
  const acme = addToken({...createThirdParty(env, 'Acme'), enabled: true}, env);
  await store.saveThirdParty(acme);
  const text = await readFile(file, 'utf8');
  const broken = {...acme, tokens: [{...acme.tokens[0]!, createdAt: 'soon'}]};
  await t.throwsAsync(store.saveThirdParty(broken));
  t.is(await readFile(file, 'utf8'), text);
  const city = createThirdParty(env, 'City');
  const outcome = await store.saveThirdParty(city);
  if (outcome.kind !== 'saved') return t.fail('expected a save');
  const saved = outcome.database;
  t.deepEqual(
    saved.thirdParties.map(thirdParty => thirdParty.name),
    ['Acme', 'City'],
  );
  t.is(saved.revision, 2);
});

const entry = (index: number): AccessLogEntry => ({
  time: `2026-11-27T10:00:0${index}.000Z`,
  remote: '127.0.0.1',
  endpoint: 'introspect',
  status: 200,
  result: 'granted',
  clientId: `client-${index}`,
  tokenId: null,
});

test('access log lines written together reach the file together, in order, without waiting for close', async t => {
  const file = temporaryDataFile('db.access.jsonl');
  await mkdir(path.dirname(file), {recursive: true});
  const log = openAccessLog(file, message => t.fail(message));
  for (let index = 0; index < 5; index++) log.write(entry(index));
  let text = '';
  for (let tries = 0; tries < 200 && text.split('\n').length < 6; tries++) {
    await new Promise(resolve => setTimeout(resolve, 10));
    text = await readFile(file, 'utf8');
  }
  t.deepEqual(
    text
      .trim()
      .split('\n')
      .map(line => (JSON.parse(line) as AccessLogEntry).clientId),
    ['client-0', 'client-1', 'client-2', 'client-3', 'client-4'],
  );
  log.write(entry(5));
  await log.close();
  t.is((await readFile(file, 'utf8')).trim().split('\n').length, 6, 'close writes what is pending');
});

test("the console runs React's production build unless NODE_ENV=development", t => {
  const modeOf = (value: string | undefined) =>
    execFileSync(
      process.execPath,
      ['--input-type=module', '-e', "await import('./dist/production-mode.js'); process.stdout.write(process.env.NODE_ENV)"],
      {
        cwd: REPOSITORY,
        env: {...process.env, NODE_ENV: value},
        encoding: 'utf8',
      },
    );
  t.is(modeOf(undefined), 'production');
  t.is(modeOf('test'), 'production');
  t.is(modeOf('development'), 'development');
});
