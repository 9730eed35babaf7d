/** Schema 2 (automatic authorization): a schema 1 file is read and upgraded at the next save with its copy kept; a newer one is refused. */
import {readFileSync, statSync, writeFileSync} from 'node:fs';
import test from 'ava';
import {
  approvalOf,
  expiryMarkOf,
  issueAutomaticToken,
  lastAutomaticAuthorization,
  neverExpiresText,
  SCHEMA_VERSION,
} from '../domain/index.js';
import {DataFileError, openThirdPartyStore, parseDatabase, schema1CopyPath} from './index.js';
import {databaseOf, freshFolder, sampleThirdParties, writeDataFile} from '../../test/helpers/data-files.js';
import {testEnvironment} from '../../test/helpers/environment.js';

test('a schema 1 file is read as it is, and written as schema 2 by the next save; the schema 1 file is kept beside it (0600)', async t => {
  const env = testEnvironment();
  const [acme] = sampleThirdParties(env, ['Acme']);
  const file = writeDataFile(freshFolder(), {...databaseOf([acme!]), schema: 1} as unknown as ReturnType<typeof databaseOf>);
  const before = readFileSync(file, 'utf8');
  const store = await openThirdPartyStore(file, env, {actor: 'alice@host'});
  t.is(store.database.schema, SCHEMA_VERSION);
  t.is(approvalOf(store.database.thirdParties[0]!), 'ask');
  t.is(readFileSync(file, 'utf8'), before, 'reading changes nothing');
  await store.saveThirdParty({...store.database.thirdParties[0]!, name: 'Acme Ltd'});
  t.is(JSON.parse(readFileSync(file, 'utf8')).schema, 2);
  t.is(readFileSync(schema1CopyPath(file), 'utf8'), before);
  t.is(statSync(schema1CopyPath(file)).mode & 0o777, 0o600);
  // A second save leaves the schema 1 copy as it was (the backup moves on).
  await store.saveThirdParty({...store.database.thirdParties[0]!, name: 'Acme Group'});
  t.is(readFileSync(schema1CopyPath(file), 'utf8'), before);
});

test('a file of a newer schema is refused with the message an older tpa gives for schema 2', t => {
  const text = JSON.stringify({schema: 3, revision: 1, thirdParties: []});
  const error = t.throws(() => parseDatabase(text, '/data/db.json'), {instanceOf: DataFileError});
  t.regex(error!.message, /was written by a newer tpa \(schema 3\); this tpa reads schema 2/);
});

test('approval, token origin and settings are checked as strictly as the other fields', t => {
  const env = testEnvironment();
  const [acme] = sampleThirdParties(env, ['Acme']);
  const text = (change: Record<string, unknown>, database: Record<string, unknown> = {}) =>
    JSON.stringify({...databaseOf([{...acme!, ...change}]), ...database});
  t.is(
    parseDatabase(text({approval: 'automatic'}, {settings: {issuer: 'https://tpa.example'}}), 'db.json').settings?.issuer,
    'https://tpa.example',
  );
  t.throws(() => parseDatabase(text({approval: 'always'}), 'db.json'), {message: /approval/});
  t.throws(() => parseDatabase(text({tokens: [{...acme!.tokens[0]!, origin: 'robot'}]}), 'db.json'), {message: /origin/});
  t.throws(() => parseDatabase(text({}, {settings: {port: 1}}), 'db.json'), {message: /unknown field "port"/});
});

test('an automatic token never expires, replaces the earlier live automatic one, and a test token replaces nothing', t => {
  const env = testEnvironment();
  const [acme] = sampleThirdParties(env, ['Acme']);
  const now = env.now();
  const first = issueAutomaticToken(acme!, {id: 'A1', token: 'tpat_one'}, now);
  t.like(first.token, {expiresAt: null, active: true, origin: 'automatic'});
  t.is(neverExpiresText(first.token), 'does not expire (automatic)');
  t.is(neverExpiresText({}), 'never');
  const test1 = issueAutomaticToken(first.thirdParty, {id: 'T1', token: 'tpat_test'}, now, true);
  t.deepEqual(test1.replaced, []);
  t.true(test1.thirdParty.tokens.find(token => token.id === 'A1')!.active);
  const second = issueAutomaticToken(test1.thirdParty, {id: 'A2', token: 'tpat_two'}, now);
  t.deepEqual(
    second.replaced.map(token => token.id),
    ['A1'],
  );
  t.false(second.thirdParty.tokens.find(token => token.id === 'A1')!.active);
  // The admin's manual token and the test token are untouched.
  t.true(second.thirdParty.tokens.find(token => token.id === acme!.tokens[0]!.id)!.active);
  t.is(lastAutomaticAuthorization(second.thirdParty), now.toISOString());
  // A hand edit giving an automatic token a past expiry does not mark it: automatic tokens do not expire.
  const edited = {...second.thirdParty, tokens: [{...second.token, expiresAt: '2020-01-01T00:00:00.000Z'}]};
  t.is(expiryMarkOf(edited, now), undefined);
});

test('a hand-edited schema 1 file with a bad field still names it', t => {
  const file = `${freshFolder()}/db.json`;
  writeFileSync(file, JSON.stringify({schema: 1, revision: -1, thirdParties: []}));
  t.throws(() => parseDatabase(readFileSync(file, 'utf8'), file), {message: /revision must not be below 0/});
});
