/**
 * `npm run bench:live`: the console's live refresh, from the server's save to the new row on the
 * emulated screen (target p95 ≤ 500 ms). A data file of N third parties (default 5,000) with the
 * first one in the list set to automatic approval; `tpa serve` and the console on it; each round
 * runs one authorization-code flow with PKCE as the third party's application would, and times
 * from the data file's rename (the save, seen by a watch on its folder) to the first frame that
 * shows the new token's row.
 *
 *   npm run bench:live                       5,000 third parties, 20 rounds
 *   npm run bench:live -- --size 50000 --rounds 10
 */
import {createHash, randomBytes} from 'node:crypto';
import {mkdtempSync, watch, writeFileSync} from 'node:fs';
import {loadavg, tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {setTimeout as sleep} from 'node:timers/promises';
import {parseArgs} from 'node:util';
import {compareByName, type ThirdParty} from '../source/domain/index.js';
import {httpRequest} from '../source/server/http-request.js';
import {CLI, firstFrameOf, showsToken} from './console-session.js';
import {benchDatabase, databaseText} from './generate-data.js';
import {startTpaServer} from './server-load.js';
import {round, summarize} from './statistics.js';
import {TimedTerminal} from './timed-terminal.js';

const {values} = parseArgs({options: {size: {type: 'string'}, rounds: {type: 'string'}}});
const size = Number(values.size ?? 5_000);
const rounds = Number(values.rounds ?? 20);
const CALLBACK = 'http://127.0.0.1/callback';

const say = (message: string) => process.stderr.write(`bench: ${message}\n`);

/** One flow as the application runs it: authorize (approved at once), then the code for a token. */
const authorize = async (url: string, thirdParty: ThirdParty): Promise<string> => {
  const verifier = randomBytes(32).toString('base64url');
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: thirdParty.clientId,
    redirect_uri: CALLBACK,
    state: 'bench',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  const answer = await httpRequest({method: 'GET', url: `${url}/oauth/authorize?${query}`});
  const code = new URL(String(answer.headers.location)).searchParams.get('code');
  if (answer.status !== 302 || !code) throw new Error(`authorize answered ${answer.status}`);
  const token = await httpRequest({
    method: 'POST',
    url: `${url}/oauth/token`,
    headers: {
      Authorization: `Basic ${Buffer.from(`${thirdParty.clientId}:${thirdParty.clientSecret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({grant_type: 'authorization_code', code, redirect_uri: CALLBACK, code_verifier: verifier}).toString(),
  });
  const accessToken = (JSON.parse(token.body) as {access_token?: string}).access_token;
  if (token.status !== 200 || !accessToken) throw new Error(`token answered ${token.status}: ${token.body}`);
  return accessToken;
};

const main = async () => {
  const database = benchDatabase(size);
  const first = [...database.thirdParties].sort(compareByName)[0]!;
  const automatic: ThirdParty = {...first, enabled: true, callbackUrl: CALLBACK, approval: 'automatic'};
  database.thirdParties = database.thirdParties.map(thirdParty => (thirdParty.id === first.id ? automatic : thirdParty));
  const folder = mkdtempSync(path.join(tmpdir(), 'tpa-bench-live-'));
  const file = path.join(folder, 'db.json');
  writeFileSync(file, databaseText(database), {mode: 0o600});

  const server = await startTpaServer(file);
  // TPA_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the console and the server.
  const nodeArgs = (process.env['TPA_BENCH_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  const terminal = new TimedTerminal(process.execPath, [...nodeArgs, CLI, '--data', file], {cwd: folder});
  let savedAt: number | undefined;
  const watcher = watch(folder, (_event, name) => {
    if (name === 'db.json' && savedAt === undefined) savedAt = performance.now();
  });
  const times: number[] = [];
  try {
    await terminal.when(firstFrameOf(first.name));
    say(`${size} third parties; ${rounds} rounds`);
    for (let index = 0; index < rounds; index++) {
      // Known once the token is issued; the waiter below reads it on every frame.
      const wanted: {row?: string} = {};
      savedAt = undefined;
      const showsRow = (lines: readonly string[]) => wanted.row !== undefined && lines.some(line => showsToken(line, wanted.row!));
      // Waiting before the flow starts: every frame is looked at the moment it is parsed.
      const shown = terminal.when(showsRow, 30_000);
      shown.catch(() => undefined);
      wanted.row = await authorize(server.url, automatic);
      // A row drawn before the token's answer reached here is found by this second look (then a little late).
      const at = await Promise.race([shown, terminal.when(showsRow, 30_000)]);
      if (savedAt === undefined) throw new Error('the data file was not seen to change');
      times.push(at - savedAt);
      // Then a pause, as between two applications' flows.
      await sleep(200);
    }
  } finally {
    watcher.close();
    // Ctrl+Q first: a console that ends by itself writes its profile (TPA_BENCH_NODE_ARGS).
    terminal.write('\u0011');
    await Promise.race([terminal.exited, sleep(3_000)]);
    terminal.kill();
    await server.stop();
  }
  const summary = summarize(times);
  const load = loadavg()
    .map(value => value.toFixed(2))
    .join(' ');
  process.stdout.write(
    `live refresh at ${size} third parties, ${summary.count} rounds: median ${round(summary.median)} ms, p95 ${round(summary.p95)} ms (target ≤ 500 ms); load ${load}\n`,
  );
  process.exitCode = summary.p95 <= 500 ? 0 : 1;
};

await main();
