import {appendFile, mkdtemp, readFile, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import test from 'ava';
import {
  addToken,
  createThirdParty,
  rotateClientSecret,
  setTokenExpiry,
  shortenCredential,
  type AuditEntry,
  type ThirdParty,
} from '../domain/index.js';
import {appendAuditEntries, auditLogPath, openThirdPartyStore, readAuditHistory} from './index.js';
import {testEnvironment} from '../../test/helpers/environment.js';
import {savedOutcome} from '../../test/helpers/engines.js';

const temporaryFile = async () => path.join(await mkdtemp(path.join(tmpdir(), 'tpa-audit-')), 'db.json');

const readLog = async (file: string): Promise<AuditEntry[]> =>
  (await readFile(auditLogPath(file), 'utf8'))
    .trim()
    .split('\n')
    .map(line => JSON.parse(line) as AuditEntry);

const setUp = async () => {
  const file = await temporaryFile();
  const env = testEnvironment('2026-11-27T10:00:00.000Z');
  const store = await openThirdPartyStore(file, env, {actor: 'alice@console-host'});
  let acme: ThirdParty = addToken({...createThirdParty(env, 'Acme Payments'), enabled: true}, env);
  await store.saveThirdParty(acme);
  acme = store.database.thirdParties[0]!;
  return {file, env, store, acme};
};

test('a create is logged with every field, secrets and tokens only shortened, in a 0600 file', async t => {
  const {file, acme} = await setUp();
  const [entry, ...rest] = await readLog(file);
  t.is(rest.length, 0);
  t.deepEqual(Object.keys(entry!), ['time', 'actor', 'action', 'thirdParty', 'changes']);
  t.is(entry!.time, '2026-11-27T10:00:00.000Z');
  t.is(entry!.actor, 'alice@console-host');
  t.is(entry!.action, 'create');
  t.deepEqual(entry!.thirdParty, {id: acme.id, name: 'Acme Payments'});
  const token = acme.tokens[0]!;
  t.deepEqual(entry!.changes, [
    {field: 'name', old: null, new: 'Acme Payments'},
    {field: 'clientId', old: null, new: acme.clientId},
    {field: 'clientSecret', old: null, new: shortenCredential(acme.clientSecret)},
    {field: 'enabled', old: null, new: true},
    {field: 'approval', old: null, new: 'ask'},
    {
      field: 'tokens',
      old: null,
      new: {token: shortenCredential(token.token), createdAt: token.createdAt, expiresAt: token.expiresAt, active: true},
    },
  ]);
  const text = await readFile(auditLogPath(file), 'utf8');
  t.false(text.includes(acme.clientSecret), 'never the full secret');
  t.false(text.includes(token.token), 'never the full token');
  t.is((await stat(auditLogPath(file))).mode & 0o777, 0o600);
});

test('an update lists old and new values; a rotation and an expiry change are in it', async t => {
  const {file, env, store, acme} = await setUp();
  env.setNow('2026-11-28T09:00:00.000Z');
  const token = acme.tokens[0]!;
  const changed = setTokenExpiry(
    rotateClientSecret({...acme, enabled: false, callbackUrl: 'https://acme.example/cb'}, env, 24),
    token.id,
    null,
  );
  await store.saveThirdParty(changed);
  const entry = (await readLog(file))[1]!;
  t.is(entry.action, 'update');
  t.is(entry.time, '2026-11-28T09:00:00.000Z');
  t.deepEqual(entry.changes, [
    {field: 'clientSecret', old: shortenCredential(acme.clientSecret), new: shortenCredential(changed.clientSecret)},
    {field: 'previousClientSecret', old: null, new: {secret: shortenCredential(acme.clientSecret), validUntil: '2026-11-29T09:00:00.000Z'}},
    {field: 'enabled', old: true, new: false},
    {field: 'callbackUrl', old: null, new: 'https://acme.example/cb'},
    {field: `tokens[${shortenCredential(token.token)}].expiresAt`, old: token.expiresAt, new: null},
  ]);
  const text = await readFile(auditLogPath(file), 'utf8');
  t.false(text.includes(changed.clientSecret));
  t.false(text.includes(acme.clientSecret));
});

test('a send records the time on the token, saves it, and is logged as send with where it went', async t => {
  const {file, env, store, acme} = await setUp();
  env.setNow('2026-11-27T11:00:00.000Z');
  const token = acme.tokens[0]!;
  const {database} = savedOutcome(await store.recordSent(acme.id, token.id, 'file /home/alice/acme.txt'));
  t.is(database.thirdParties[0]!.tokens[0]!.sentAt, '2026-11-27T11:00:00.000Z');
  const onDisk = JSON.parse(await readFile(file, 'utf8')) as {thirdParties: ThirdParty[]};
  t.is(onDisk.thirdParties[0]!.tokens[0]!.sentAt, '2026-11-27T11:00:00.000Z');
  const entry = (await readLog(file))[1]!;
  t.is(entry.action, 'send');
  t.deepEqual(entry.changes, [
    {field: `tokens[${shortenCredential(token.token)}].sentAt`, old: null, new: '2026-11-27T11:00:00.000Z'},
    {field: 'sentTo', old: null, new: 'file /home/alice/acme.txt'},
  ]);
});

test('a delete is logged, and nothing of the third party is left in the data file', async t => {
  const {file, env, store, acme} = await setUp();
  const other = createThirdParty(env, 'City Utilities');
  await store.saveThirdParty(other);
  await store.deleteThirdParty(acme.id);
  const text = await readFile(file, 'utf8');
  for (const value of [acme.id, acme.name, acme.clientId, acme.clientSecret, acme.tokens[0]!.token, acme.tokens[0]!.id]) {
    t.false(text.includes(value), value);
  }
  t.true(text.includes('City Utilities'));
  const entry = (await readLog(file)).at(-1)!;
  t.is(entry.action, 'delete');
  t.deepEqual(entry.thirdParty, {id: acme.id, name: 'Acme Payments'});
  t.deepEqual(entry.changes[0], {field: 'name', old: 'Acme Payments', new: null});
});

test('a refused save logs nothing', async t => {
  const {file, store, acme} = await setUp();
  t.is((await store.saveThirdParty({...acme, name: ''})).kind, 'invalid');
  t.is((await readLog(file)).length, 1);
});

test('the history is newest first, of one third party only, as many as asked', async t => {
  const {file, env, store, acme} = await setUp();
  await store.saveThirdParty(createThirdParty(env, 'City Utilities'));
  for (let hour = 11; hour <= 14; hour++) {
    env.setNow(`2026-11-27T${hour}:00:00.000Z`);
    await store.saveThirdParty({...store.database.thirdParties.find(thirdParty => thirdParty.id === acme.id)!, enabled: hour % 2 === 0});
  }
  const history = await store.readHistory(acme.id, 3);
  t.deepEqual(
    history.map(entry => entry.time),
    ['2026-11-27T14:00:00.000Z', '2026-11-27T13:00:00.000Z', '2026-11-27T12:00:00.000Z'],
  );
  t.true(history.every(entry => entry.thirdParty.id === acme.id));
  t.is((await store.readHistory(acme.id, 100)).length, 5);
  t.deepEqual(await readAuditHistory(auditLogPath(file), 'nobody', 5), []);
});

test('reading the history skips broken lines and reads across chunk boundaries, names in UTF-8 included', async t => {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'tpa-audit-')), 'db.audit.jsonl');
  const entry = (index: number, id: string): AuditEntry => ({
    time: new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString(),
    actor: 'a@h',
    action: 'update',
    thirdParty: {id, name: `Zürich Stadtwerke ✓ ${'é'.repeat(index % 50)}`},
    changes: [{field: 'enabled', old: false, new: true}],
  });
  const entries = Array.from({length: 3000}, (_, index) => entry(index, index % 3 === 0 ? 'A' : 'B'));
  await appendAuditEntries(file, entries);
  await appendFile(file, '{"broken": \n');
  t.true((await stat(file)).size > 3 * 64 * 1024, 'several chunks');
  const history = await readAuditHistory(file, 'A', 1000);
  t.is(history.length, 1000);
  t.deepEqual(history[0], entries[2997]);
  t.deepEqual(history.at(-1), entries[0]);
  const start = performance.now();
  await readAuditHistory(file, 'A', 17);
  t.log(`17 newest of 3,000 entries: ${(performance.now() - start).toFixed(1)} ms`);
});

test('a missing log is an empty history; an existing log with loose permissions is brought back to 0600', async t => {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'tpa-audit-')), 'db.audit.jsonl');
  t.deepEqual(await readAuditHistory(file, 'A', 5), []);
  await writeFile(file, '', {mode: 0o644});
  await appendAuditEntries(file, [{time: 't', actor: 'a', action: 'create', thirdParty: {id: 'A', name: 'n'}, changes: []}]);
  t.is((await stat(file)).mode & 0o777, 0o600);
});
