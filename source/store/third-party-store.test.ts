import {mkdir, readFile, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import {addToken, createThirdParty} from '../domain/index.js';
import {DataFileError, openThirdPartyStore} from './index.js';
import {testEnvironment} from '../../test/helpers/environment.js';
import {temporaryDataFile} from '../../test/helpers/files.js';
import {testEachEngine} from '../../test/helpers/engines.js';

const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'));

test('a missing file is an empty database, and nothing is written until a save', async t => {
  const file = temporaryDataFile();
  const store = await openThirdPartyStore(file, testEnvironment());
  t.deepEqual(store.database, {schema: 2, revision: 0, thirdParties: []});
  await t.throwsAsync(stat(file));
});

test('the first save creates the folder and the file, mode 0600, at revision 1', async t => {
  const file = temporaryDataFile();
  const env = testEnvironment();
  const store = await openThirdPartyStore(file, env);
  const acme = addToken(createThirdParty(env, 'Acme Payments'), env);
  await store.saveThirdParty(acme);
  const info = await stat(file);
  t.is(info.mode & 0o777, 0o600);
  const saved = await readJson(file);
  t.is(saved.revision, 1);
  t.is(saved.thirdParties[0].name, 'Acme Payments');
  t.is(saved.thirdParties[0].tokens.length, 1);
});

testEachEngine('a save trims the name, stores an empty callback URL as null and sets updatedAt', async (t, engine) => {
  const env = testEnvironment('2026-11-27T10:00:00.000Z');
  const place = await engine.place();
  const store = await place.store(env);
  const acme = {...createThirdParty(env, '  Acme  '), callbackUrl: '  '};
  env.setNow('2026-11-27T11:00:00.000Z');
  await store.saveThirdParty(acme);
  const saved = (await place.stored()).thirdParties[0]!;
  t.is(saved.name, 'Acme');
  t.is(saved.callbackUrl, null);
  t.is(saved.updatedAt, '2026-11-27T11:00:00.000Z');
});

testEachEngine('every save raises the revision by one and replaces the record by id', async (t, engine) => {
  const env = testEnvironment();
  const place = await engine.place();
  const store = await place.store(env);
  const acme = createThirdParty(env, 'Acme');
  await store.saveThirdParty(acme);
  await store.saveThirdParty({...acme, enabled: true});
  const saved = await place.stored();
  t.is(saved.revision, 2);
  t.is(saved.thirdParties.length, 1);
  t.true(saved.thirdParties[0]!.enabled);
});

testEachEngine(
  'the actor is looked up at the first save, not at start (it can wait on a directory service), and once',
  async (t, engine) => {
    const env = testEnvironment();
    const place = await engine.place();
    let lookups = 0;
    const store = await place.store(env, {actor: () => `alice${++lookups}@host`});
    t.is(lookups, 0);
    const acme = createThirdParty(env, 'Acme');
    await store.saveThirdParty(acme);
    await store.saveThirdParty({...acme, enabled: true});
    t.is(lookups, 1);
    t.deepEqual(
      (await place.audit()).map(entry => entry.actor),
      ['alice1@host', 'alice1@host'],
    );
  },
);

testEachEngine('an invalid third party is refused with field messages and nothing is written', async (t, engine) => {
  const env = testEnvironment();
  const place = await engine.place();
  const store = await place.store(env);
  await store.saveThirdParty(createThirdParty(env, 'Acme'));
  const before = await place.written();
  const outcome = await store.saveThirdParty({...createThirdParty(env, 'ACME'), callbackUrl: 'javascript:alert(1)'});
  if (outcome.kind !== 'invalid') return t.fail(outcome.kind);
  t.deepEqual(Object.keys(outcome.errors).sort(), ['callbackUrl', 'name']);
  t.is(await place.written(), before);
  t.is(store.database.revision, 1);
});

testEachEngine('a deleted third party leaves nothing of itself in the data', async (t, engine) => {
  const env = testEnvironment();
  const place = await engine.place();
  const store = await place.store(env);
  const acme = addToken(createThirdParty(env, 'Acme'), env);
  await store.saveThirdParty(acme);
  await store.deleteThirdParty(acme.id);
  const text = await place.dump();
  t.false(text.includes(acme.clientSecret));
  t.false(text.includes(acme.tokens[0]!.token));
  t.false(text.includes(acme.tokens[0]!.id));
  t.deepEqual((await place.stored()).thirdParties, []);
});

test('a deleted third party leaves not even its id or name in the data file', async t => {
  const file = temporaryDataFile();
  const env = testEnvironment();
  const store = await openThirdPartyStore(file, env);
  const acme = addToken(createThirdParty(env, 'Acme'), env);
  await store.saveThirdParty(acme);
  await store.deleteThirdParty(acme.id);
  const text = await readFile(file, 'utf8');
  t.false(text.includes(acme.id));
  t.false(text.includes('Acme'));
});

test('a save keeps an existing file at 0600 even when it was wider', async t => {
  const file = temporaryDataFile();
  await mkdir(path.dirname(file), {recursive: true});
  await writeFile(file, JSON.stringify({schema: 1, revision: 0, thirdParties: []}), {mode: 0o644});
  const env = testEnvironment();
  const store = await openThirdPartyStore(file, env);
  await store.saveThirdParty(createThirdParty(env, 'Acme'));
  t.is((await stat(file)).mode & 0o777, 0o600);
});

for (const [label, content] of [
  ['empty', ''],
  ['not JSON', '{"schema": 1,'],
  ['null', 'null'],
  ['of an unknown schema', '{"schema": 7, "revision": 0, "thirdParties": []}'],
  ['invalid', '{"schema": 1, "revision": -1, "thirdParties": []}'],
] as const) {
  test(`a file that is ${label} is refused and left untouched byte for byte`, async t => {
    const file = temporaryDataFile();
    await mkdir(path.dirname(file), {recursive: true});
    await writeFile(file, content, {mode: 0o600});
    const before = await stat(file);
    const error = await t.throwsAsync(openThirdPartyStore(file, testEnvironment()), {instanceOf: DataFileError});
    t.true(error!.message.startsWith(file));
    t.is(await readFile(file, 'utf8'), content);
    t.is((await stat(file)).mtimeMs, before.mtimeMs);
  });
}

test('a file that cannot be read says why', async t => {
  const file = temporaryDataFile();
  await mkdir(file, {recursive: true});
  const error = await t.throwsAsync(openThirdPartyStore(file, testEnvironment()), {instanceOf: DataFileError});
  t.regex(error!.message, /is a folder, not a regular file/);
});
