/**
 * "The server stays up whatever the data file holds": huge, deep and hostile data files are
 * refused with a short message, in bounded time and memory, by the store, `tpa doctor` and
 * `tpa serve`, which keeps answering from the last good data; and only regular files are read.
 */
import {execFile, execFileSync, spawn} from 'node:child_process';
import {closeSync, openSync, renameSync, rmSync, truncateSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {DataFileError, MAX_DATA_FILE_BYTES, openThirdPartyStore, parseDatabase, runDoctor} from '../source/store/index.js';
import {databaseOf, freshFolder, sampleThirdParties, writeDataFile} from './helpers/data-files.js';
import {testEnvironment} from './helpers/environment.js';

const CLI = path.resolve('dist/cli.js');
const env = testEnvironment();

const millionEmptyRecords = (): string => `{"schema":1,"revision":8,"thirdParties":[${'{},'.repeat(999_999)}{}]}`;
const zeros = (bytes: number): string => `{"schema":1,"revision":8,"thirdParties":[${'0,'.repeat(bytes / 2 - 1)}0]}`;
const deepSchema = (depth: number): string => `{"schema":${'['.repeat(depth)}${']'.repeat(depth)},"revision":1,"thirdParties":[]}`;

const refusal = (text: string): string => {
  try {
    parseDatabase(text, '/srv/db.json');
  } catch (error) {
    if (error instanceof DataFileError) return error.message;
    throw error;
  }
  throw new Error('expected the file to be refused');
};

/** `tpa doctor` in a process of its own, with a heap far below what the old code needed. */
const doctor = (file: string, heapMb = 256): Promise<{code: number; stdout: string; stderr: string; ms: number}> =>
  new Promise(resolve => {
    const started = Date.now();
    execFile(
      process.execPath,
      [`--max-old-space-size=${heapMb}`, CLI, 'doctor', '--data', file],
      {timeout: 60_000, maxBuffer: 1024 * 1024},
      (error, stdout, stderr) =>
        resolve({code: error ? ((error.code as number | undefined) ?? -1) : 0, stdout, stderr, ms: Date.now() - started}),
    );
  });

test('a million empty records: refused at once, ten problems listed and the rest counted', t => {
  const started = performance.now();
  const message = refusal(millionEmptyRecords());
  const ms = performance.now() - started;
  t.log(`refused in ${Math.round(ms)} ms`);
  t.regex(message, /is invalid:\n {2}thirdParties\[0\]\.id is missing \(and 8 more in this record\)\n {2}thirdParties\[1\]\.id/);
  t.is(message.split('\n').length, 1 + 10 + 1, 'ten problems and one line with the count');
  t.regex(message, /… and 999,990 more third parties with problems$/);
  t.true(ms < 20_000);
});

test('tpa doctor on a million empty records and on 8 MB of zeros: a message, in a 256 MB heap', async t => {
  const folder = freshFolder();
  for (const [name, text] of [
    ['million.json', millionEmptyRecords()],
    ['zeros.json', zeros(8 * 1024 * 1024)],
  ] as const) {
    const file = path.join(folder, name);
    writeFileSync(file, text, {mode: 0o600});
    const result = await doctor(file);
    t.log(`${name}: tpa doctor took ${result.ms} ms`);
    t.is(result.code, 1, result.stderr);
    t.regex(result.stdout, /the data file cannot be used: is invalid:/);
    t.regex(result.stdout, /… and [\d,]+ more/);
    t.is(result.stderr, '');
  }
});

test('a schema nested 100,000 levels deep: a clear message, no stack overflow, in the store, doctor and the console', async t => {
  t.regex(refusal(deepSchema(100_000)), /is nested more than 16 levels deep \(at character 26\)/);
  const folder = freshFolder();
  const file = path.join(folder, 'db.json');
  writeFileSync(file, deepSchema(100_000), {mode: 0o600});
  const result = await doctor(file);
  t.is(result.code, 1);
  t.regex(result.stdout, /is nested more than 16 levels deep/);
  t.notRegex(result.stdout + result.stderr, /RangeError|stack/);
  await t.throwsAsync(openThirdPartyStore(file, env), {instanceOf: DataFileError, message: /nested more than 16 levels/});
  // Deep nesting inside a text is no nesting at all.
  const [acme] = sampleThirdParties(env, ['Acme Payments']);
  t.notThrows(() => parseDatabase(JSON.stringify(databaseOf([{...acme!, name: '[[[[[[[[[[[[[[[[[[[[[[[["\\'}])), file));
});

test('a data file larger than the limit is refused before it is read', async t => {
  const folder = freshFolder();
  const file = path.join(folder, 'db.json');
  closeSync(openSync(file, 'w', 0o600));
  truncateSync(file, MAX_DATA_FILE_BYTES + 1); // sparse: no disk used
  const error = await t.throwsAsync(openThirdPartyStore(file, env), {instanceOf: DataFileError});
  t.regex(error!.message, /is 256 MiB, more than a tpa data file may be \(256 MiB\); it was not read/);
});

test('a named pipe at the data file: the store and doctor say so at once instead of waiting for a writer', async t => {
  const folder = freshFolder();
  const file = path.join(folder, 'db.json');
  execFileSync('mkfifo', ['-m', '600', file]);
  await t.throwsAsync(openThirdPartyStore(file, env), {
    instanceOf: DataFileError,
    message: /is a named pipe \(FIFO\), not a regular file: only a regular file is read as the data file/,
  });
  const checks = await runDoctor(file);
  t.true(checks.some(check => check.level === 'problem' && /named pipe/.test(check.text)));
});

test('tpa serve: a named pipe, then a million empty records at the data file leave it answering from the last good data, and SIGTERM still ends it', async t => {
  const folder = freshFolder();
  const file = writeDataFile(folder, databaseOf(sampleThirdParties(env, ['Acme Payments']), 3));
  const child = spawn(process.execPath, ['--max-old-space-size=256', CLI, 'serve', '--port', '0', '--data', file], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  t.teardown(() => child.kill('SIGKILL'));
  let stderr = '';
  const waitFor = (pattern: RegExp, ms = 30_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not seen: ${String(pattern)}\n${stderr}`)), ms);
      const look = () => {
        const match = pattern.exec(stderr);
        if (match) {
          clearTimeout(timer);
          child.stderr.off('data', look);
          resolve(match);
        }
      };
      child.stderr.on('data', look);
      look();
    });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = (await waitFor(/listening on (http:\/\/\S+)/))[1]!;
  const revision = async () => ((await (await fetch(`${url}/healthz`)).json()) as {revision: number}).revision;
  t.is(await revision(), 3);

  const pipe = path.join(folder, 'pipe');
  execFileSync('mkfifo', ['-m', '600', pipe]);
  renameSync(pipe, file);
  await waitFor(/is a named pipe \(FIFO\), not a regular file.*still answering from the last good data \(revision 3/);
  t.is(await revision(), 3);

  rmSync(file);
  const temporary = path.join(folder, 'db.json.new');
  writeFileSync(temporary, millionEmptyRecords(), {mode: 0o600});
  renameSync(temporary, file);
  await waitFor(/… and 999,990 more third parties with problems: still answering from the last good data \(revision 3/);
  t.is(await revision(), 3);

  const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));
  child.kill('SIGTERM');
  t.is(await exited, 0);
});
