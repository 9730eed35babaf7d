/** The server's watch of the data waits for the server's own saves before it reads what another writer saved. */
import {watchData} from './data-watcher.js';
import {databaseOf, sampleThirdParties} from '../../test/helpers/data-files.js';
import {testEachEngine} from '../../test/helpers/engines.js';
import {testEnvironment} from '../../test/helpers/environment.js';

const until = async (condition: () => boolean, what: string) => {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 10));
  }
};

testEachEngine('a change by another writer is read once the server has no save under way, not in the middle of one', async (t, engine) => {
  const env = testEnvironment();
  const thirdParties = sampleThirdParties(env, ['Acme Payments']);
  const place = await engine.place(databaseOf(thirdParties), env);
  let settle: () => void = () => undefined;
  let waited = 0;
  const saving = new Promise<void>(resolve => {
    settle = resolve;
  });
  const pipeline = await place.open('automatic authorization');
  const watcher = watchData(pipeline, {
    log: () => undefined,
    settled: () => {
      waited++;
      return saving;
    },
  });
  t.teardown(() => watcher.close());
  const other = await place.open('alice@host');
  await other.save({kind: 'upsert', thirdParty: {...other.snapshot.database.thirdParties[0]!, name: 'Renamed'}});
  await until(() => waited > 0, 'the reload to start');
  t.is(watcher.current().database.revision, 1, 'not read while the server saves');
  settle();
  await until(() => watcher.current().database.revision === 2, 'the reload');
  t.is(watcher.current().database.thirdParties[0]!.name, 'Renamed');
});
