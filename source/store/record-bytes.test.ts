/** The server's writer encodes only changed records: the file must be byte for byte what a whole JSON.stringify gives. */
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {addToken, generateCredential, TOKEN_PREFIX} from '../domain/index.js';
import {databaseBytesForTest, openFilePipeline} from './index.js';
import {commitAuthorizationWrites} from '../server/oauth/group-commit.js';
import {databaseOf, freshFolder, sampleThirdParties, writeDataFile} from '../../test/helpers/data-files.js';
import {testEnvironment} from '../../test/helpers/environment.js';

const names = ['Acme Payments', 'Café "Zürich" \\ 東京', 'Line\u2028Separator', 'Emoji 🔑 Ltd'];

test('record by record gives the same bytes as the whole file at once: settings, empty lists, escapes, text outside ASCII', t => {
  const env = testEnvironment();
  const thirdParties = sampleThirdParties(env, names).map((thirdParty, index) => (index === 1 ? addToken(thirdParty, env) : thirdParty));
  for (const database of [
    databaseOf(thirdParties),
    {...databaseOf(thirdParties), settings: {issuer: 'https://tpa.example/"x"'}},
    databaseOf([]),
    databaseOf([{...thirdParties[0]!, tokens: []}]),
  ]) {
    const whole = databaseBytesForTest.whole(database);
    t.true(databaseBytesForTest.byRecord(database).equals(whole));
    // Twice: the second time from the kept bytes.
    t.true(databaseBytesForTest.byRecord(database).equals(whole));
  }
});

test('after many saves of the server, the file is exactly the pretty JSON of its content', async t => {
  const env = testEnvironment();
  const thirdParties = sampleThirdParties(env, names).map(thirdParty => ({...thirdParty, callbackUrl: 'https://app.example/cb'}));
  const file = writeDataFile(freshFolder(), databaseOf(thirdParties));
  const writer = await openFilePipeline(file, env, {actor: 'automatic authorization'});
  for (let save = 0; save < 6; save++) {
    const thirdParty = thirdParties[save % thirdParties.length]!;
    await commitAuthorizationWrites(writer, [
      {kind: 'issue', thirdPartyId: thirdParty.id, token: {id: `T${save}`, token: generateCredential(TOKEN_PREFIX, env)}, test: false},
    ]);
  }
  const text = readFileSync(file, 'utf8');
  t.is(text, `${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  t.is(
    (JSON.parse(text) as {thirdParties: {tokens: {origin?: string}[]}[]}).thirdParties
      .flatMap(thirdParty => thirdParty.tokens)
      .filter(token => token.origin === 'automatic').length,
    6,
  );
});

test('a file laid out so that its records do not end where tpa ends them is written back whole and right after a save', async t => {
  const env = testEnvironment();
  const [a, b, c] = sampleThirdParties(env, ['Alpha', 'Beta', 'Gamma']).map((thirdParty, index) =>
    index === 2 ? addToken(thirdParty, env) : thirdParty,
  );
  const inner = (record: object) => JSON.stringify(record).slice(1, -1);
  const {tokens, ...cFields} = c!;
  const {createdAt, updatedAt, ...cHead} = cFields;
  // "    {" … "\n    }" three times, as tpa lays records out, but the first holds Alpha and Beta, and
  // Gamma is split across the other two inside its token list.
  const slices = [
    `    {\n${inner(a!)}}, {${inner(b!)}\n    }`,
    `    {\n${inner(cHead)},"tokens": [{${inner(tokens[0]!)}\n    }`,
    `    {\n${inner(tokens[1]!)}}], ${inner({createdAt, updatedAt})}\n    }`,
  ];
  const file = path.join(freshFolder(), 'db.json');
  writeFileSync(file, `{\n  "schema": 2,\n  "revision": 1,\n  "thirdParties": [\n${slices.join(',\n')}\n  ]\n}\n`, {mode: 0o600});
  const pipeline = await openFilePipeline(file, env, {actor: 'test'});
  t.deepEqual(pipeline.snapshot.database.thirdParties, [a, b, c]);
  const outcome = await pipeline.save({kind: 'upsert', thirdParty: {...pipeline.snapshot.database.thirdParties[1]!, name: 'Beta Renamed'}});
  t.is(outcome.kind, 'saved');
  const written = JSON.parse(readFileSync(file, 'utf8')) as {thirdParties: {id: string; name: string}[]};
  t.deepEqual(
    written.thirdParties.map(thirdParty => [thirdParty.id, thirdParty.name]),
    [
      [a!.id, 'Alpha'],
      [b!.id, 'Beta Renamed'],
      [c!.id, 'Gamma'],
    ],
  );
  t.deepEqual((written.thirdParties[2] as unknown as {tokens: unknown[]}).tokens, c!.tokens);
});
