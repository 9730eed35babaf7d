/** The commands' path to the store: a change made by another process to the same record meanwhile is not lost. */
import type {CommandContext} from '../source/commands/context.js';
import {DataFileProblem} from '../source/commands/errors.js';
import {changeThirdParty} from '../source/commands/store-session.js';
import {databaseOf, sampleThirdParties} from './helpers/data-files.js';
import {testEachEngine, type EnginePlace} from './helpers/engines.js';
import {testEnvironment} from './helpers/environment.js';

const contextFor = (place: EnginePlace): CommandContext => ({
  data: place.location,
  dataFile: place.localFile,
  env: testEnvironment(new Date()),
  actor: () => 'alice@host',
  output: {write: () => undefined, writeError: () => undefined, columns: 80, colour: false},
  cwd: '/',
  serverAccess: () => {
    throw new Error('not used');
  },
  runningServer: async () => undefined,
});

testEachEngine(
  'another process changes the same field between the read and the save: the command is applied again on theirs',
  async (t, engine) => {
    const env = testEnvironment(new Date());
    const place = await engine.place(databaseOf(sampleThirdParties(env, ['Acme Payments', 'City Utilities'])), env);
    const console = await place.store(env, {actor: 'bob@host'});
    let calls = 0;
    const saved = await changeThirdParty(contextFor(place), 'acme payments', async thirdParty => {
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
    t.like((await place.stored()).thirdParties[0]!, {name: 'Acme Payments Ltd', callbackUrl: 'https://cli.example/cb'});
    t.deepEqual(
      (await place.audit()).map(entry => entry.actor),
      ['bob@host', 'alice@host (cli)'],
    );
  },
);

testEachEngine('a record changed by someone else at every attempt: nothing written, exit 5', async (t, engine) => {
  const env = testEnvironment(new Date());
  const place = await engine.place(databaseOf(sampleThirdParties(env, ['Acme Payments'])), env);
  const other = await place.store(env, {actor: 'bob@host'});
  let round = 0;
  const error = await t.throwsAsync(
    changeThirdParty(contextFor(place), 'Acme Payments', async thirdParty => {
      await other.reload();
      await other.saveThirdParty({...other.database.thirdParties[0]!, callbackUrl: `https://a${++round}.example/cb`});
      return {...thirdParty, callbackUrl: 'https://cli.example/cb'};
    }),
    {instanceOf: DataFileProblem},
  );
  t.regex(error.message, /keeps changing/);
  t.is((await place.stored()).thirdParties[0]!.callbackUrl, 'https://a3.example/cb');
});

testEachEngine('another process changes another field between the read and the save: merged, the command made once', async (t, engine) => {
  const env = testEnvironment(new Date());
  const place = await engine.place(databaseOf(sampleThirdParties(env, ['Acme Payments'])), env);
  const console = await place.store(env, {actor: 'bob@host'});
  let calls = 0;
  const saved = await changeThirdParty(contextFor(place), 'acme payments', async thirdParty => {
    calls++;
    if (calls === 1) await console.saveThirdParty({...console.database.thirdParties[0]!, name: 'Acme Payments Ltd'});
    return {...thirdParty, enabled: false};
  });
  t.is(calls, 1);
  t.like(saved.thirdParty, {name: 'Acme Payments Ltd', enabled: false});
  t.like((await place.stored()).thirdParties[0]!, {name: 'Acme Payments Ltd', enabled: false});
});
