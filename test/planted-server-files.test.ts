/**
 * Issue 17 §4: files an attacker can plant beside the data file. The server file is trusted only
 * when it is this user's regular file with mode 0600, so no command or console sends credentials
 * to a server it has not checked; the lock folder is 0700 whatever the umask; a link, a named
 * pipe or a folder where tpa serve opens its files stops it with one line and exit 5, or is
 * replaced with a warning.
 */
import {spawn} from 'node:child_process';
import {chmodSync, chownSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {createServer, type IncomingMessage} from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import test from 'ava';
import {connectApprovals, type ApprovalsState} from '../source/server/approvals-client.js';
import {acquireSaveLock} from '../source/store/save-lock.js';
import {accessLogPath, lastUsedIndexPath, lockPath, serverInfoPath} from '../source/store/index.js';
import {tpa} from './helpers/cli.js';
import {databaseOf, freshFolder, sampleThirdParties, writeDataFile} from './helpers/data-files.js';
import {testEnvironment} from './helpers/environment.js';
import {CLI} from './helpers/pty-console.js';

const env = testEnvironment();
const asRoot = process.getuid?.() === 0;

/** A data folder anyone may write to (1777, as /tmp), with one third party that has a token. */
const sharedFolder = () => {
  const folder = freshFolder();
  chmodSync(folder, 0o1777);
  const file = writeDataFile(folder, databaseOf(sampleThirdParties(env, ['Acme Payments'])));
  return {folder, file};
};

/** A fake server that says yes to everything and keeps what it was sent. */
const fakeServer = async () => {
  const received: {url: string; authorization: string | undefined}[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    received.push({url: req.url ?? '', authorization: req.headers.authorization});
    req.resume();
    res.writeHead(200, {'Content-Type': 'application/json'});
    res.end(JSON.stringify({active: true, status: 'ok'}));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {port: (server.address() as AddressInfo).port, received, close: () => new Promise(resolve => server.close(resolve))};
};

/** A server file naming the fake server and a live process (this one), as another user could write it. */
const plantServerFile = (file: string, port: number, mode: number, uid?: number) => {
  const info = {pid: process.pid, host: '127.0.0.1', port, startedAt: env.now().toISOString(), adminKey: 'k'.repeat(43)};
  writeFileSync(serverInfoPath(file), JSON.stringify(info), {mode});
  chmodSync(serverInfoPath(file), mode);
  if (uid !== undefined) chownSync(serverInfoPath(file), uid, uid);
};

/** tpa serve on the file: the first lines it wrote and whether it listened (then stopped) or exited, with its code. */
const serveOnce = (file: string) =>
  new Promise<{listening: boolean; code: number | null; stderr: string}>(resolve => {
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data', file], {stdio: ['ignore', 'ignore', 'pipe']});
    let stderr = '';
    let listening = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!listening && /listening on http/.test(stderr)) {
        listening = true;
        child.kill('SIGTERM');
      }
    });
    child.once('exit', code => resolve({listening, code, stderr}));
  });

for (const [label, mode, uid] of [
  ['another user’s server file (uid 65534) in a folder anyone can write', 0o600, 65_534],
  ['a server file others can read (mode 0644)', 0o644, undefined],
] as const) {
  test.serial(`${label}: tpa test --via-server sends nothing to the server it names, and says why`, async t => {
    if (uid !== undefined && !asRoot) return t.pass('needs root to give a file to another user');
    const {file} = sharedFolder();
    const fake = await fakeServer();
    t.teardown(fake.close);
    plantServerFile(file, fake.port, mode, uid);
    const result = await tpa(['test', 'Acme Payments', '--via-server', '--data', file]);
    t.is(result.code, 4, result.stdout + result.stderr);
    t.regex(result.stderr, uid === undefined ? /others can read or write it \(mode 0644\)/ : /belongs to another user \(uid 65534\)/);
    t.true(result.stderr.includes(serverInfoPath(file)));
    t.notRegex(result.stdout, /granted/);
    t.deepEqual(fake.received, []);
  });
}

test.serial('another user’s server file: the consoles’ approvals client sends no admin key, and says why', async t => {
  if (!asRoot) return t.pass('needs root to give a file to another user');
  const {file} = sharedFolder();
  const fake = await fakeServer();
  t.teardown(fake.close);
  plantServerFile(file, fake.port, 0o600, 65_534);
  const client = connectApprovals(file, {by: 'alice@host', retryMs: 50});
  t.teardown(() => client.close());
  const states: ApprovalsState[] = [];
  client.subscribe(state => states.push(state));
  const deadline = Date.now() + 10_000;
  while (!states.at(-1)?.why?.includes('another user') && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 20));
  t.regex(states.at(-1)?.why ?? '', /belongs to another user/);
  t.false(states.some(state => state.connected));
  t.deepEqual(fake.received, []);
});

test.serial('another user’s server file: tpa serve starts, says what it found and how to fix it, and writes its own', async t => {
  if (!asRoot) return t.pass('needs root to give a file to another user');
  const {folder, file} = sharedFolder();
  const fake = await fakeServer();
  t.teardown(fake.close);
  plantServerFile(file, fake.port, 0o600, 65_534);
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data', file], {stdio: ['ignore', 'ignore', 'pipe']});
  const exited = new Promise<number | null>(resolve => child.once('exit', resolve));
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (/listening on http/.test(stderr)) resolve();
    });
    child.once('exit', () => reject(new Error(`tpa serve exited: ${stderr}`)));
  });
  t.regex(stderr, /db\.server\.json belongs to another user \(uid 65534\)/);
  t.true(stderr.includes(`chmod 700 ${folder}`), stderr);
  const info = statSync(serverInfoPath(file));
  t.is(info.uid, 0);
  t.is(info.mode & 0o777, 0o600);
  t.is(JSON.parse(readFileSync(serverInfoPath(file), 'utf8')).pid, child.pid);
  child.kill('SIGTERM');
  t.is(await exited, 0);
  t.deepEqual(fake.received, []);
});

test.serial('the lock folder is 0700 whatever the umask', async t => {
  const file = writeDataFile(freshFolder(), databaseOf(sampleThirdParties(env, ['Acme Payments'])));
  const previous = process.umask(0);
  try {
    const lock = (await acquireSaveLock(file))!;
    t.is(statSync(lockPath(file)).mode & 0o777, 0o700);
    await lock.release();
  } finally {
    process.umask(previous);
  }
});

const PLANTS = ['a symbolic link', 'a named pipe', 'a folder'] as const;

/** Puts a link (to a file beside it), a named pipe or a folder at `at`. */
const plant = async (what: (typeof PLANTS)[number], at: string): Promise<void> => {
  if (what === 'a symbolic link') symlinkSync(path.join(path.dirname(at), 'elsewhere'), at);
  else if (what === 'a folder') mkdirSync(at);
  else
    await new Promise<void>((resolve, reject) =>
      spawn('mkfifo', [at]).once('exit', code => (code === 0 ? resolve() : reject(new Error(`mkfifo exited ${code}`)))),
    );
};

for (const what of PLANTS)
  test(`${what} at the access log: tpa serve exits 5 with one line naming the file and what is wrong`, async t => {
    const file = writeDataFile(freshFolder(), databaseOf(sampleThirdParties(env, ['Acme Payments'])));
    const at = accessLogPath(file);
    await plant(what, at);
    const result = await serveOnce(file);
    t.false(result.listening);
    t.is(result.code, 5, result.stderr.slice(0, 500));
    const lines = result.stderr.trimEnd().split('\n');
    t.is(lines.length, 1, result.stderr.slice(0, 500));
    t.true(lines[0]!.includes(at));
    t.regex(lines[0]!, what === 'a symbolic link' ? /symbolic link/ : what === 'a named pipe' ? /named pipe/ : /folder/);
  });

for (const what of PLANTS)
  for (const [name, pathOf] of [
    ['the last-used index', lastUsedIndexPath],
    ['the server file', serverInfoPath],
  ] as const)
    test(`${what} at ${name}: tpa serve starts and replaces it, or exits 5 with one line; never a stack`, async t => {
      const file = writeDataFile(freshFolder(), databaseOf(sampleThirdParties(env, ['Acme Payments'])));
      const at = pathOf(file);
      await plant(what, at);
      const result = await serveOnce(file);
      t.notRegex(result.stderr, /^\s+at /m, result.stderr.slice(0, 500));
      if (result.listening) t.is(result.code, 0, result.stderr);
      else {
        t.is(result.code, 5, result.stderr.slice(0, 500));
        t.is(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
        t.true(result.stderr.includes(at));
      }
    });
