/** The server's writes through the save pipeline: no lost change against a console, group commit, and the console's live refresh. */
import {readFileSync, writeFileSync} from 'node:fs';
import test, {type ExecutionContext} from 'ava';
import {
  auditEntry,
  generateCredential,
  issueAutomaticToken,
  KEPT_REPLACED_TOKENS,
  serverActor,
  TOKEN_PREFIX,
  type Environment,
} from '../source/domain/index.js';
import {commitAuthorizationWrites, createGroupCommit} from '../source/server/oauth/group-commit.js';
import {DataFileError} from '../source/store/data-file-error.js';
import {
  acquireSaveLock,
  appendAuditEntries,
  auditLogPath,
  JsonFileAdapter,
  openFilePipeline,
  openPipeline,
  openThirdPartyStore,
  parseDatabase,
  watchFile,
  type AuthorizationWrite,
} from '../source/store/index.js';
import {databaseOf, freshFolder, sampleThirdParties, writeDataFile} from './helpers/data-files.js';
import {testEnvironment} from './helpers/environment.js';
import {testEachEngine, type EngineFactory} from './helpers/engines.js';

const thirdPartiesNamed = (env: Environment, count: number) =>
  sampleThirdParties(
    env,
    Array.from({length: count}, (_, index) => `Third party ${index}`),
  ).map(thirdParty => ({...thirdParty, callbackUrl: 'https://app.example/cb'}));

/** A data file of `count` third parties (the file's own mechanics). */
const setup = (count = 3) => {
  const env = testEnvironment();
  const thirdParties = thirdPartiesNamed(env, count);
  const file = writeDataFile(freshFolder(), databaseOf(thirdParties));
  const saved = () => parseDatabase(readFileSync(file, 'utf8'), file);
  return {env, file, thirdParties, saved};
};

/** A place of `engine` holding `count` third parties; consoles and the server's writer on it. */
const setupOn = async (t: ExecutionContext, engine: EngineFactory, count = 3) => {
  const env = testEnvironment();
  const thirdParties = thirdPartiesNamed(env, count);
  const place = await engine.place(databaseOf(thirdParties), env);
  /** The server's writer: the save pipeline as `tpa serve` opens it. */
  const serverWriter = async () => {
    const pipeline = await openPipeline(place.location, env, {actor: serverActor('test')});
    t.teardown(() => pipeline.engine.close());
    return {pipeline, commit: (writes: readonly AuthorizationWrite[]) => commitAuthorizationWrites(pipeline, writes)};
  };
  return {env, place, thirdParties, saved: () => place.stored(), console: (actor: string) => place.store(env, {actor}), serverWriter};
};

/** The server's writer on a data file. */
const serverWriter = async (file: string, env: Pick<Environment, 'now'>) => {
  const pipeline = await openFilePipeline(file, env, {actor: serverActor('test')});
  return {pipeline, commit: (writes: readonly AuthorizationWrite[]) => commitAuthorizationWrites(pipeline, writes)};
};

const issue = (env: ReturnType<typeof testEnvironment>, thirdPartyId: string, id: string) => ({
  kind: 'issue' as const,
  thirdPartyId,
  token: {id, token: generateCredential(TOKEN_PREFIX, env)},
  test: false,
});

testEachEngine('a console saving while the server writes: neither change is lost, whichever comes first', async (t, engine) => {
  const {env, place, thirdParties, saved, console: openConsole, serverWriter: writerOn} = await setupOn(t, engine);
  const console = await openConsole('alice@host');
  const writer = await writerOn();
  for (let round = 0; round < 10; round++) {
    const other = console.database.thirdParties.find(candidate => candidate.id === thirdParties[1]!.id)!;
    const [outcome] = await Promise.all([
      console.saveThirdParty({...other, name: `Renamed ${round}`}),
      writer.commit([issue(env, thirdParties[0]!.id, `T${round}`)]),
    ]);
    t.is(outcome.kind, 'saved');
  }
  const final = await saved();
  t.is(final.thirdParties.find(candidate => candidate.id === thirdParties[1]!.id)!.name, 'Renamed 9');
  // The grid keeps the live token and the last few replaced ones; the audit log has every issue (below).
  t.is(
    final.thirdParties.find(candidate => candidate.id === thirdParties[0]!.id)!.tokens.filter(token => token.origin === 'automatic').length,
    1 + KEPT_REPLACED_TOKENS,
  );
  t.is(final.revision, 1 + 20);
  const actors = (await place.audit()).map(entry => entry.actor);
  t.is(actors.filter(actor => actor.startsWith('automatic authorization')).length, 10);
});

testEachEngine(
  'the server writing a third party the console is editing: the console save merges field by field and names the server',
  async (t, engine) => {
    const {env, thirdParties, saved, console: openConsole, serverWriter: writerOn} = await setupOn(t, engine);
    const console = await openConsole('alice@host');
    await (await writerOn()).commit([issue(env, thirdParties[0]!.id, 'T1')]);
    const outcome = await console.saveThirdParty({...console.database.thirdParties[0]!, name: 'Mine'});
    if (outcome.kind !== 'saved') return t.fail(outcome.kind);
    t.deepEqual(outcome.mergedFields?.fields, ['tokens']);
    t.is(outcome.mergedFields?.changedBy.actor, serverActor('test'));
    const onDisk = (await saved()).thirdParties[0]!;
    t.is(onDisk.name, 'Mine');
    t.true(
      onDisk.tokens.some(token => token.id === 'T1' && token.active),
      'the server token is kept',
    );
  },
);

testEachEngine(
  'a token for a third party a console disables after the server read it: made again on the stored record, and refused',
  async (t, engine) => {
    const {env, thirdParties, saved, console: openConsole, serverWriter: writerOn} = await setupOn(t, engine);
    const writer = await writerOn();
    const console = await openConsole('alice@host');
    await console.saveThirdParty({...console.database.thirdParties[0]!, enabled: false});
    // The server still has the record as Enabled: the issue relies on Enabled, which changed.
    t.true(writer.pipeline.snapshot.database.thirdParties[0]!.enabled);
    const {results} = await writer.commit([issue(env, thirdParties[0]!.id, 'T1')]);
    t.deepEqual(results, [{ok: false, why: 'the third party is not Enabled'}]);
    t.false((await saved()).thirdParties[0]!.tokens.some(token => token.id === 'T1'));
  },
);

testEachEngine('group commit: 500 writes at once all succeed in a few saves', async (t, engine) => {
  const {env, place, thirdParties, saved, serverWriter: writerOn} = await setupOn(t, engine, 50);
  const writer = await writerOn();
  let saves = 0;
  const group = createGroupCommit(writer.pipeline, () => saves++);
  const results = await Promise.all(
    Array.from({length: 500}, (_, index) => group.submit(issue(env, thirdParties[index % 50]!.id, `T${index}`))),
  );
  t.true(results.every(result => result.ok));
  t.true(saves < 20, `${saves} saves`);
  // Every issue is in the audit log; the grid keeps each third party's live token and the last few replaced ones.
  const issued = (await place.audit()).filter(entry =>
    entry.changes.some(change => change.new === 'token issued by automatic authorization'),
  );
  t.is(issued.length, 500);
  const automatic = (await saved()).thirdParties.flatMap(thirdParty => thirdParty.tokens.filter(token => token.origin === 'automatic'));
  t.is(automatic.length, 50 * (1 + KEPT_REPLACED_TOKENS));
  // Each third party has at most one live automatic token.
  t.is(automatic.filter(token => token.active).length, 50);
});

testEachEngine('a token for a third party deleted or disabled meanwhile is refused, and nothing is written for it', async (t, engine) => {
  const {env, thirdParties, saved, console: openConsole, serverWriter: writerOn} = await setupOn(t, engine);
  const console = await openConsole('alice@host');
  await console.saveThirdParty({...console.database.thirdParties[0]!, enabled: false});
  await console.deleteThirdParty(thirdParties[1]!.id);
  const writer = await writerOn();
  const committed = await writer.commit([issue(env, thirdParties[0]!.id, 'T1'), issue(env, thirdParties[1]!.id, 'T2')]);
  t.deepEqual(
    committed.results.map(result => result.ok),
    [false, false],
  );
  t.is((await saved()).revision, 3);
});

testEachEngine(
  'refresh says what changed per record, from the audit log; an edited record keeps its base so its save is compared',
  async (t, engine) => {
    const {env, thirdParties, console: openConsole, serverWriter: writerOn} = await setupOn(t, engine);
    const console = await openConsole('alice@host');
    t.is(await console.refresh(new Set()), undefined);
    const other = await openConsole('bob@host');
    await (await writerOn()).commit([issue(env, thirdParties[0]!.id, 'T1')]);
    await other.saveThirdParty({...other.database.thirdParties[2]!, name: 'Bob named it'});
    const refreshed = await console.refresh(new Set([thirdParties[0]!.id]));
    t.deepEqual(
      refreshed!.changes.map(change => change.summary),
      ['Third party 0: token issued by automatic authorization', 'Bob named it: changed by bob@host'],
    );
    t.is(console.database.thirdParties[0]!.tokens[0]!.origin, 'automatic');
    // Third party 0 was being edited: those edits are compared with the version they were made on,
    // so the save keeps the server's token (merged field by field) rather than dropping it.
    const edited = await console.saveThirdParty({...thirdParties[0]!, name: 'Edited'});
    if (edited.kind !== 'saved') return t.fail(edited.kind);
    t.deepEqual(edited.mergedFields?.fields, ['tokens']);
    t.true(edited.database.thirdParties[0]!.tokens.some(token => token.id === 'T1'));
    // Third party 1 was not: a save of it goes through without a merge note.
    const plain = await console.saveThirdParty({...console.database.thirdParties[1]!, name: 'Plain'});
    t.is(plain.kind, 'saved');
    t.is(await console.refresh(new Set()), undefined);
  },
);

test('a refresh that reads the file before the server has appended its audit entry still says what the server did', async t => {
  const {env, file, saved} = setup();
  const console = await openThirdPartyStore(file, env, {actor: 'alice@host'});
  // A save's steps, with the moment between the rename and the audit append held open.
  const lock = (await acquireSaveLock(file))!;
  const before = saved();
  const issued = issueAutomaticToken(before.thirdParties[0]!, {id: 'T1', token: generateCredential(TOKEN_PREFIX, env)}, env.now());
  const after = {...issued.thirdParty, updatedAt: env.now().toISOString()};
  await new JsonFileAdapter(file).write({...before, revision: 2, thirdParties: before.thirdParties.with(0, after)});
  const entry = auditEntry({
    action: 'update',
    actor: 'automatic authorization',
    time: env.now(),
    before: before.thirdParties[0],
    after,
    extra: [{field: 'event', old: null, new: 'token issued by automatic authorization'}],
  });
  const refreshing = console.refresh(new Set());
  // The refresh has read the file; the audit entry comes a moment later (a loaded machine).
  const first = await Promise.race([refreshing, new Promise(resolve => setTimeout(() => resolve('waiting'), 300))]);
  await appendAuditEntries(auditLogPath(file), [entry]);
  await lock.release();
  const refreshed = await refreshing;
  t.is(first, 'waiting', 'the refresh waits while the save holds its lock');
  t.deepEqual(
    refreshed!.changes.map(change => change.summary),
    ['Third party 0: token issued by automatic authorization'],
  );
});

test('refresh keeps an unchanged record as the same object, and checks a changed one: an invalid change is refused', async t => {
  const {env, file, thirdParties} = setup();
  const console = await openThirdPartyStore(file, env, {actor: 'alice@host'});
  const [first, second] = console.database.thirdParties;
  const edit = (change: (database: {thirdParties: Record<string, unknown>[]}) => void) => {
    const database = JSON.parse(readFileSync(file, 'utf8')) as {thirdParties: Record<string, unknown>[]};
    change(database);
    writeFileSync(file, `${JSON.stringify(database, null, 2)}\n`);
  };
  edit(database => {
    database.thirdParties[1]!.name = 'Renamed by hand, a longer name';
  });
  const refreshed = await console.refresh(new Set());
  t.deepEqual(
    refreshed!.changes.map(change => change.id),
    [thirdParties[1]!.id],
  );
  t.is(console.database.thirdParties[0], first);
  t.not(console.database.thirdParties[1], second);
  t.is(console.database.thirdParties[1]!.name, 'Renamed by hand, a longer name');
  // A changed record goes through the schema: a bad value is refused and the console keeps what it had.
  const before = console.database;
  edit(database => {
    database.thirdParties[0]!.enabled = 'yes, a text';
  });
  const error = await t.throwsAsync(console.refresh(new Set()), {instanceOf: DataFileError});
  t.regex(error!.message, /enabled must be true or false/);
  t.is(console.database, before);
});

test('a read given the known records returns the equal ones as those objects, and a changed one as a new, checked object', t => {
  const {file, saved} = setup();
  const known = saved();
  const text = readFileSync(file, 'utf8');
  const again = parseDatabase(text, file, new Map(known.thirdParties.map(thirdParty => [thirdParty.id, thirdParty])));
  t.true(again.thirdParties.every((thirdParty, index) => thirdParty === known.thirdParties[index]));
  const changed = parseDatabase(
    text.replace('"Third party 2"', '"Third party two"'),
    file,
    new Map(known.thirdParties.map(thirdParty => [thirdParty.id, thirdParty])),
  );
  t.is(changed.thirdParties[0], known.thirdParties[0]);
  t.not(changed.thirdParties[2], known.thirdParties[2]);
  t.is(changed.thirdParties[2]!.name, 'Third party two');
});

test('watchFile calls back after a save by another writer', async t => {
  const {env, file, thirdParties} = setup();
  let calls = 0;
  const watch = watchFile(file, () => calls++, 20);
  t.teardown(() => watch.close());
  await (await serverWriter(file, env)).commit([issue(env, thirdParties[0]!.id, 'T1')]);
  const deadline = Date.now() + 3_000;
  while (calls === 0 && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 10));
  t.true(calls > 0);
});
