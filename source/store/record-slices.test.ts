/**
 * A refresh compares records by their bytes in the file (source/store/record-slices.ts): it must
 * give exactly what a whole read gives, keep unchanged records as the known objects, refuse what
 * a whole read refuses, and fall back to a whole read for any other layout.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import test from 'ava';
import {JsonFileAdapter, parseDatabase, type KnownRecords} from './index.js';
import {DataFileError} from './data-file-error.js';
import {knownBytes} from './record-bytes.js';
import {readChangedRecords, readWholeRecords} from './record-slices.js';
import {databaseOf, freshFolder, sampleThirdParties, writeDataFile} from '../../test/helpers/data-files.js';
import {testEnvironment} from '../../test/helpers/environment.js';

const setup = async () => {
  const env = testEnvironment();
  const database = databaseOf(sampleThirdParties(env, ['Acme Payments', 'Beta Bank', 'Café Zürich 東京', 'Delta Mail']));
  const file = writeDataFile(freshFolder(), database);
  const adapter = new JsonFileAdapter(file);
  const first = (await adapter.read())!;
  const known: KnownRecords = new Map(first.thirdParties.map(thirdParty => [thirdParty.id, thirdParty]));
  const rewrite = (change: (text: string) => string) => {
    const text = change(`${JSON.stringify(first, null, 2)}\n`);
    writeFileSync(file, text);
    return text;
  };
  return {file, adapter, first, known, rewrite};
};

test('one record changed: the others are the known objects, the changed one is new and equals a whole read', async t => {
  const {file, adapter, first, known, rewrite} = await setup();
  const text = rewrite(content => content.replace('"Beta Bank"', '"Beta Bank Ltd"').replace('"revision": 1', '"revision": 2'));
  t.truthy(readChangedRecords(readFileSync(file), file, known), 'read record by record, not as a whole');
  const read = (await adapter.readComparing(known))!;
  t.deepEqual(read, parseDatabase(text, file));
  t.is(read.revision, 2);
  t.is(read.thirdParties[0], first.thirdParties[0]);
  t.is(read.thirdParties[2], first.thirdParties[2]);
  t.not(read.thirdParties[1], first.thirdParties[1]);
  t.is(read.thirdParties[1]!.name, 'Beta Bank Ltd');
  // And again from there: the changed record's bytes are kept too.
  const again = (await adapter.readComparing(new Map(read.thirdParties.map(thirdParty => [thirdParty.id, thirdParty]))))!;
  t.true(again.thirdParties.every((thirdParty, index) => thirdParty === read.thirdParties[index]));
});

test('records added, deleted and moved: the same as a whole read', async t => {
  const {file, adapter, first, known, rewrite} = await setup();
  const [added] = sampleThirdParties(testEnvironment('2026-11-28T10:00:00.000Z', 'another seed'), ['Echo Energy']);
  const changed = {...first, thirdParties: [first.thirdParties[3]!, added!, first.thirdParties[0]!, first.thirdParties[2]!]};
  const text = rewrite(() => `${JSON.stringify(changed, null, 2)}\n`);
  const read = (await adapter.readComparing(known))!;
  t.deepEqual(read, parseDatabase(text, file));
  t.is(read.thirdParties[0], first.thirdParties[3]);
  t.is(read.thirdParties[2], first.thirdParties[0]);
});

for (const [what, change] of [
  ['an invalid changed record', (content: string) => content.replace('"enabled": true', '"enabled": "yes"')],
  ['two records with one name', (content: string) => content.replace('"Beta Bank"', '"acme payments"')],
] as const) {
  test(`${what} is refused with the message of a whole read`, async t => {
    const {file, adapter, known, rewrite} = await setup();
    const text = rewrite(change);
    const whole = t.throws(() => parseDatabase(text, file), {instanceOf: DataFileError});
    const quick = await t.throwsAsync(adapter.readComparing(known), {instanceOf: DataFileError});
    t.is(quick.message, whole.message);
  });
}

test('a changed record nested too deep is refused before it is parsed', async t => {
  const {adapter, known, rewrite} = await setup();
  rewrite(content => content.replace('"enabled": true', `"enabled": ${'['.repeat(20)}${']'.repeat(20)}`));
  const error = await t.throwsAsync(adapter.readComparing(known), {instanceOf: DataFileError});
  t.regex(error.message, /nested more than 16 levels/);
});

/** What reading the text gives: the data, or the message it is refused with. */
const outcomeOf = async (read: () => unknown): Promise<unknown> => {
  try {
    return await read();
  } catch (error) {
    return error instanceof Error ? error.message : error;
  }
};

/** Hand edits and layouts, each against the file tpa wrote (`content`). */
const tricks = (first: {thirdParties: readonly object[]}): ((content: string) => string)[] => [
  () => JSON.stringify({...first, revision: 7}),
  content => content.replace(/\n}\n$/, `,\n  "thirdParties": []\n}\n`),
  content => content.replaceAll('\n', '\r\n'),
  content => content.replace('"Acme Payments"', '"Acme\\n    }\\n"'),
  // A second "thirdParties" key after the list, spelled with an escape: the whole read takes the last one.
  content => content.replace(/\n}\n$/, `,\n  "third\\u0050arties": []\n}\n`),
  content => content.replace(/\n}\n$/, `,\n  "third\\u0050arties": [${JSON.stringify(first.thirdParties[0])}]\n}\n`),
  content => content.replace('"enabled": true', '"enabled": "yes"'),
  content => content.replace('"Beta Bank"', '"acme payments"'),
  content => content.replace('"enabled": true', `"enabled": ${'['.repeat(20)}${']'.repeat(20)}`),
  content => content.replace('"Beta Bank"', '"Beta \\u00e9 Bank"'),
  content => content.replace(/\n}\n$/, '\n'),
  content => content.replace('"revision": 1', '"revision": 1, "settings": {"issuer": "https://tpa.example"}'),
  content => `\uFEFF${content}`,
];

test('other layouts and tricks give what a whole read gives: compact JSON, a second "thirdParties" key, CRLF line ends', async t => {
  const {file, adapter, first, known, rewrite} = await setup();
  for (const edit of tricks(first)) {
    const text = rewrite(edit);
    t.deepEqual(await outcomeOf(() => adapter.readComparing(known)), await outcomeOf(() => parseDatabase(text, file)), text.slice(0, 300));
  }
});

test('a first read, record by record where it can, gives what reading the whole text gives, for the same tricks', async t => {
  const {file, first, rewrite} = await setup();
  for (const edit of [(content: string) => content, ...tricks(first)]) {
    const text = rewrite(edit);
    t.deepEqual(
      await outcomeOf(() => new JsonFileAdapter(file).read()),
      await outcomeOf(() => parseDatabase(text, file)),
      text.slice(0, 300),
    );
  }
});

test('a file in the layout tpa writes is read record by record, each record with its bytes kept for the next save', async t => {
  const {file, first, rewrite} = await setup();
  for (const edit of [(content: string) => content, (content: string) => content.replace('"Beta Bank"', '"Beta \\u00e9 Bank"')]) {
    const text = rewrite(edit);
    const read = readWholeRecords(readFileSync(file), file);
    t.truthy(read);
    t.deepEqual(read, parseDatabase(text, file));
    for (const record of read!.thirdParties)
      t.is(
        knownBytes(record)?.toString('utf8'),
        text.slice(text.indexOf(`    {\n      "id": "${record.id}"`)).split('\n    }')[0] + '\n    }',
      );
  }
  t.is(first.thirdParties.length, 4);
});
