/**
 * "No file is written through a link": a symbolic link planted at the path of each file tpa
 * writes leaves its target untouched, and tpa doctor reports links, other users' files and
 * folders others can write to.
 */
import {chownSync, chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {writeServerInfo} from '../source/server/server-info.js';
import {
  auditLogPath,
  backupPath,
  conflictCopyPath,
  lockOwnerPath,
  openThirdPartyStore,
  recoveryPath,
  runDoctor,
  serverInfoPath,
  writePrivateFile,
  writeRecoverySync,
  type ThirdPartyStore,
} from '../source/store/index.js';
import {databaseOf, freshFolder, sampleThirdParties, writeDataFile} from './helpers/data-files.js';
import {testEnvironment} from './helpers/environment.js';

const env = testEnvironment();
const LOOT = 'another user’s file\n';

/** A data folder, and beside it the file an attacker wants written: the link's target. */
const setUp = async () => {
  const folder = freshFolder();
  const thirdParties = sampleThirdParties(env, ['Acme Payments', 'City Utilities']);
  const file = writeDataFile(folder, databaseOf(thirdParties));
  const loot = path.join(freshFolder(), 'loot');
  writeFileSync(loot, LOOT, {mode: 0o644});
  const plant = (at: string) => symlinkSync(loot, at);
  const store = await openThirdPartyStore(file, env, {actor: 'alice@host'});
  return {folder, file, loot, plant, store, thirdParties};
};

const untouched = (t: {is: (a: unknown, b: unknown, m?: string) => void}, loot: string) => {
  t.is(readFileSync(loot, 'utf8'), LOOT, 'the link target is untouched');
  t.is(lstatSync(loot).mode & 0o777, 0o644, 'its mode too');
};

const edit = (store: ThirdPartyStore) => ({...store.database.thirdParties[0]!, enabled: false});

test('the recovery file: its temp file (once named by the pid) and the file itself', async t => {
  const {file, loot, plant, thirdParties} = await setUp();
  plant(`${recoveryPath(file)}.${process.pid}`);
  t.is(writeRecoverySync(file, {thirdParty: {...thirdParties[0]!, name: 'Acme Pay'}, original: thirdParties[0]!}, env.now()), undefined);
  untouched(t, loot);
  plant(`${recoveryPath(file)}.new`);
  // A link at the recovery file itself is replaced, not written through.
  const {rmSync, renameSync} = await import('node:fs');
  rmSync(recoveryPath(file));
  renameSync(`${recoveryPath(file)}.new`, recoveryPath(file));
  t.is(writeRecoverySync(file, {thirdParty: {...thirdParties[0]!, name: 'Acme Pay'}, original: thirdParties[0]!}, env.now()), undefined);
  untouched(t, loot);
  t.true(lstatSync(recoveryPath(file)).isFile());
});

test('the lock owner file, the backup and the data file’s temp file during a save', async t => {
  const {file, loot, plant, store} = await setUp();
  plant(lockOwnerPath(file));
  plant(backupPath(file));
  plant(`${file}.${process.pid}`);
  t.is((await store.saveThirdParty(edit(store))).kind, 'saved');
  untouched(t, loot);
  t.true(lstatSync(backupPath(file)).isFile());
  t.false(existsSync(lockOwnerPath(file)), 'the lock owner file is gone after the save');
});

test('the audit log: a link is refused, the data is saved and the console is told', async t => {
  const {file, loot, plant, store} = await setUp();
  plant(auditLogPath(file));
  const outcome = await store.saveThirdParty(edit(store));
  if (outcome.kind !== 'savedAuditFailed') return t.fail(outcome.kind);
  t.regex(outcome.problem, /Saved, but the audit log could not be written/);
  untouched(t, loot);
});

test('the audit log of another user is not appended to', async t => {
  if (process.getuid?.() !== 0) return t.pass('needs root to give a file to another user');
  const {file, store} = await setUp();
  writeFileSync(auditLogPath(file), '', {mode: 0o666});
  chownSync(auditLogPath(file), 65_534, 65_534);
  const outcome = await store.saveThirdParty(edit(store));
  if (outcome.kind !== 'savedAuditFailed') return t.fail(outcome.kind);
  t.regex(outcome.problem, /audit log could not be written/);
  t.is(readFileSync(auditLogPath(file), 'utf8'), '');
  t.is(lstatSync(auditLogPath(file)).uid, 65_534);
});

test('the copy kept after a conflict ("mine")', async t => {
  const {file, loot, plant, store} = await setUp();
  const copy = conflictCopyPath(file, env.now());
  plant(copy);
  t.is(await store.keepCopy(edit(store)), copy);
  untouched(t, loot);
  t.true(lstatSync(copy).isFile());
});

test('the server file', async t => {
  const {file, loot, plant} = await setUp();
  plant(serverInfoPath(file));
  await writeServerInfo(file, {pid: process.pid, host: '127.0.0.1', port: 8787, startedAt: env.now().toISOString()});
  untouched(t, loot);
  t.true(lstatSync(serverInfoPath(file)).isFile());
});

test('the OAuth sheet file (W): a link is reported as existing, and Y replaces the link, never its target', async t => {
  const {folder, loot, plant} = await setUp();
  const sheet = path.join(folder, 'oauth-sheet.txt');
  plant(sheet);
  t.is((await writePrivateFile(sheet, 'secret sheet', false)).kind, 'exists');
  untouched(t, loot);
  t.is((await writePrivateFile(sheet, 'secret sheet', true)).kind, 'written');
  untouched(t, loot);
  t.true(lstatSync(sheet).isFile());
  t.is(lstatSync(sheet).mode & 0o777, 0o600);
  t.is(readFileSync(sheet, 'utf8'), 'secret sheet');
});

test('a data file that is a link: saves write its target, and the backup keeps the content, not the link', async t => {
  const folder = freshFolder();
  const thirdParties = sampleThirdParties(env, ['Acme Payments']);
  const real = writeDataFile(freshFolder(), databaseOf(thirdParties), 'real.json');
  const before = readFileSync(real, 'utf8');
  const file = path.join(folder, 'db.json');
  symlinkSync(real, file);
  const store = await openThirdPartyStore(file, env);
  t.is((await store.saveThirdParty(edit(store))).kind, 'saved');
  t.is(readlinkSync(file), real, 'still a link');
  t.false(JSON.parse(readFileSync(real, 'utf8')).thirdParties[0].enabled);
  t.true(lstatSync(backupPath(file)).isFile(), 'the backup is a file');
  t.is(readFileSync(backupPath(file), 'utf8'), before);
});

test('tpa doctor reports links, another user’s files and folders others can write to', async t => {
  const {folder, file, loot, plant} = await setUp();
  plant(auditLogPath(file));
  plant(serverInfoPath(file));
  const checks = await runDoctor(file);
  const problems = checks.filter(check => check.level === 'problem').map(check => check.text);
  t.true(
    problems.some(text => text.includes(auditLogPath(file)) && /symbolic link/.test(text)),
    problems.join('\n'),
  );
  t.true(problems.some(text => text.includes(serverInfoPath(file)) && /symbolic link/.test(text)));
  untouched(t, loot);

  if (process.getuid?.() === 0) {
    chownSync(file, 65_534, 65_534);
    const foreign = (await runDoctor(file)).filter(check => check.level === 'problem').map(check => check.text);
    t.true(
      foreign.some(text => text.includes(file) && /belongs to another user \(uid 65534\)/.test(text)),
      foreign.join('\n'),
    );
  }

  const shared = path.join(folder, 'shared');
  mkdirSync(shared);
  chmodSync(shared, 0o777);
  const inShared = path.join(shared, 'data', 'db.json');
  mkdirSync(path.dirname(inShared), {mode: 0o700});
  const open = (await runDoctor(inShared)).filter(check => check.level === 'problem').map(check => check.text);
  t.true(
    open.some(text => text.includes(shared) && /others can write/.test(text)),
    open.join('\n'),
  );
});
