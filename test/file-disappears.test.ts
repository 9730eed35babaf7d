/**
 * "Nothing lost when the file disappears": a deleted data file is a conflict, never "the other
 * console deleted every record"; a save that loses its lock stops; the conflict names who made
 * the change only from the audit entry of that change.
 */
import {existsSync, readFileSync, rmSync, utimesSync, writeFileSync} from 'node:fs';
import test from 'ava';
import type {SaveOutcome} from '../source/domain/index.js';
import {acquireSaveLock, lockPath, openFileEngine, openThirdPartyStore, parseDatabase, SaveLockLostError} from '../source/store/index.js';
import {databaseOf, freshFolder, sampleThirdParties, writeDataFile} from './helpers/data-files.js';
import {testEnvironment} from './helpers/environment.js';

const env = testEnvironment();
const NAMES = ['Acme Payments', 'City Utilities', 'Caselle SDK'];

const saved = (outcome: SaveOutcome) => {
  if (outcome.kind !== 'saved') throw new Error(`expected a save, got ${outcome.kind}`);
  return outcome;
};

test('rm db.json while a console is open, then a save: a conflict that says the file was deleted; nothing is written', async t => {
  const file = writeDataFile(freshFolder(), databaseOf(sampleThirdParties(env, NAMES)));
  const store = await openThirdPartyStore(file, env);
  rmSync(file);
  const acme = {...store.database.thirdParties[0]!, enabled: false};
  const outcome = await store.saveThirdParty(acme);
  t.is(outcome.kind, 'conflict');
  if (outcome.kind !== 'conflict') return;
  t.true(outcome.conflict.fileDeleted);
  t.is(outcome.conflict.theirs, undefined);
  t.false(outcome.conflict.mine.enabled);
  t.false(existsSync(file), 'not written with only the saved record');
});

test('after the deleted-file conflict: "write everything" writes every record this console has, with the change', async t => {
  const file = writeDataFile(freshFolder(), databaseOf(sampleThirdParties(env, NAMES), 4));
  const store = await openThirdPartyStore(file, env);
  rmSync(file);
  const acme = {...store.database.thirdParties[0]!, enabled: false};
  t.is((await store.saveThirdParty(acme)).kind, 'conflict');
  const outcome = saved(await store.rewriteDeletedFile(acme));
  const database = parseDatabase(readFileSync(file, 'utf8'), file);
  t.deepEqual(database.thirdParties.map(thirdParty => thirdParty.name).sort(), [...NAMES].sort());
  t.false(database.thirdParties.find(thirdParty => thirdParty.id === acme.id)!.enabled);
  t.is(database.revision, 5);
  t.deepEqual(outcome.merged, []);
});

test('after the deleted-file conflict: "keep mine in a copy" keeps every record this console has', async t => {
  const file = writeDataFile(freshFolder(), databaseOf(sampleThirdParties(env, NAMES)));
  const store = await openThirdPartyStore(file, env);
  rmSync(file);
  const acme = {...store.database.thirdParties[0]!, enabled: false};
  const copy = await store.keepCopy(acme, true);
  const database = parseDatabase(readFileSync(copy, 'utf8'), copy);
  t.is(database.thirdParties.length, 3);
  t.false(database.thirdParties.find(thirdParty => thirdParty.id === acme.id)!.enabled);
  t.false(existsSync(file));
});

test('the lock lost during a save (its folder removed): the save stops with a clear message and the file is unchanged', async t => {
  const file = writeDataFile(freshFolder(), databaseOf(sampleThirdParties(env, NAMES)));
  const engine = await openFileEngine(file);
  const snapshot = await engine.read();
  const before = readFileSync(file);
  const [added] = sampleThirdParties(env, ['Dover Water']);
  // The engine reads the new record's name once it holds the lock and has read the file: the moment to lose it.
  let name = added!.name;
  const record = Object.defineProperty({...added!}, 'name', {
    enumerable: true,
    get: () => {
      rmSync(lockPath(file), {recursive: true, force: true});
      return name;
    },
    set: (value: string) => {
      name = value;
    },
  });
  const commit = {records: [{kind: 'create' as const, record, audit: []}]};
  const error = await t.throwsAsync(engine.commit(snapshot, commit), {instanceOf: SaveLockLostError});
  t.regex(error!.message, /^Not saved: the save lock on .* was lost during the save \(its lock folder was removed\)/);
  t.deepEqual(readFileSync(file), before);
});

test('the conflict names the creator of a record only as its creator: a deletion not in the audit log names nobody', async t => {
  const file = writeDataFile(freshFolder(), databaseOf([]));
  const alice = await openThirdPartyStore(file, env, {actor: 'alice@host1'});
  const [acme] = sampleThirdParties(env, ['Acme Payments']);
  saved(await alice.saveThirdParty(acme!));
  const bob = await openThirdPartyStore(file, env, {actor: 'bob@host2'});
  // Removed by a hand edit: the newest audit entry about it is alice's "create".
  writeFileSync(file, JSON.stringify(databaseOf([], 9)), {mode: 0o600});
  const outcome = await bob.saveThirdParty({...bob.database.thirdParties[0]!, enabled: false});
  if (outcome.kind !== 'conflict') return t.fail(outcome.kind);
  t.is(outcome.conflict.theirs, undefined);
  t.is(outcome.conflict.changedBy.actor, undefined);
});

test('a deletion by another console is named with its actor', async t => {
  const file = writeDataFile(freshFolder(), databaseOf(sampleThirdParties(env, NAMES)));
  const alice = await openThirdPartyStore(file, env, {actor: 'alice@host1'});
  const bob = await openThirdPartyStore(file, env, {actor: 'bob@host2'});
  const acme = alice.database.thirdParties[0]!;
  saved(await alice.deleteThirdParty(acme.id));
  const outcome = await bob.saveThirdParty({...acme, enabled: false});
  if (outcome.kind !== 'conflict') return t.fail(outcome.kind);
  t.like(outcome.conflict.changedBy, {actor: 'alice@host1', action: 'delete'});
});

test('proper-lockfile reports the lock compromised (its time changed under it, as after a stalled disk): the holder is told', async t => {
  const file = writeDataFile(freshFolder(), databaseOf([]));
  const lock = (await acquireSaveLock(file))!;
  t.teardown(() => lock.release());
  await t.notThrowsAsync(lock.assertHeld());
  const past = new Date(Date.now() - 60_000);
  utimesSync(lockPath(file), past, past);
  // proper-lockfile looks every 5 s (half its stale time).
  let error: unknown;
  for (const deadline = Date.now() + 20_000; !error && Date.now() < deadline;) {
    await new Promise(resolve => setTimeout(resolve, 100));
    error = await lock.assertHeld().catch((caught: unknown) => caught);
  }
  t.true(error instanceof SaveLockLostError);
  t.regex((error as Error).message, /was lost during the save \(Unable to update lock within the stale threshold\)/);
});
