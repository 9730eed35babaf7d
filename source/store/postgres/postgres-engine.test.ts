/**
 * The PostgreSQL engine's decisions on a real PostgreSQL (one server for this file, a fresh
 * database per test): a commit is one transaction with its audit entries; another writer's change
 * is merged field by field or is a conflict, decided on the stored rows; a name taken is invalid.
 */
import test from 'ava';
import {addToken, createThirdParty, deactivateToken, issueAutomaticToken, toggleTokenActive, type ThirdParty} from '../../domain/index.js';
import {testEnvironment} from '../../../test/helpers/environment.js';
import {postgresForThisFile} from '../../../test/helpers/postgres-per-file.js';
import {at, commitOf, committed, createWrite, deleteWrite, only, twoWriters, updateWrite} from '../../../test/helpers/postgres-engine.js';

const postgres = postgresForThisFile();

const env = testEnvironment('2026-11-27T10:00:00.000Z');
const setUp = (t: Parameters<typeof twoWriters>[0]) => twoWriters(t, postgres());

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

test('a commit of many token writes (the server’s group commit): those on untouched records written together, the others decided one by one', async t => {
  const {alice, bob, acme} = await setUp(t);
  const others = ['Beta', 'Gamma', 'Delta'].map(name => ({
    ...addToken(createThirdParty(env, name), env),
    enabled: true,
    callbackUrl: 'https://x.example/cb',
  }));
  let known = await alice.read();
  known = committed(await alice.commit(known, commitOf(at(1), ...others.map(record => createWrite(record, 'alice', at(1)))))).snapshot;
  const serverKnows = await bob.read();
  // Meanwhile an admin disables Gamma and renames Delta.
  const [beta, gamma, delta] = others.map(record => known.base(record.id)!.record);
  committed(
    await alice.commit(
      known,
      commitOf(
        at(2),
        updateWrite(known, {...gamma!, enabled: false}, 'alice', at(2)),
        updateWrite(known, {...delta!, name: 'Delta Two'}, 'alice', at(2)),
      ),
    ),
  );
  const issue = (record: ThirdParty, suffix: string) =>
    issueAutomaticToken(record, {id: `01KBATCH${suffix}000000000000000000`, token: `tpat_batch_${suffix}`}, at(3), false).thirdParty;
  const current = (id: string) => serverKnows.base(id)!.record;
  const result = committed(
    await bob.commit(
      serverKnows,
      commitOf(
        at(3),
        updateWrite(serverKnows, issue(current(acme.id), 'A'), 'server', at(3), ['enabled']),
        updateWrite(serverKnows, issue(current(beta!.id), 'B'), 'server', at(3), ['enabled']),
        updateWrite(serverKnows, issue(current(gamma!.id), 'G'), 'server', at(3), ['enabled']),
        updateWrite(serverKnows, issue(current(delta!.id), 'D'), 'server', at(3), ['enabled']),
      ),
    ),
  );
  t.deepEqual(
    result.records.map(outcome => outcome.kind),
    ['written', 'written', 'conflict', 'written'],
  );
  t.like(result.records[2], {fields: ['enabled']});
  t.like(result.records[3], {merged: {fields: ['name']}});
  const stored = new Map((await alice.read()).database.thirdParties.map(record => [record.name, record]));
  t.is(stored.get('Acme Payments')!.tokens[0]!.token, 'tpat_batch_A', 'a new token goes first');
  t.is(stored.get('Beta')!.tokens[0]!.token, 'tpat_batch_B');
  t.is(stored.get('Gamma')!.tokens.length, 1);
  t.is(stored.get('Delta Two')!.tokens[0]!.token, 'tpat_batch_D');
  const history = await alice.readHistory(acme.id, 1);
  t.is(history[0]!.actor, 'server');
});
