/**
 * The PostgreSQL engine over time, on a real PostgreSQL: refresh by version, the watch, a database
 * made again ("gone"), the database going away and coming back, many writers at once, Last used.
 */
import test from 'ava';
import {sql} from 'kysely';
import {createThirdParty, issueAutomaticToken} from '../../domain/index.js';
import {testEnvironment} from '../../../test/helpers/environment.js';
import {postgresForThisFile} from '../../../test/helpers/postgres-per-file.js';
import {until} from '../../../test/helpers/poll.js';
import {
  at,
  commitOf,
  committed,
  createWrite,
  deleteWrite,
  engineOn,
  only,
  twoWriters,
  updateWrite,
} from '../../../test/helpers/postgres-engine.js';
import {DataFileError} from '../data-file-error.js';
import {PostgresUnavailableError} from './postgres-error.js';

const postgres = postgresForThisFile();

const env = testEnvironment('2026-11-27T10:00:00.000Z');
const setUp = (t: Parameters<typeof twoWriters>[0]) => twoWriters(t, postgres());

test('a refresh reads only what changed, keeps unchanged records as the same objects, and does not report a writer’s own commit', async t => {
  const {alice, bob, acme} = await setUp(t);
  const beta = createThirdParty(env, 'Beta');
  let aliceKnows = await alice.read();
  aliceKnows = committed(await alice.commit(aliceKnows, commitOf(at(1), createWrite(beta, 'alice@host', at(1))))).snapshot;
  t.is(await alice.readChanged(aliceKnows), undefined, 'its own commit is nothing new');
  const bobKnows = await bob.read();
  await bob.commit(bobKnows, commitOf(at(2), updateWrite(bobKnows, {...acme, enabled: false}, 'bob@host', at(2))));
  const changed = await alice.readChanged(aliceKnows);
  if (!changed) return t.fail('nothing changed?');
  const [acmeNow, betaNow] = changed.database.thirdParties;
  t.false(acmeNow!.enabled);
  t.is(betaNow, aliceKnows.database.thirdParties[1], 'the same object');
  t.is(await alice.readChanged(changed), undefined);
  const entry = await alice.entryOfChange(acme.id, {updatedAt: acmeNow!.updatedAt});
  t.like(entry, {actor: 'bob@host'});
  // A deletion is seen too.
  const latest = await bob.read();
  await bob.commit(latest, commitOf(at(3), deleteWrite(latest, beta.id, 'bob@host', at(3))));
  t.deepEqual(
    (await alice.readChanged(changed))?.database.thirdParties.map(thirdParty => thirdParty.name),
    ['Acme Payments'],
  );
});

test('watch: a commit by another writer, even one made while the LISTEN was being set up, calls onChange', async t => {
  const {alice, bob, acme} = await setUp(t);
  let calls = 0;
  const stop = alice.watch(() => calls++);
  t.teardown(stop);
  // At once, before the listener's connection is up.
  const known = await bob.read();
  await bob.commit(known, commitOf(at(1), updateWrite(known, {...acme, name: 'Acme 1'}, 'bob', at(1))));
  await until(() => calls > 0).catch(() => undefined);
  t.true(calls > 0);
  t.is((await alice.readChanged(await alice.read())) ?? 'nothing newer', 'nothing newer');
  const seen = calls;
  const later = await bob.read();
  await bob.commit(later, commitOf(at(2), updateWrite(later, {...acme, name: 'Acme 2'}, 'bob', at(2))));
  await until(() => calls > seen).catch(() => undefined);
  t.true(calls > seen);
});

test('the database made again (another store) is "gone": nothing written until the writer recreates its data', async t => {
  const {alice, acme} = await setUp(t);
  const known = await alice.read();
  await sql`update data_revision set store_id = 'another store'`.execute(alice.connection.db);
  await sql`delete from third_parties`.execute(alice.connection.db);
  const write = updateWrite(known, {...acme, name: 'Acme again'}, 'alice@host', at(1));
  t.deepEqual(await alice.commit(known, commitOf(at(1), write)), {kind: 'gone'});
  t.deepEqual((await alice.read()).database.thirdParties, []);
  const result = committed(await alice.commit(known, commitOf(at(1), write), {recreate: true}));
  t.like(result.records[0], {kind: 'written'});
  t.deepEqual(
    (await alice.read()).database.thirdParties.map(thirdParty => thirdParty.name),
    ['Acme again'],
  );
});

test.serial(
  'the database stopped: reads and commits fail with what happened (no password), nothing half written; started again, they work',
  async t => {
    const {alice, acme} = await setUp(t);
    const known = await alice.read();
    await postgres().stop();
    try {
      const error = await t.throwsAsync(
        alice.commit(known, commitOf(at(1), updateWrite(known, {...acme, name: 'While down'}, 'alice', at(1)))),
      );
      t.true(error instanceof PostgresUnavailableError || error instanceof DataFileError, String(error));
      t.false(error!.message.includes(postgres().password));
      t.regex(error!.message, /^postgres:\/\/tpa_test@127\.0\.0\.1:\d+\/tpa_\w+: /);
      await t.throwsAsync(alice.read(), {instanceOf: PostgresUnavailableError});
    } finally {
      await postgres().start();
    }
    const after = await alice.read();
    t.is(after.database.thirdParties[0]!.name, 'Acme Payments');
    t.like(only(await alice.commit(after, commitOf(at(2), updateWrite(after, {...acme, name: 'Back'}, 'alice', at(2))))), {
      kind: 'written',
    });
  },
);

test('concurrent commits from many writers: each gets its own revision, every token issued is stored once with its audit entry', async t => {
  const {location, acme} = await setUp(t);
  const writers = await Promise.all(Array.from({length: 6}, (_, index) => engineOn(t, location, `writer ${index}`)));
  let issued = 0;
  await Promise.all(
    writers.map(async (writer, index) => {
      for (let round = 0; round < 5; round++) {
        for (let attempt = 0; attempt < 20; attempt++) {
          const known = await writer.read();
          const current = known.database.thirdParties[0]!;
          const id = `01KTOKEN${String(index).padStart(2, '0')}${String(round).padStart(2, '0')}0000000000000`;
          const next = issueAutomaticToken(current, {id, token: `tpat_${id}`}, at(round), true).thirdParty;
          const outcome = only(
            await writer.commit(known, commitOf(at(round), updateWrite(known, next, `server ${index}`, at(round), ['enabled']))),
          );
          if (outcome.kind === 'written') {
            issued++;
            break;
          }
        }
      }
    }),
  );
  const final = (await writers[0]!.read()).database.thirdParties[0]!;
  t.is(issued, 30);
  t.is(final.tokens.length, acme.tokens.length + 30);
  t.is(new Set(final.tokens.map(token => token.id)).size, final.tokens.length);
  t.is((await writers[0]!.readHistory(acme.id, 100)).length, 31);
  const revisions = await sql<{revision: number}>`select distinct revision from audit_log`.execute(writers[0]!.connection.db);
  t.is(revisions.rows.length, 31, 'one revision per commit');
});

test('Last used is written in batches; the newest time wins whichever writer comes last', async t => {
  const {alice, bob} = await setUp(t);
  await alice.lastUsed.write(
    new Map([
      ['a', '2026-11-27T10:00:00.000Z'],
      ['b', '2026-11-27T10:05:00.000Z'],
    ]),
  );
  await bob.lastUsed.write(
    new Map([
      ['a', '2026-11-27T10:10:00.000Z'],
      ['b', '2026-11-27T10:01:00.000Z'],
    ]),
  );
  t.deepEqual(
    [...(await alice.lastUsed.read())],
    [
      ['b', '2026-11-27T10:05:00.000Z'],
      ['a', '2026-11-27T10:10:00.000Z'],
    ],
  );
});
