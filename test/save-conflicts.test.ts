import {chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import {hostname} from 'node:os';
import path from 'node:path';
import test from 'ava';
import {
  auditLogPath,
  backupPath,
  lockOwnerPath,
  lockPath,
  openThirdPartyStore,
  parseDatabase,
  recoveryPath,
  writeRecoverySync,
  type ThirdPartyStore,
} from '../source/store/index.js';
import type {SaveOutcome, ThirdParty} from '../source/domain/index.js';
import {databaseOf, freshFolder, sampleThirdParties} from './helpers/data-files.js';
import {testEnvironment} from './helpers/environment.js';
import {fileEngine, testEachEngine, type EngineFactory, type EnginePlace} from './helpers/engines.js';

const env = testEnvironment();

/**
 * Two consoles' stores on a place of `engine` holding three third parties. `file`: the data file,
 * or for a database the path beside which the consoles keep their files (recovery, copies).
 */
const twoConsoles = async (engine: EngineFactory, names = ['Acme Payments', 'City Utilities', 'Caselle SDK']) => {
  const thirdParties = sampleThirdParties(env, names);
  const place = await engine.place(databaseOf(thirdParties), env);
  const first = await place.store(env, {actor: 'alice@host1'});
  const second = await place.store(env, {actor: 'bob@host2'});
  return {place, folder: path.dirname(place.localFile), file: place.localFile, thirdParties, first, second};
};
/** What is stored now on the place, by name. */
const storedNamed = async (place: EnginePlace, name: string) =>
  (await place.stored()).thirdParties.find(thirdParty => thirdParty.name === name)!;

const named = (store: ThirdPartyStore, name: string): ThirdParty =>
  store.database.thirdParties.find(thirdParty => thirdParty.name === name)!;
const onDisk = (file: string) => parseDatabase(readFileSync(file, 'utf8'), file);
const saved = (outcome: SaveOutcome) => {
  if (outcome.kind !== 'saved') throw new Error(`expected a save, got ${outcome.kind}`);
  return outcome;
};
const mode = (file: string) => statSync(file).mode & 0o777;

/**
 * The names a save reports merged. The file engine reads the whole file when another writer saved
 * it, and the save names what it took in; a database's commit brings back only what it wrote, the
 * others' changes coming through the watch, as a refresh that names them (engine.ts, CommitResult).
 */
const mergedBySave = (engine: EngineFactory, names: string[]): string[] => (engine.name === 'file' ? names : []);

testEachEngine(
  'two consoles changing different third parties: the second save merges, and says whose changes it merged',
  async (t, engine) => {
    const {place, first, second} = await twoConsoles(engine);
    saved(await first.saveThirdParty({...named(first, 'Acme Payments'), callbackUrl: 'https://acme.example/cb'}));
    const outcome = saved(await second.saveThirdParty({...named(second, 'City Utilities'), enabled: false}));

    t.deepEqual(outcome.merged, mergedBySave(engine, ['Acme Payments']));
    const database = await place.stored();
    t.is(database.revision, 3);
    t.is(database.thirdParties.find(thirdParty => thirdParty.name === 'Acme Payments')!.callbackUrl, 'https://acme.example/cb');
    t.false(database.thirdParties.find(thirdParty => thirdParty.name === 'City Utilities')!.enabled);
    // The second console now knows the first one's change (on a database once its watch has
    // brought it: refreshed here without waiting for it); its next save merges nothing.
    await second.refresh(new Set());
    t.is(named(second, 'Acme Payments').callbackUrl, 'https://acme.example/cb');
    t.deepEqual(saved(await second.saveThirdParty({...named(second, 'Caselle SDK'), enabled: false})).merged, []);
  },
);

testEachEngine('a third party added and one deleted by another console are merged too', async (t, engine) => {
  const {place, first, second} = await twoConsoles(engine);
  const [added] = sampleThirdParties(env, ['Dover Water']);
  saved(await first.saveThirdParty(added!));
  saved(await first.deleteThirdParty(named(first, 'Caselle SDK').id));
  const outcome = saved(await second.saveThirdParty({...named(second, 'Acme Payments'), enabled: false}));
  t.deepEqual([...outcome.merged].sort(), mergedBySave(engine, ['Caselle SDK', 'Dover Water']));
  t.deepEqual((await place.stored()).thirdParties.map(thirdParty => thirdParty.name).sort(), [
    'Acme Payments',
    'City Utilities',
    'Dover Water',
  ]);
});

testEachEngine(
  'the same field of the same third party changed by two consoles: the second save writes nothing and says who, when and which field',
  async (t, engine) => {
    const {place, first, second} = await twoConsoles(engine);
    saved(await first.saveThirdParty({...named(first, 'Acme Payments'), callbackUrl: 'https://acme.example/cb'}));
    const outcome = await second.saveThirdParty({...named(second, 'Acme Payments'), callbackUrl: 'https://other.example/cb'});
    if (outcome.kind !== 'conflict') return t.fail();
    t.is(outcome.conflict.changedBy.actor, 'alice@host1');
    t.is(outcome.conflict.changedBy.action, 'update');
    t.deepEqual(outcome.conflict.fields, ['Callback URL']);
    t.is((await storedNamed(place, 'Acme Payments')).callbackUrl, 'https://acme.example/cb');
  },
);

test('the newest audit line about the third party names who changed it; lines about others and a line cut short are passed over', async t => {
  const {file, first, second} = await twoConsoles(fileEngine(t));
  saved(await first.saveThirdParty({...named(first, 'Acme Payments'), name: 'Acme Payments Ltd'}));
  const {id, updatedAt} = named(first, 'Acme Payments Ltd');
  writeFileSync(
    auditLogPath(file),
    [
      JSON.stringify({
        time: '2026-11-27T09:00:00.000Z',
        actor: 'bob@old',
        action: 'create',
        thirdParty: {id, name: 'Acme Payments'},
        changes: [],
      }),
      JSON.stringify({
        // The entry of the save that made the record the second console runs into: the record's own save time.
        time: updatedAt,
        actor: 'alice@host1',
        action: 'update',
        thirdParty: {id, name: 'Acme Payments Ltd'},
        changes: [],
      }),
      JSON.stringify({
        time: '2026-11-27T10:06:00.000Z',
        actor: 'carol@host2',
        action: 'update',
        thirdParty: {id: 'someone else', name: 'X'},
        changes: [],
      }),
      '{"time": "2026-11-27T10:07', // cut short by a crash
    ].join('\n'),
  );
  const before = readFileSync(file);

  const outcome = await second.saveThirdParty({...named(second, 'Acme Payments'), name: 'Acme Two', enabled: false});

  t.is(outcome.kind, 'conflict');
  if (outcome.kind !== 'conflict') return;
  t.is(outcome.conflict.theirs?.name, 'Acme Payments Ltd');
  t.false(outcome.conflict.mine.enabled);
  t.is(outcome.conflict.changedBy.actor, 'alice@host1');
  t.is(outcome.conflict.changedBy.at.toISOString(), updatedAt);
  t.deepEqual(readFileSync(file), before, 'nothing written');
});

test('without an audit log (a hand edit, an older tpa) the conflict names the time the file was written', async t => {
  const {file, first, second} = await twoConsoles(fileEngine(t));
  saved(await first.saveThirdParty({...named(first, 'Acme Payments'), callbackUrl: 'https://b.example/cb'}));
  rmSync(auditLogPath(file));
  utimesSync(file, new Date('2026-11-27T10:30:00Z'), new Date('2026-11-27T10:30:00Z'));
  const outcome = await second.saveThirdParty({...named(second, 'Acme Payments'), callbackUrl: 'https://a.example/cb'});
  t.is(outcome.kind, 'conflict');
  if (outcome.kind !== 'conflict') return;
  t.is(outcome.conflict.changedBy.actor, undefined);
  t.is(outcome.conflict.changedBy.at.toISOString(), '2026-11-27T10:30:00.000Z');
});

testEachEngine('a third party deleted by another console is a conflict when this one saves it', async (t, engine) => {
  const {first, second} = await twoConsoles(engine);
  saved(await first.deleteThirdParty(named(first, 'Acme Payments').id));
  const outcome = await second.saveThirdParty({...named(second, 'Acme Payments'), enabled: false});
  t.is(outcome.kind, 'conflict');
  if (outcome.kind === 'conflict') t.is(outcome.conflict.theirs, undefined);
});

testEachEngine(
  'after a conflict: keep mine in a copy (0600, a data file of its own), reload theirs, and the next save goes through',
  async (t, engine) => {
    const {place, folder, first, second} = await twoConsoles(engine);
    saved(await first.saveThirdParty({...named(first, 'Acme Payments'), name: 'Acme Payments Ltd'}));
    const mine = {...named(second, 'Acme Payments'), name: 'Acme Two', enabled: false};
    const outcome = await second.saveThirdParty(mine);
    if (outcome.kind !== 'conflict') return t.fail();

    const copy = await second.keepCopy(outcome.conflict.mine);
    t.is(path.dirname(copy), folder);
    t.regex(path.basename(copy), /^db\.mine-\d{8}T\d{6}Z\.json$/);
    t.is(mode(copy), 0o600);
    t.deepEqual(
      onDisk(copy).thirdParties.map(thirdParty => [thirdParty.name, thirdParty.enabled]),
      [['Acme Two', false]],
    );

    const database = await second.reload();
    t.truthy(database.thirdParties.find(thirdParty => thirdParty.name === 'Acme Payments Ltd'));
    saved(await second.saveThirdParty({...named(second, 'Acme Payments Ltd'), enabled: false}));
    t.false((await storedNamed(place, 'Acme Payments Ltd')).enabled);
  },
);

testEachEngine('a name another console took meanwhile is refused with the field message, as an answer, not an error', async (t, engine) => {
  const {place, first, second} = await twoConsoles(engine);
  saved(await first.saveThirdParty({...named(first, 'Acme Payments'), name: 'Dover'}));
  const before = await place.written();
  const outcome = await second.saveThirdParty({...named(second, 'City Utilities'), name: 'dover'});
  if (outcome.kind !== 'invalid') return t.fail(outcome.kind);
  t.deepEqual(outcome.errors, {name: 'Another third party already has this name.'});
  t.is(await place.written(), before, 'nothing written');
});

test('each save keeps the previous revision, byte for byte, as the backup (0600)', async t => {
  const {file, first} = await twoConsoles(fileEngine(t));
  const previous = readFileSync(file, 'utf8');
  saved(await first.saveThirdParty({...named(first, 'Acme Payments'), enabled: false}));
  t.is(readFileSync(backupPath(file), 'utf8'), previous);
  t.is(mode(backupPath(file)), 0o600);
  t.is(mode(file), 0o600);
});

test('the first save creates the file and its folder; the lock works before the file exists', async t => {
  const file = path.join(freshFolder(), 'new', 'db.json');
  const store = await openThirdPartyStore(file, env);
  const [thirdParty] = sampleThirdParties(env, ['Acme Payments']);
  saved(await store.saveThirdParty(thirdParty!));
  t.is(onDisk(file).revision, 1);
  t.is(mode(file), 0o600);
  t.false(existsSync(backupPath(file)), 'nothing to back up on the first save');
  t.false(existsSync(lockPath(file)), 'the lock is released');
  t.false(existsSync(lockOwnerPath(file)));
});

test('the revision never goes down, even over a file restored from its backup', async t => {
  const {file, first} = await twoConsoles(fileEngine(t));
  saved(await first.saveThirdParty({...named(first, 'Acme Payments'), enabled: false}));
  saved(await first.saveThirdParty({...named(first, 'City Utilities'), enabled: false}));
  writeFileSync(file, readFileSync(backupPath(file)));
  const outcome = saved(await first.saveThirdParty({...named(first, 'Caselle SDK'), enabled: false}));
  t.is(outcome.database.revision, 4);
});

test('temp files left by a killed save are removed at start; other files beside the data file are not', async t => {
  const {folder, file} = await twoConsoles(fileEngine(t));
  const stale = ['db.json.123456789', 'db.backup.json.42', 'db.recovery.json.7'];
  for (const name of stale) writeFileSync(path.join(folder, name), '{"half": ', {mode: 0o600});
  writeFileSync(path.join(folder, 'db.json.notes'), 'mine');
  await openThirdPartyStore(file, env);
  t.deepEqual(readdirSync(folder).sort(), ['db.json', 'db.json.notes']);
});

test('a lock left by a process that no longer runs is taken over at once', async t => {
  const {file, first} = await twoConsoles(fileEngine(t));
  mkdirSync(lockPath(file));
  // A pid far above any real one on this machine.
  writeFileSync(lockOwnerPath(file), JSON.stringify({pid: 2 ** 22 + 12_345, host: hostname(), since: new Date().toISOString()}));
  const started = Date.now();
  saved(await first.saveThirdParty({...named(first, 'Acme Payments'), enabled: false}));
  t.true(Date.now() - started < 2_000, `took ${Date.now() - started} ms`);
  t.false(existsSync(lockPath(file)));
});

test('a save waits while another process holds the lock', async t => {
  const {file, first} = await twoConsoles(fileEngine(t));
  mkdirSync(lockPath(file));
  writeFileSync(lockOwnerPath(file), JSON.stringify({pid: process.ppid, host: hostname(), since: new Date().toISOString()}));
  let done = false;
  const saving = first.saveThirdParty({...named(first, 'Acme Payments'), enabled: false}).then(outcome => {
    done = true;
    return outcome;
  });
  // Long enough for several retries: still waiting, because the owner is alive.
  await new Promise(resolve => setTimeout(resolve, 400));
  t.false(done);
  t.is(onDisk(file).revision, 1);
  rmSync(lockOwnerPath(file));
  rmSync(lockPath(file), {recursive: true});
  saved(await saving);
  t.is(onDisk(file).revision, 2);
});

test('a data file others can read gives a warning with the fix', async t => {
  const {file} = await twoConsoles(fileEngine(t));
  chmodSync(file, 0o644);
  const store = await openThirdPartyStore(file, env);
  t.is(store.warnings.length, 1);
  t.regex(store.warnings[0]!, /mode 0644.*chmod 600/);
  chmodSync(file, 0o600);
  t.deepEqual((await openThirdPartyStore(file, env)).warnings, []);
});

testEachEngine('unsaved changes in the recovery file are offered at the next start, and removed once settled', async (t, engine) => {
  const {place, file, thirdParties} = await twoConsoles(engine);
  const original = thirdParties[0]!;
  t.is(writeRecoverySync(file, {thirdParty: {...original, name: 'Acme (draft)'}, original}, new Date('2026-11-27T11:00:00Z')), undefined);
  t.is(mode(recoveryPath(file)), 0o600);
  const store = await place.store(env);
  t.is(store.recovered?.thirdParty.name, 'Acme (draft)');
  t.is(store.recovered?.savedAt.toISOString(), '2026-11-27T11:00:00.000Z');
  t.false(store.recovered?.changedSince);
  await store.settleRecovery(false);
  t.false(existsSync(recoveryPath(file)));
  t.is((await place.store(env)).recovered, undefined);
});

testEachEngine('recovered changes to a record saved by someone else since are a conflict when saved', async (t, engine) => {
  const {place, file, thirdParties, first} = await twoConsoles(engine);
  const original = thirdParties[0]!;
  writeRecoverySync(file, {thirdParty: {...original, callbackUrl: 'https://mine.example/cb'}, original}, env.now());
  saved(await first.saveThirdParty({...original, callbackUrl: 'https://other.example/cb'}));

  const store = await place.store(env);
  t.true(store.recovered?.changedSince);
  const restored = store.recovered!.thirdParty;
  await store.settleRecovery(true);
  const outcome = await store.saveThirdParty(restored);
  t.is(outcome.kind, 'conflict');
});

testEachEngine('a recovery file whose changes were saved after all is dropped without asking', async (t, engine) => {
  const {place, file, thirdParties} = await twoConsoles(engine);
  // As the form hands it over: the text of the fields, not yet trimmed or turned into null.
  writeRecoverySync(
    file,
    {thirdParty: {...thirdParties[0]!, name: ` ${thirdParties[0]!.name} `, callbackUrl: ''}, original: thirdParties[0]!},
    env.now(),
  );
  const store = await place.store(env);
  t.is(store.recovered, undefined);
  t.false(existsSync(recoveryPath(file)));
});

testEachEngine('a broken recovery file is left alone and reported', async (t, engine) => {
  const {place, folder, file} = await twoConsoles(engine);
  mkdirSync(folder, {recursive: true});
  writeFileSync(recoveryPath(file), '{"kind": "tpa-recovery"', {mode: 0o600});
  const store = await place.store(env);
  t.is(store.recovered, undefined);
  t.regex(store.warnings.join(' '), /recovery\.json is not valid JSON; it was left as it is/);
  t.true(existsSync(recoveryPath(file)));
});

test('opening a data file whose folder does not exist yet creates nothing', async t => {
  const folder = path.join(freshFolder(), 'not-yet');
  await openThirdPartyStore(path.join(folder, 'db.json'), env);
  t.false(existsSync(folder));
});
