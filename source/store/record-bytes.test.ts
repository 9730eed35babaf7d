/** The server's writer encodes only changed records: the file must be byte for byte what a whole JSON.stringify gives. */
import {readFileSync} from 'node:fs';
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
  const writer = await openFilePipeline(file, env, {actor: 'automatic authorization', keepRecordBytes: true});
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
