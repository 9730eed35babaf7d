/** One PostgreSQL server per test file (test/helpers/postgres.ts): ava's hooks, so apart from the helper that benches use too. */
import test from 'ava';
import {startPostgres, type PostgresServer} from './postgres.js';

/** The test file's own server: started before its tests, destroyed after them; the getter gives it. */
export const postgresForThisFile = (): (() => PostgresServer) => {
  let server: PostgresServer | undefined;
  test.before(async () => {
    server = await startPostgres();
  });
  test.after.always(() => server?.destroy());
  return () => {
    if (!server) throw new Error('the PostgreSQL server of this test file is not started');
    return server;
  };
};
