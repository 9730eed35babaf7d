import {readFileSync, writeFileSync} from 'node:fs';
import test from 'ava';
import {DataFileError, openThirdPartyStore, parseDatabase} from '../source/store/index.js';
import {databaseOf, freshFolder, sampleThirdParties, writeDataFile} from './helpers/data-files.js';
import {testEnvironment} from './helpers/environment.js';

const env = testEnvironment();
const [acme, beta] = sampleThirdParties(env, ['Acme', 'Beta']);
const withSecond = (second: Record<string, unknown>) => ({schema: 1, revision: 1, thirdParties: [acme, second]});
const without = (record: object, field: string) => Object.fromEntries(Object.entries(record).filter(([key]) => key !== field));

const cases: [string, unknown, RegExp][] = [
  [
    'a duplicate id',
    withSecond({...beta, id: acme!.id}),
    /thirdParties\[1\] \("Beta"\)\.id is the same as thirdParties\[0\] \("Acme"\)\.id/,
  ],
  [
    'a duplicate name (other case, spaces)',
    withSecond({...beta, name: ' acme '}),
    /thirdParties\[1\] \(" acme "\)\.name is the same as thirdParties\[0\] \("Acme"\)\.name/,
  ],
  ['a missing field', withSecond(without(beta!, 'clientSecret')), /thirdParties\[1\] \("Beta"\)\.clientSecret is missing/],
  ['an extra field', withSecond({...beta, colour: 'red'}), /thirdParties\[1\] \("Beta"\) has unknown field "colour"/],
  ['a wrong type', withSecond({...beta, enabled: 'yes'}), /thirdParties\[1\] \("Beta"\)\.enabled must be true or false, not "yes"/],
  [
    'a list that is an object',
    withSecond({...beta, tokens: {}}),
    /thirdParties\[1\] \("Beta"\)\.tokens must be a list \[ … \], not an object/,
  ],
  ['a name that is a number', withSecond({...beta, name: 42}), /thirdParties\[1\]\.name must be text in quotes, not 42/],
  [
    'a token field of the wrong type',
    withSecond({...beta, tokens: [{...beta!.tokens[0], active: 1}]}),
    /thirdParties\[1\] \("Beta"\)\.tokens\[0\]\.active must be true or false, not 1/,
  ],
  [
    'a callback URL of the wrong type',
    withSecond({...beta, callbackUrl: false}),
    /\.callbackUrl must be text in quotes or null, not false/,
  ],
  ['a newer schema', {schema: 3, revision: 1, thirdParties: []}, /written by a newer tpa \(schema 3\); this tpa reads schema 2/],
  ['a revision as text', {schema: 1, revision: '3', thirdParties: []}, /revision must be a number, not "3"/],
  ['an escape sequence in a field name', withSecond({...beta, '\u001B]0;pwned\u0007': 1}), /has unknown field "�"/],
];

for (const [what, data, message] of cases) {
  test(`a hand-edited file with ${what}: a message naming the record and the field, and the file untouched`, async t => {
    const file = `${freshFolder()}/db.json`;
    const text = JSON.stringify(data, null, 2);
    writeFileSync(file, text, {mode: 0o600});
    const error = await t.throwsAsync(openThirdPartyStore(file, env), {instanceOf: DataFileError});
    t.regex(error!.message, message);
    t.false(/[\u0000-\u001F\u007F-\u009F]/.test(error!.message), 'no control characters in the message');
    t.is(readFileSync(file, 'utf8'), text);
  });
}

test('a hostile name in a message is drawn harmlessly', t => {
  const error = t.throws(() =>
    parseDatabase(JSON.stringify(withSecond({...beta, name: 'Evil\u001B]52;c;aGk=\u0007', enabled: 'no'})), 'db.json'),
  );
  t.regex(error!.message, /\("Evil�"\)\.enabled must be true or false/);
});

test('a valid file with hostile names is read as it is (drawn harmlessly later)', t => {
  const database = databaseOf([{...acme!, name: 'A\u001B[2JB'}]);
  t.is(parseDatabase(JSON.stringify(database), 'db.json').thirdParties[0]!.name, 'A\u001B[2JB');
});

test('the file of a hand edit that went wrong is left byte for byte, even when it is valid JSON of another program', async t => {
  const file = writeDataFile(freshFolder(), databaseOf([]));
  writeFileSync(file, '[1, 2, 3]\n');
  await t.throwsAsync(openThirdPartyStore(file, env), {message: /holds an array, not a tpa database/});
  t.is(readFileSync(file, 'utf8'), '[1, 2, 3]\n');
});
