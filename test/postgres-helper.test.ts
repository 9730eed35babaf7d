/** The tests' own PostgreSQL (test/helpers/postgres.ts) starts on a fresh machine, stops and starts again. */
import test from 'ava';
import pg from 'pg';
import {startPostgres} from './helpers/postgres.js';

const query = async (url: string, text: string): Promise<unknown[]> => {
  const client = new pg.Client({connectionString: url});
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
};

test('a real PostgreSQL starts from the npm package, gives each test a database, and survives a restart', async t => {
  const server = await startPostgres();
  t.teardown(() => server.destroy());
  const url = await server.createDatabase();
  await query(url, 'CREATE TABLE kept (value text)');
  await query(url, "INSERT INTO kept VALUES ('still here')");
  await server.stop();
  await t.throwsAsync(query(url, 'SELECT 1'));
  await server.start();
  t.deepEqual(await query(url, 'SELECT value FROM kept'), [{value: 'still here'}]);
  const [row] = (await query(url, 'SHOW server_version')) as Array<{server_version: string}>;
  t.regex(row?.server_version ?? '', /^\d+/);
});
