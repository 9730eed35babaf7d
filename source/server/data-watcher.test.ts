/** The server's watch of the data file waits for the server's own saves before it reads the file. */
import test from 'ava';
import {watchData} from './data-watcher.js';
import {JsonFileAdapter, openFilePipeline} from '../store/index.js';
import {databaseOf, freshFolder, sampleThirdParties, writeDataFile} from '../../test/helpers/data-files.js';
import {testEnvironment} from '../../test/helpers/environment.js';

const until = async (condition: () => boolean, what: string) => {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 10));
  }
};

test('a change by another writer is read once the server has no save under way, not in the middle of one', async t => {
  const env = testEnvironment();
  const thirdParties = sampleThirdParties(env, ['Acme Payments']);
  const file = writeDataFile(freshFolder(), databaseOf(thirdParties));
  let settle: () => void = () => undefined;
  let waited = 0;
  const saving = new Promise<void>(resolve => {
    settle = resolve;
  });
  const pipeline = await openFilePipeline(file, env, {actor: 'automatic authorization', debounceMs: 10});
  const watcher = watchData(pipeline, {
    log: () => undefined,
    settled: () => {
      waited++;
      return saving;
    },
  });
  t.teardown(() => watcher.close());
  await new JsonFileAdapter(file).write(databaseOf([{...thirdParties[0]!, name: 'Renamed'}], 2));
  await until(() => waited > 0, 'the reload to start');
  t.is(watcher.current().database.revision, 1, 'not read while the server saves');
  settle();
  await until(() => watcher.current().database.revision === 2, 'the reload');
  t.is(watcher.current().database.thirdParties[0]!.name, 'Renamed');
});
