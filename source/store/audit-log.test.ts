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
import {savedOutcome, testEachEngine, type EngineFactory} from '../../test/helpers/engines.js';

/** A store on a place of `engine` where alice has saved Acme Payments (one token). */
const setUp = async (engine: EngineFactory) => {
  const env = testEnvironment('2026-11-27T10:00:00.000Z');
  const place = await engine.place(undefined, env);
  const store = await place.store(env, {actor: 'alice@console-host'});
  let acme: ThirdParty = addToken({...createThirdParty(env, 'Acme Payments'), enabled: true}, env);
  await store.saveThirdParty(acme);
  acme = store.database.thirdParties[0]!;
  return {place, env, store, acme, readLog: () => place.audit()};
};

testEachEngine('a create is logged with every field, secrets and tokens only shortened', async (t, engine) => {
  const {acme, readLog} = await setUp(engine);
  const [entry, ...rest] = await readLog();
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
  const text = JSON.stringify(await readLog());
  t.false(text.includes(acme.clientSecret), 'never the full secret');
  t.false(text.includes(token.token), 'never the full token');
});

test('the audit log beside a data file is 0600 and holds no full secret or token', async t => {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'tpa-audit-')), 'db.json');
  const env = testEnvironment();
  const store = await openThirdPartyStore(file, env);
  const acme = addToken(createThirdParty(env, 'Acme Payments'), env);
  await store.saveThirdParty(acme);
  const text = await readFile(auditLogPath(file), 'utf8');
  t.regex(text, /"action":"create"/);
  t.false(text.includes(acme.clientSecret));
  t.false(text.includes(acme.tokens[0]!.token));
  t.is((await stat(auditLogPath(file))).mode & 0o777, 0o600);
});

testEachEngine('an update lists old and new values; a rotation and an expiry change are in it', async (t, engine) => {
  const {env, store, acme, readLog} = await setUp(engine);
  env.setNow('2026-11-28T09:00:00.000Z');
  const token = acme.tokens[0]!;
  const changed = setTokenExpiry(
    rotateClientSecret({...acme, enabled: false, callbackUrl: 'https://acme.example/cb'}, env, 24),
    token.id,
    null,
  );
  await store.saveThirdParty(changed);
  const entry = (await readLog())[1]!;
  t.is(entry.action, 'update');
  t.is(entry.time, '2026-11-28T09:00:00.000Z');
  t.deepEqual(entry.changes, [
    {field: 'clientSecret', old: shortenCredential(acme.clientSecret), new: shortenCredential(changed.clientSecret)},
    {field: 'previousClientSecret', old: null, new: {secret: shortenCredential(acme.clientSecret), validUntil: '2026-11-29T09:00:00.000Z'}},
    {field: 'enabled', old: true, new: false},
    {field: 'callbackUrl', old: null, new: 'https://acme.example/cb'},
    {field: `tokens[${shortenCredential(token.token)}].expiresAt`, old: token.expiresAt, new: null},
  ]);
  const text = JSON.stringify(await readLog());
  t.false(text.includes(changed.clientSecret));
  t.false(text.includes(acme.clientSecret));
});

testEachEngine('a send records the time on the token, saves it, and is logged as send with where it went', async (t, engine) => {
  const {place, env, store, acme, readLog} = await setUp(engine);
  env.setNow('2026-11-27T11:00:00.000Z');
  const token = acme.tokens[0]!;
  const {database} = savedOutcome(await store.recordSent(acme.id, token.id, 'file /home/alice/acme.txt'));
  t.is(database.thirdParties[0]!.tokens[0]!.sentAt, '2026-11-27T11:00:00.000Z');
  t.is((await place.stored()).thirdParties[0]!.tokens[0]!.sentAt, '2026-11-27T11:00:00.000Z');
  const entry = (await readLog())[1]!;
  t.is(entry.action, 'send');
  t.deepEqual(entry.changes, [
    {field: `tokens[${shortenCredential(token.token)}].sentAt`, old: null, new: '2026-11-27T11:00:00.000Z'},
    {field: 'sentTo', old: null, new: 'file /home/alice/acme.txt'},
  ]);
});

testEachEngine('a delete is logged, and nothing of the third party is left in the data', async (t, engine) => {
  const {place, env, store, acme, readLog} = await setUp(engine);
  const other = createThirdParty(env, 'City Utilities');
  await store.saveThirdParty(other);
  await store.deleteThirdParty(acme.id);
  const text = await place.dump();
  for (const value of [acme.clientId, acme.clientSecret, acme.tokens[0]!.token, acme.tokens[0]!.id]) {
    t.false(text.includes(value), value);
  }
  t.true(text.includes('City Utilities'));
  const entry = (await readLog()).at(-1)!;
  t.is(entry.action, 'delete');
  t.deepEqual(entry.thirdParty, {id: acme.id, name: 'Acme Payments'});
  t.deepEqual(entry.changes[0], {field: 'name', old: 'Acme Payments', new: null});
});

testEachEngine('a refused save logs nothing', async (t, engine) => {
  const {store, acme, readLog} = await setUp(engine);
  t.is((await store.saveThirdParty({...acme, name: ''})).kind, 'invalid');
  t.is((await readLog()).length, 1);
});

testEachEngine('the history is newest first, of one third party only, as many as asked', async (t, engine) => {
  const {env, store, acme} = await setUp(engine);
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
  t.deepEqual(await store.readHistory('nobody', 5), []);
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
