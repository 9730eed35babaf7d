/** Logs that don't fill the disk: the access and audit logs rotate by size, never through a link; "Last used" from a small index. */
import {existsSync, lstatSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import test from 'ava';
import type {AuditEntry} from '../source/domain/index.js';
import {createLastUsedReader, lastUsedIndexPath, openLastUsedIndex} from '../source/server/last-used-index.js';
import {startServer} from '../source/server/start-server.js';
import {accessLogPath, appendAuditEntries, readAuditHistory, UnsafeFileError} from '../source/store/index.js';
import {startSampleServer} from './helpers/server-fixture.js';
import {testEnvironment} from './helpers/environment.js';
import {writeSampleData} from './helpers/sample-data.js';

const lines = (file: string): string[] => readFileSync(file, 'utf8').trim().split('\n');

test('the access log rotates past --log-max: log.1 … log.5 kept, 0600, whole lines, the newest requests in the log', async t => {
  const {server, data, ping} = await startSampleServer({logMax: 4096});
  for (let round = 0; round < 60; round++) {
    await Promise.all(Array.from({length: 5}, () => ping('Bearer tpat_unknown')));
    // Each flush of the log (every 0.1 s) may rotate it.
    if (round % 6 === 5) await new Promise(resolve => setTimeout(resolve, 120));
  }
  await ping(`Bearer ${data.acme.tokens[0]!.token}`);
  await server.close();
  const log = accessLogPath(data.file);
  const files = [log, ...[1, 2, 3, 4, 5].map(index => `${log}.${index}`)];
  for (const file of files) {
    t.true(existsSync(file), `${file} is missing`);
    t.is(statSync(file).mode & 0o777, 0o600);
    for (const line of lines(file)) t.notThrows(() => JSON.parse(line));
  }
  t.false(existsSync(`${log}.6`));
  t.regex(lines(log).at(-1)!, /"result":"granted"/);
  const total = files.reduce((sum, file) => sum + statSync(file).size, 0);
  t.true(total < 6 * (4096 + 64 * 1024), `${total} bytes in the logs`);
});

test('a link planted at a rotated log name is replaced by the rotation, its target untouched', async t => {
  const env = testEnvironment('2026-11-27T10:00:00.000Z');
  const data = await writeSampleData(env);
  const target = path.join(path.dirname(data.file), 'not-a-log.txt');
  writeFileSync(target, 'precious\n');
  symlinkSync(target, `${accessLogPath(data.file)}.1`);
  const {server, ping} = await startSampleServerOn(data.file, env);
  for (let round = 0; round < 20; round++) await Promise.all(Array.from({length: 10}, () => ping('Bearer tpat_unknown')));
  await new Promise(resolve => setTimeout(resolve, 150));
  await ping('Bearer tpat_unknown');
  await server.close();
  t.is(readFileSync(target, 'utf8'), 'precious\n');
  t.false(lstatSync(`${accessLogPath(data.file)}.1`).isSymbolicLink(), 'the rotation put a log in its place');
});

test('a link planted at the access log path is not followed: the server does not start, the target is untouched', async t => {
  const env = testEnvironment('2026-11-27T10:00:00.000Z');
  const data = await writeSampleData(env);
  const target = path.join(path.dirname(data.file), 'not-a-log.txt');
  writeFileSync(target, 'precious\n');
  symlinkSync(target, accessLogPath(data.file));
  const error = await t.throwsAsync(startServer({dataFile: data.file, port: 0, now: env.now, log: () => undefined}), {
    instanceOf: UnsafeFileError,
  });
  t.regex(error.message, /symbolic link/);
  t.is(readFileSync(target, 'utf8'), 'precious\n');
});

const startSampleServerOn = async (dataFile: string, env: ReturnType<typeof testEnvironment>) => {
  const server = await startServer({dataFile, port: 0, now: env.now, log: () => undefined, logMax: 2048});
  const ping = (authorization: string) =>
    fetch(`${server.url}/v1/ping`, {headers: {Authorization: authorization}}).then(async response => {
      await response.arrayBuffer();
      return response.status;
    });
  return {server, ping};
};

const entry = (index: number, thirdPartyId: string): AuditEntry => ({
  time: new Date(Date.UTC(2026, 10, 27, 10, 0, index)).toISOString(),
  actor: 'alice@host',
  action: 'update',
  thirdParty: {id: thirdPartyId, name: `Party ${thirdPartyId}`},
  changes: [{field: 'name', old: `name ${index - 1}`, new: `name ${index}`}],
});

test('the audit log rotates past its limit, and the history (Ctrl+Y) reads across the rotated files, newest first', async t => {
  const folder = await mkdtemp(path.join(tmpdir(), 'tpa-audit-rotation-'));
  const file = path.join(folder, 'db.audit.jsonl');
  for (let index = 0; index < 40; index++) await appendAuditEntries(file, [entry(index, index % 2 === 0 ? 'A' : 'B')], 1024);
  t.true(existsSync(`${file}.1`));
  t.true(existsSync(`${file}.2`));
  t.false(existsSync(`${file}.6`));
  for (const name of [file, `${file}.1`, `${file}.2`]) {
    t.is(statSync(name).mode & 0o777, 0o600);
    t.true(statSync(name).size <= 1024);
  }
  const history = await readAuditHistory(file, 'A', 12);
  t.deepEqual(
    history.map(item => item.changes[0]!.new),
    [38, 36, 34, 32, 30, 28, 26, 24, 22, 20, 18, 16].map(index => `name ${index}`),
  );
});

test('an old access log without an index: the server starts the index from it, and the console reads Last used from the index', async t => {
  const env = testEnvironment('2026-11-27T10:00:00.000Z');
  const data = await writeSampleData(env);
  const token = data.city.tokens[0]!;
  const grant = {
    time: '2026-11-26T08:00:00.000Z',
    remote: '127.0.0.1',
    endpoint: 'ping',
    status: 200,
    result: 'granted',
    clientId: data.city.clientId,
    tokenId: token.id,
  };
  writeFileSync(accessLogPath(data.file), `${JSON.stringify(grant)}\n`, {mode: 0o600});
  const server = await startServer({dataFile: data.file, port: 0, now: env.now, log: () => undefined});
  await server.close();
  const lastUsed = await createLastUsedReader(lastUsedIndexPath(data.file)).read();
  t.deepEqual([...lastUsed], [[token.id, new Date(grant.time)]]);
});

test('the last-used index keeps the most recently used tokens only, in a 0600 file', async t => {
  const folder = await mkdtemp(path.join(tmpdir(), 'tpa-last-used-'));
  const file = path.join(folder, 'db.last-used.json');
  const index = await openLastUsedIndex(file, () => undefined, undefined, 3);
  for (const [tokenId, minute] of [
    ['a', 1],
    ['b', 2],
    ['c', 3],
    ['a', 4],
    ['d', 5],
  ] as const)
    index.granted(tokenId, `2026-11-27T10:0${minute}:00.000Z`);
  await index.close();
  t.is(statSync(file).mode & 0o777, 0o600);
  const lastUsed = await createLastUsedReader(file).read();
  t.deepEqual([...lastUsed.keys()].sort(), ['a', 'c', 'd']);
  t.deepEqual(lastUsed.get('a'), new Date('2026-11-27T10:04:00.000Z'));
});
