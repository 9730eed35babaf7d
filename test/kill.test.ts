/**
 * Saves killed at any moment (SIGKILL: no handler runs) never leave a broken file, never an
 * older one than the last save that completed, and never a temp file others can read; the next
 * start cleans what the killed one left. Meanwhile the server (tpa serve, in this process) reloads
 * the file after each save and answers /healthz, and a reader process reads the file in a loop:
 * both must always find a valid one.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {readdirSync, readFileSync, statSync, watch} from 'node:fs';
import {constants, setPriority} from 'node:os';
import path from 'node:path';
import test from 'ava';
import {startServer} from '../source/server/start-server.js';
import {shortenCredential} from '../source/domain/index.js';
import {auditLogPath, parseDatabase} from '../source/store/index.js';
import {databaseOf, freshFolder, sampleThirdParties, writeDataFile} from './helpers/data-files.js';
import {testEnvironment} from './helpers/environment.js';
import {authorizeUrl, basic, get, pkce, postForm} from './helpers/oauth-server.js';

const THIRD_PARTIES = 2_000;
const ROUNDS = 12;
/** The savers and the reader yield the CPU to the rest of the suite (pseudo-terminal tests wait on the clock). */
const spawnNice = (args: string[]): ChildProcess => {
  const child = spawn(process.execPath, args);
  if (child.pid !== undefined) setPriority(child.pid, constants.priority.PRIORITY_LOW);
  return child;
};

const median = (values: readonly number[]): number | undefined => [...values].sort((a, b) => a - b)[values.length >> 1];
const helper = (name: string) => path.join(import.meta.dirname, 'helpers', name);

/** Lines a child prints, as they come. */
const linesOf = (child: ChildProcess) => {
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  let rest = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop()!;
    lines.push(...parts);
    for (const wake of waiters.splice(0)) wake();
  });
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
  const waitFor = async (matches: (line: string) => boolean): Promise<boolean> => {
    for (;;) {
      if (lines.some(matches)) return true;
      if (child.exitCode !== null || child.signalCode !== null) return false;
      await Promise.race([new Promise<void>(resolve => waiters.push(resolve)), exited]);
    }
  };
  return {lines, exited, waitFor};
};

test('saves killed at random moments leave a valid file, never older than the last completed save', async t => {
  t.timeout(120_000);
  const env = testEnvironment();
  const folder = freshFolder();
  const names = Array.from({length: THIRD_PARTIES}, (_, index) => `Third party ${index}`);
  const thirdParties = sampleThirdParties(env, names);
  // The last one authorizes by itself all along (the killed savers change the first few only).
  const authorizing = {...thirdParties.at(-1)!, callbackUrl: 'http://127.0.0.1/cb', approval: 'automatic' as const};
  const file = writeDataFile(folder, databaseOf([...thirdParties.slice(0, -1), authorizing]));
  t.log(`data file: ${THIRD_PARTIES} third parties, ${(statSync(file).size / 1e6).toFixed(1)} MB`);

  const reader = spawnNice([helper('read-loop.js'), file]);
  const readerOutput = linesOf(reader);

  const serverLog: string[] = [];
  const server = await startServer({dataFile: file, host: '127.0.0.1', port: 0, log: line => serverLog.push(line)});
  t.teardown(() => server.close());
  const health = async (): Promise<{status: number; revision: number}> => {
    const response = await fetch(`${server.url}/healthz`);
    return {status: response.status, revision: ((await response.json()) as {revision: number}).revision};
  };
  const answers: {status: number; revision: number}[] = [];
  let polling = true;
  // The server writes too: authorization code flows, each token saved through the same pipeline.
  const issued: string[] = [];
  const flowFailures: string[] = [];
  const flows = (async () => {
    while (polling) {
      try {
        const {verifier, challenge} = pkce();
        const redirect = await get(
          authorizeUrl(server.url, {
            response_type: 'code',
            client_id: authorizing.clientId,
            redirect_uri: authorizing.callbackUrl,
            code_challenge: challenge,
            code_challenge_method: 'S256',
          }),
        );
        const code = new URL(String(redirect.headers.location)).searchParams.get('code') ?? '';
        const answer = await postForm(
          `${server.url}/oauth/token`,
          {grant_type: 'authorization_code', code, redirect_uri: authorizing.callbackUrl, code_verifier: verifier},
          basic(authorizing),
        );
        if (answer.status === 200) issued.push(JSON.parse(answer.body).access_token as string);
        else flowFailures.push(`${answer.status} ${answer.body}`);
      } catch (error) {
        flowFailures.push(`${new Date().toISOString()} ${String(error)}`);
      }
      await new Promise(resolve => setTimeout(resolve, 500));
    }
  })();
  const poller = (async () => {
    while (polling) {
      answers.push(await health());
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  })();

  let lastCompleted = 1;
  let completedSaves = 0;
  let interrupted = 0;
  let tempFilesSeen = 0;
  const saveTimes: number[] = [];
  let left: string[] = [];
  const started = Date.now();

  let issuedBefore = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const child = spawnNice([helper('save-loop.js'), file, String(round)]);
    const output = linesOf(child);
    // Most kills land at a random moment while saving; every fourth while the child is still starting.
    if (round % 4 !== 3) await output.waitFor(line => line === 'ready');
    if (left.length > 0 && round % 4 !== 3) {
      // Temp files of the killed save are gone once this child has saved (it cleans holding the lock).
      await output.waitFor(line => line.startsWith('saved'));
      const still = left.filter(name => readdirSync(folder).includes(name));
      t.deepEqual(still, [], `round ${round}: temp files of the killed save are cleaned`);
    }
    if (round % 4 === 1) {
      // Most of a save is reading and checking; to be sure some kills land while the new file is
      // being written, this round kills as soon as a temp file appears.
      await new Promise<void>(resolve => {
        const watcher = watch(folder, (_, name) => {
          if (name && /^db\.(backup\.)?json\.(\d+|[0-9a-f]{16}\.tmp)$/.test(name)) {
            child.kill('SIGKILL');
            watcher.close();
            resolve();
          }
        });
        child.once('exit', () => {
          watcher.close();
          resolve();
        });
      });
    } else {
      // Every fourth round lets one save complete first, so that every run has saves to compare with.
      if (round % 4 === 0) await output.waitFor(line => line.startsWith('saved'));
      // A random moment within about three saves (the machine may be slow or busy).
      const window = round % 4 === 3 ? 300 : 3 * Math.max(150, median(saveTimes) ?? 250);
      await new Promise(resolve => setTimeout(resolve, Math.random() * window));
    }
    child.kill('SIGKILL');
    await output.exited;

    const saves = output.lines.filter(line => line.startsWith('saved ')).map(line => line.split(' ').map(Number));
    completedSaves += saves.length;
    for (const [, , ms] of saves) saveTimes.push(ms!);
    if (saves.length > 0) lastCompleted = saves.at(-1)![1]!;

    const database = parseDatabase(readFileSync(file, 'utf8'), file);
    t.true(
      database.revision >= lastCompleted,
      `round ${round}: revision ${database.revision} is older than the last completed save ${lastCompleted}`,
    );
    // The server's saves meanwhile (one per token issued, and one that may be in progress) raise it too.
    const serverSaves = issued.length - issuedBefore + 1;
    issuedBefore = issued.length;
    t.true(
      database.revision <= lastCompleted + 1 + serverSaves,
      `round ${round}: revision ${database.revision} is newer than a save in progress`,
    );
    if (database.revision === lastCompleted + 1 && serverSaves === 1) interrupted++;
    lastCompleted = database.revision;
    t.is(database.thirdParties.length, THIRD_PARTIES);

    left = [];
    for (const name of readdirSync(folder)) {
      const info = statSync(path.join(folder, name));
      if (info.isFile()) t.is(info.mode & 0o077, 0, `${name} can be read by others`);
      if (/^db\.(backup\.)?json\.(\d+|[0-9a-f]{16}\.tmp)$/.test(name)) left.push(name);
    }
    tempFilesSeen += left.length;
  }
  const elapsed = Date.now() - started;

  reader.stdin!.end();
  await readerOutput.exited;
  polling = false;
  await poller;
  await flows;
  // The server catches up with the last save.
  const last = parseDatabase(readFileSync(file, 'utf8'), file).revision;
  for (const deadline = Date.now() + 10_000; (await health()).revision !== last && Date.now() < deadline;) {
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  const finalRevision = (await health()).revision;
  const reloads = serverLog.filter(line => line.startsWith('reloaded')).length;
  const troubles = serverLog.filter(line => /still answering|cannot/.test(line));
  const reads = JSON.parse(readerOutput.lines[0]!) as {
    reads: number;
    failures: string[];
    lowest: number;
    highest: number;
    backwards: number;
  };
  saveTimes.sort((a, b) => a - b);
  t.log(
    `${ROUNDS} kills in ${(elapsed / 1000).toFixed(1)} s; ${completedSaves} saves completed; ${interrupted} kills after the rename but before the save reported; ` +
      `${tempFilesSeen} temp files left by kills (all 0600, all cleaned); save with lock: median ${saveTimes[saveTimes.length >> 1]?.toFixed(0)} ms, ` +
      `max ${saveTimes.at(-1)?.toFixed(0)} ms; reader: ${reads.reads} reads of revisions ${reads.lowest}–${reads.highest}, ${reads.failures.length} failures; ` +
      `server: ${reloads} reloads, ${answers.length} /healthz answers, ${troubles.length} problems`,
  );
  t.deepEqual(troubles, [], 'the server never met a broken file');
  t.true(
    answers.every(answer => answer.status === 200),
    'the server answered throughout',
  );
  t.true(
    answers.every((answer, index) => index === 0 || answer.revision >= answers[index - 1]!.revision),
    'the server never went back to an older revision',
  );
  t.is(finalRevision, last, 'the server has the last save');
  t.true(reloads > 0);
  t.true(completedSaves >= ROUNDS / 4, 'the children did save');
  t.deepEqual(reads.failures, [], 'the reader always found a valid file');
  t.is(reads.backwards, 0, 'the reader never saw an older revision after a newer one');
  t.true(reads.reads > 20);
  const saved = parseDatabase(readFileSync(file, 'utf8'), file).thirdParties.at(-1)!.tokens;
  t.log(`server: ${issued.length} tokens issued by automatic authorization while the savers were killed`);
  t.deepEqual(flowFailures, [], 'every authorization succeeded');
  t.true(issued.length > 5);
  // The grid keeps the live token and the last few replaced ones; the audit log, written after each save, names them all.
  t.is(saved.find(token => token.active && token.origin === 'automatic')?.token, issued.at(-1), 'the last token answered is the live one');
  const audit = readFileSync(auditLogPath(file), 'utf8');
  t.deepEqual(
    issued.filter(token => !audit.includes(shortenCredential(token))),
    [],
    'every token the server answered with was saved',
  );
});
