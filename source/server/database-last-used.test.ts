/** Last used on a database: grants gathered into batches, never a write per request; a failed batch kept for the next. */
import test from 'ava';
import type {LastUsedStore} from '../store/engine.js';
import {openDatabaseLastUsed} from './database-last-used.js';
import {until} from '../../test/helpers/poll.js';

const recording = (failFirst = 0) => {
  const batches: Array<Map<string, string>> = [];
  let failures = failFirst;
  const store: LastUsedStore = {
    read: async () => new Map(),
    write: async batch => {
      if (failures-- > 0) throw new Error('the database went away');
      batches.push(new Map(batch));
    },
  };
  return {store, batches};
};

test('a thousand grants make one batch, the newest time of each token', async t => {
  const {store, batches} = recording();
  const index = openDatabaseLastUsed(store, () => undefined, 20);
  for (let request = 0; request < 1_000; request++)
    index.granted(`token-${request % 10}`, new Date(Date.UTC(2026, 0, 1, 0, 0, request)).toISOString());
  await until(() => batches.length === 1, 5_000);
  t.is(batches[0]!.size, 10);
  t.is(batches[0]!.get('token-9'), '2026-01-01T00:16:39.000Z');
  await index.close();
  t.is(batches.length, 1, 'nothing left to write');
});

test('a batch that fails is kept for the next, said once; close writes what is left', async t => {
  const {store, batches} = recording(2);
  const problems: string[] = [];
  const index = openDatabaseLastUsed(store, message => problems.push(message), 10);
  index.granted('a', '2026-01-01T00:00:00.000Z');
  await until(() => problems.length === 1, 5_000);
  index.granted('b', '2026-01-01T00:00:01.000Z');
  await until(() => batches.length === 1, 5_000);
  t.deepEqual([...batches[0]!.keys()].sort(), ['a', 'b']);
  t.is(problems.length, 1);
  t.regex(problems[0]!, /"Last used" not written to the database \(the database went away\); kept for the next batch/);
  index.granted('c', '2026-01-01T00:00:02.000Z');
  await index.close();
  t.deepEqual([...batches.at(-1)!.keys()], ['c']);
});
