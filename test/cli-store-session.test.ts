/** The commands' path to the store: a change made by another process to the same record meanwhile is not lost. */
import {readFileSync} from 'node:fs';
import test from 'ava';
import type {CommandContext} from '../source/commands/context.js';
import {DataFileProblem} from '../source/commands/errors.js';
import {changeThirdParty} from '../source/commands/store-session.js';
import {auditLogPath, openThirdPartyStore, parseDatabase} from '../source/store/index.js';
import {databaseOf, freshFolder, sampleThirdParties, writeDataFile} from './helpers/data-files.js';
import {testEnvironment} from './helpers/environment.js';

const contextFor = (dataFile: string): CommandContext => ({
  data: {kind: 'file', path: dataFile},
  dataFile,
  env: testEnvironment(new Date()),
  actor: () => 'alice@host',
  output: {write: () => undefined, writeError: () => undefined, columns: 80, colour: false},
  cwd: '/',
  serverAccess: () => {
    throw new Error('not used');
  },
  runningServer: async () => undefined,
});

test('another process changes the same field between the read and the save: the command is applied again on theirs', async t => {
  const env = testEnvironment(new Date());
  const file = writeDataFile(freshFolder(), databaseOf(sampleThirdParties(env, ['Acme Payments', 'City Utilities'])));
  const console = await openThirdPartyStore(file, env, {actor: 'bob@host'});
  let calls = 0;
  const saved = await changeThirdParty(contextFor(file), 'acme payments', async thirdParty => {
    calls++;
    // The first time, someone renames it before this change is saved.
    if (calls === 1)
      await console.saveThirdParty({
        ...console.database.thirdParties[0]!,
        name: 'Acme Payments Ltd',
        callbackUrl: 'https://bob.example/cb',
      });
    return {...thirdParty, callbackUrl: 'https://cli.example/cb'};
  });
  t.is(calls, 2);
  t.like(saved.thirdParty, {name: 'Acme Payments Ltd', callbackUrl: 'https://cli.example/cb'});
  const onDisk = parseDatabase(readFileSync(file, 'utf8'), file).thirdParties[0]!;
  t.like(onDisk, {name: 'Acme Payments Ltd', callbackUrl: 'https://cli.example/cb'});
  const actors = readFileSync(auditLogPath(file), 'utf8')
    .trim()
    .split('\n')
    .map(line => (JSON.parse(line) as {actor: string}).actor);
  t.deepEqual(actors, ['bob@host', 'alice@host (cli)']);
});

test('a record changed by someone else at every attempt: nothing written, exit 5', async t => {
  const env = testEnvironment(new Date());
  const file = writeDataFile(freshFolder(), databaseOf(sampleThirdParties(env, ['Acme Payments'])));
  const other = await openThirdPartyStore(file, env, {actor: 'bob@host'});
  let round = 0;
  const error = await t.throwsAsync(
    changeThirdParty(contextFor(file), 'Acme Payments', async thirdParty => {
      await other.reload();
      await other.saveThirdParty({...other.database.thirdParties[0]!, callbackUrl: `https://a${++round}.example/cb`});
      return {...thirdParty, callbackUrl: 'https://cli.example/cb'};
    }),
    {instanceOf: DataFileProblem},
  );
  t.regex(error.message, /keeps changing/);
  t.is(parseDatabase(readFileSync(file, 'utf8'), file).thirdParties[0]!.callbackUrl, 'https://a3.example/cb');
});

test('another process changes another field between the read and the save: merged, the command made once', async t => {
  const env = testEnvironment(new Date());
  const file = writeDataFile(freshFolder(), databaseOf(sampleThirdParties(env, ['Acme Payments'])));
  const console = await openThirdPartyStore(file, env, {actor: 'bob@host'});
  let calls = 0;
  const saved = await changeThirdParty(contextFor(file), 'acme payments', async thirdParty => {
    calls++;
    if (calls === 1) await console.saveThirdParty({...console.database.thirdParties[0]!, name: 'Acme Payments Ltd'});
    return {...thirdParty, enabled: false};
  });
  t.is(calls, 1);
  t.like(saved.thirdParty, {name: 'Acme Payments Ltd', enabled: false});
  t.like(parseDatabase(readFileSync(file, 'utf8'), file).thirdParties[0]!, {name: 'Acme Payments Ltd', enabled: false});
});
