/** The changes listener on a real PostgreSQL: notices arrive, and it says so and comes back by itself when the database stops and starts. */
import test from 'ava';
import {sql} from 'kysely';
import {postgresForThisFile} from '../../../test/helpers/postgres-per-file.js';
import {locationOf} from '../../../test/helpers/postgres-engine.js';
import {until} from '../../../test/helpers/poll.js';
import {connectPostgres} from './connect.js';
import {listenForChanges, type ListenerState} from './listener.js';
import {CHANGES_CHANNEL} from './tables.js';

const postgres = postgresForThisFile();

test.serial(
  'notices on the channel arrive; the database stopped is said once, and on its return the listener listens again by itself',
  async t => {
    const location = locationOf(await postgres().createDatabase());
    const connection = await connectPostgres(location, {applicationName: 'tpa test', onProblem: () => undefined});
    t.teardown(() => connection.close());
    const notices: string[] = [];
    const states: ListenerState[] = [];
    const listener = listenForChanges(connection.clientConfig, location, {
      onNotice: payload => notices.push(payload),
      onState: state => states.push(state),
      retryMs: 50,
      maxRetryMs: 200,
      heartbeatMs: 500,
    });
    t.teardown(() => listener.close());
    await listener.ready;
    t.deepEqual(states, [{kind: 'listening', reconnected: false}]);

    await sql`select pg_notify(${CHANGES_CHANNEL}, '{"revision":1}')`.execute(connection.db);
    await sql`select pg_notify('another_channel', 'not ours')`.execute(connection.db);
    await until(() => notices.length === 1, 20_000);
    t.deepEqual(notices, ['{"revision":1}']);

    await postgres().stop();
    await until(() => states.some(state => state.kind === 'lost'), 20_000);
    await postgres().start();
    await until(() => states.at(-1)?.kind === 'listening', 20_000);
    t.is(states.filter(state => state.kind === 'lost').length, 1, 'said once, however many retries');
    t.deepEqual(states.at(-1), {kind: 'listening', reconnected: true});
    const lost = states.find(state => state.kind === 'lost');
    t.false(JSON.stringify(lost).includes(postgres().password));

    // The pool gives fresh connections after the restart, and the listener hears them.
    await sql`select pg_notify(${CHANGES_CHANNEL}, '{"revision":2}')`.execute(connection.db);
    await until(() => notices.length === 2, 20_000);
    t.is(notices[1], '{"revision":2}');
  },
);

test.serial('closed, it stops retrying and holds no connection', async t => {
  const location = locationOf(await postgres().createDatabase());
  const connection = await connectPostgres(location, {applicationName: 'tpa test'});
  t.teardown(() => connection.close());
  const listener = listenForChanges(connection.clientConfig, location, {onNotice: () => undefined});
  await listener.ready;
  const count = async () =>
    Number(
      (
        await sql<{count: string}>`select count(*) as count from pg_stat_activity where application_name = 'tpa test (listener)'`.execute(
          connection.db,
        )
      ).rows[0]!.count,
    );
  t.is(await count(), 1);
  await listener.close();
  const deadline = Date.now() + 10_000;
  while ((await count()) !== 0 && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 20));
  t.is(await count(), 0);
});
