/**
 * The PostgreSQL engine on a real PostgreSQL (one server for this file, a fresh database per
 * test): a commit is one transaction with its audit entries; another writer's change is merged
 * field by field or is a conflict, decided on the stored rows; refresh, watch, "gone", and the
 * database going away and coming back.
 */
import test from 'ava';
import {sql} from 'kysely';
import {addToken, createThirdParty, deactivateToken, issueAutomaticToken, toggleTokenActive, type ThirdParty} from '../../domain/index.js';
import {testEnvironment} from '../../../test/helpers/environment.js';
import {startPostgres, type PostgresServer} from '../../../test/helpers/postgres.js';
import {commitOf, createWrite, deleteWrite, engineOn, migratedDatabase, updateWrite} from '../../../test/helpers/postgres-engine.js';
import type {CommitResult, RecordOutcome} from '../engine.js';
import {DataFileError} from '../data-file-error.js';
import {PostgresUnavailableError} from './postgres-error.js';

let server: PostgresServer;
test.before(async () => {
  server = await startPostgres();
});
test.after.always(() => server?.destroy());

const env = testEnvironment('2026-11-27T10:00:00.000Z');
const at = (minute: number) => new Date(Date.UTC(2026, 10, 27, 10, minute));

const committed = (result: CommitResult) => {
  if (result.kind !== 'committed') throw new Error(result.kind);
  return result;
};
const only = (result: CommitResult): RecordOutcome => committed(result).records[0]!;

/** A saved third party with a token, read back by both engines. */
const setUp = async (t: Parameters<typeof engineOn>[0]) => {
  const location = await migratedDatabase(server);
  const alice = await engineOn(t, location, 'tpa alice');
  const bob = await engineOn(t, location, 'tpa bob');
  const acme = {...addToken(createThirdParty(env, 'Acme Payments'), env), enabled: true, callbackUrl: 'https://acme.example/cb'};
  committed(await alice.commit(await alice.read(), commitOf(at(0), createWrite(acme, 'alice@host', at(0)))));
  return {location, alice, bob, acme: (await alice.read()).database.thirdParties[0]!};
};

test('a record written is read back key for key, optional fields absent as they were, with its audit entry', async t => {
  const {alice, acme} = await setUp(t);
  const snapshot = await alice.read();
  t.deepEqual(snapshot.database.thirdParties, [acme]);
  t.is(snapshot.database.revision, 1);
  t.false('approval' in acme);
  t.false('previousClientSecret' in acme);
  t.false('sentAt' in acme.tokens[0]!);
  const [created] = await alice.readHistory(acme.id, 10);
  t.like(created, {actor: 'alice@host', action: 'create', thirdParty: {id: acme.id, name: 'Acme Payments'}, time: acme.updatedAt});
  // Every field the file can hold survives the trip.
  const full: ThirdParty = {
    ...createThirdParty(env, 'Full'),
    approval: 'automatic',
    previousClientSecret: {secret: acme.clientSecret, validUntil: '2026-11-28T10:00:00.000Z'},
    tokens: [
      {
        ...addToken(createThirdParty(env, 'x'), env).tokens[0]!,
        sentAt: '2026-11-27T09:00:00.123Z',
        origin: 'automatic',
        test: true,
        expiresAt: null,
      },
    ],
  };
  committed(await alice.commit(snapshot, commitOf(at(1), createWrite(full, 'alice@host', at(1)))));
  const stored = (await alice.read()).database.thirdParties[1]!;
  t.deepEqual(stored, {...full, updatedAt: stored.updatedAt});
});

test('two writers change different fields of one record: both kept, the second told whose change it was merged with', async t => {
  const {alice, bob, acme} = await setUp(t);
  const aliceKnows = await alice.read();
  const bobKnows = await bob.read();
  t.like(only(await alice.commit(aliceKnows, commitOf(at(1), updateWrite(aliceKnows, {...acme, name: 'Acme Pay'}, 'alice@host', at(1))))), {
    kind: 'written',
  });
  const tokenId = acme.tokens[0]!.id;
  const outcome = only(
    await bob.commit(bobKnows, commitOf(at(2), updateWrite(bobKnows, toggleTokenActive(acme, tokenId), 'bob@host', at(2)))),
  );
  if (outcome.kind !== 'written') return t.fail(outcome.kind);
  t.deepEqual(outcome.merged?.fields, ['name']);
  t.like(outcome.merged?.changedBy, {actor: 'alice@host', action: 'update'});
  t.is(outcome.record?.name, 'Acme Pay');
  t.false(outcome.record?.tokens[0]!.active);
  const stored = (await alice.read()).database.thirdParties[0]!;
  t.deepEqual(stored, outcome.record);
  t.deepEqual(
    (await alice.readHistory(acme.id, 5)).map(entry => entry.actor),
    ['bob@host', 'alice@host', 'alice@host'],
  );
});

test('the same field changed to different values is a conflict: nothing written, their version and who', async t => {
  const {alice, bob, acme} = await setUp(t);
  const aliceKnows = await alice.read();
  const bobKnows = await bob.read();
  await alice.commit(aliceKnows, commitOf(at(1), updateWrite(aliceKnows, {...acme, name: 'Acme A'}, 'alice@host', at(1))));
  const result = committed(
    await bob.commit(bobKnows, commitOf(at(2), updateWrite(bobKnows, {...acme, name: 'Acme B'}, 'bob@host', at(2)))),
  );
  const outcome = result.records[0]!;
  if (outcome.kind !== 'conflict') return t.fail(outcome.kind);
  t.deepEqual(outcome.fields, ['name']);
  t.is(outcome.theirs?.name, 'Acme A');
  t.like(outcome.changedBy, {actor: 'alice@host', action: 'update'});
  t.is((await alice.read()).database.thirdParties[0]!.name, 'Acme A');
  t.is((await alice.readHistory(acme.id, 10)).length, 2, 'no entry for what was not written');
  // The writer's snapshot now holds their version, so a retry is made on it.
  t.is(result.snapshot.database.thirdParties[0]!.name, 'Acme A');
  // The same value on both sides is no conflict.
  const again = await bob.read();
  t.like(only(await bob.commit(again, commitOf(at(3), updateWrite(again, {...acme, name: 'Acme A'}, 'bob@host', at(3))))), {
    kind: 'written',
  });
});

test('a field relied on and changed by another writer is a conflict (a token issued to a third party disabled meanwhile)', async t => {
  const {alice, bob, acme} = await setUp(t);
  const serverKnows = await bob.read();
  const adminKnows = await alice.read();
  await alice.commit(adminKnows, commitOf(at(1), updateWrite(adminKnows, {...acme, enabled: false}, 'alice@host', at(1))));
  const issued = issueAutomaticToken(acme, {id: '01KTESTTOKEN0000000000000A', token: 'tpat_issued'}, at(2), false).thirdParty;
  const outcome = only(
    await bob.commit(
      serverKnows,
      commitOf(at(2), updateWrite(serverKnows, issued, 'automatic authorization', at(2), ['enabled', 'callbackUrl'])),
    ),
  );
  t.like(outcome, {kind: 'conflict', fields: ['enabled']});
  t.is((await alice.read()).database.thirdParties[0]!.tokens.length, 1);
});

test('deletions: a record changed meanwhile is a conflict; deleting what is deleted already is done; an update of a deleted one is a conflict', async t => {
  const {alice, bob, acme} = await setUp(t);
  const bobKnows = await bob.read();
  const aliceKnows = await alice.read();
  await alice.commit(aliceKnows, commitOf(at(1), updateWrite(aliceKnows, {...acme, enabled: false}, 'alice@host', at(1))));
  t.like(only(await bob.commit(bobKnows, commitOf(at(2), deleteWrite(bobKnows, acme.id, 'bob@host', at(2))))), {
    kind: 'conflict',
    fields: ['enabled'],
  });
  const now = await bob.read();
  t.like(only(await bob.commit(now, commitOf(at(3), deleteWrite(now, acme.id, 'bob@host', at(3))))), {kind: 'written', record: undefined});
  t.like(only(await alice.commit(now, commitOf(at(4), deleteWrite(now, acme.id, 'alice@host', at(4))))), {
    kind: 'written',
    record: undefined,
  });
  const stale = await alice.commit(aliceKnows, commitOf(at(5), updateWrite(aliceKnows, {...acme, name: 'Late'}, 'alice@host', at(5))));
  const outcome = only(stale);
  if (outcome.kind !== 'conflict') return t.fail(outcome.kind);
  t.is(outcome.theirs, undefined);
  t.like(outcome.changedBy, {actor: 'bob@host', action: 'delete'});
  t.deepEqual((await alice.read()).database.thirdParties, []);
});

test('a name another writer took meanwhile (ignoring case) is invalid, and the others of the commit are written', async t => {
  const {alice, bob, acme} = await setUp(t);
  const bobKnows = await bob.read();
  const aliceKnows = await alice.read();
  await alice.commit(aliceKnows, commitOf(at(1), createWrite(createThirdParty(env, 'Beta'), 'alice@host', at(1))));
  const result = committed(
    await bob.commit(
      bobKnows,
      commitOf(
        at(2),
        createWrite(createThirdParty(env, '  BETA'), 'bob@host', at(2)),
        updateWrite(bobKnows, {...acme, enabled: false}, 'bob@host', at(2)),
      ),
    ),
  );
  t.like(result.records[0], {kind: 'invalid', errors: {name: 'Another third party already has this name.'}});
  t.like(result.records[1], {kind: 'written'});
  t.deepEqual(
    (await alice.read()).database.thirdParties.map(thirdParty => [thirdParty.name, thirdParty.enabled]),
    [
      ['Acme Payments', false],
      ['Beta', false],
    ],
  );
});

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
  for (const deadline = Date.now() + 10_000; calls === 0 && Date.now() < deadline;) await new Promise(resolve => setTimeout(resolve, 10));
  t.true(calls > 0);
  t.is((await alice.readChanged(await alice.read())) ?? 'nothing newer', 'nothing newer');
  const seen = calls;
  const later = await bob.read();
  await bob.commit(later, commitOf(at(2), updateWrite(later, {...acme, name: 'Acme 2'}, 'bob', at(2))));
  for (const deadline = Date.now() + 10_000; calls === seen && Date.now() < deadline;)
    await new Promise(resolve => setTimeout(resolve, 10));
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
    await server.stop();
    try {
      const error = await t.throwsAsync(
        alice.commit(known, commitOf(at(1), updateWrite(known, {...acme, name: 'While down'}, 'alice', at(1)))),
      );
      t.true(error instanceof PostgresUnavailableError || error instanceof DataFileError, String(error));
      t.false(error!.message.includes(server.password));
      t.regex(error!.message, /^postgres:\/\/tpa_test@127\.0\.0\.1:\d+\/tpa_\w+: /);
      await t.throwsAsync(alice.read(), {instanceOf: PostgresUnavailableError});
    } finally {
      await server.start();
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

test('a token deactivated by one writer and its expiry changed by another: both kept (a token is its own fields)', async t => {
  const {alice, bob, acme} = await setUp(t);
  const tokenId = acme.tokens[0]!.id;
  const aliceKnows = await alice.read();
  const bobKnows = await bob.read();
  await alice.commit(aliceKnows, commitOf(at(1), updateWrite(aliceKnows, deactivateToken(acme, tokenId), 'alice', at(1))));
  const expiry = {...acme, tokens: [{...acme.tokens[0]!, expiresAt: '2027-01-01T00:00:00.000Z'}]};
  t.like(only(await bob.commit(bobKnows, commitOf(at(2), updateWrite(bobKnows, expiry, 'bob', at(2))))), {kind: 'written'});
  t.like((await alice.read()).database.thirdParties[0]!.tokens[0], {active: false, expiresAt: '2027-01-01T00:00:00.000Z'});
});
