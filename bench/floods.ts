/**
 * The floods of issue 17 §3 against the built `tpa serve`, with its own caps: what the server's
 * memory comes to, and how long a legitimate third party's complete flow takes while they run,
 * against the same flow on the quiet server (target: at most twice as long).
 *  - codes: one client mints codes as fast as 16 keep-alive connections from one address allow
 *    (no authentication is needed to mint one), for 10 s;
 *  - waiting requests: one client ID (approval "ask", a loopback callback URL, so each port is
 *    another callback URL) from one address, as fast as 16 connections allow, for 4 s; meanwhile
 *    another "ask" third party's request from another address must still be taken.
 * The legitimate flow (authorize with PKCE, then the token) comes from another address, one
 * after another, timed; the floods run in a child process, so that they do not slow the timing
 * process itself.
 *   npx tsx bench/floods.ts [--code-seconds 10] [--waiting-seconds 4]
 */
import {spawn} from 'node:child_process';
import {createHash, randomBytes} from 'node:crypto';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {Agent, request} from 'node:http';
import {cpus, loadavg, tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {addToken, createThirdParty, SCHEMA_VERSION, type Environment, type ThirdParty} from '../source/domain/index.js';
import {codeExchangeRequest} from '../source/server/authorization-self-test.js';
import {httpRequest} from '../source/server/http-request.js';
import {readServerFile} from '../source/server/server-info.js';
import {startTpaServer} from './server-load.js';
import {percentile} from './statistics.js';

const HERE = fileURLToPath(import.meta.url);
const CHALLENGE = createHash('sha256').update('floods').digest('base64url');

interface Answer {
  readonly status: number;
  readonly location: string | undefined;
}

/** A GET over the given agent (keep-alive for the floods; a connection of its own, from `localAddress`, for the timed flows). */
const send = (url: string, options: {agent?: Agent; localAddress?: string} = {}): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const req = request(
      url,
      {agent: options.agent ?? false, ...(options.localAddress ? {localAddress: options.localAddress} : {}), timeout: 30_000},
      res => {
        // The body is not needed: drained, so that a kept-alive connection can take the next request.
        res.resume();
        res.once('end', () => resolve({status: res.statusCode ?? 0, location: res.headers.location}));
      },
    );
    req.once('timeout', () => req.destroy(new Error('no answer within 30 s')));
    req.once('error', reject);
    req.end();
  });

const authorizeUrl = (url: string, thirdParty: Pick<ThirdParty, 'clientId'>, redirectUri: string, challenge = CHALLENGE) =>
  `${url}/oauth/authorize?${new URLSearchParams({
    response_type: 'code',
    client_id: thirdParty.clientId,
    redirect_uri: redirectUri,
    state: randomBytes(6).toString('hex'),
    code_challenge: challenge,
    code_challenge_method: 'S256',
  })}`;

/** A legitimate third party's complete flow from `address`; its time in ms (throws with what failed). */
const legitimateFlow = async (url: string, thirdParty: ThirdParty, address: string): Promise<number> => {
  const started = performance.now();
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const authorize = await send(authorizeUrl(url, thirdParty, thirdParty.callbackUrl!, challenge), {localAddress: address});
  const code = new URL(authorize.location ?? 'x:/').searchParams.get('code');
  if (authorize.status !== 302 || !code) throw new Error(`authorize ${authorize.status} ${authorize.location}`);
  const token = await httpRequest({...codeExchangeRequest(url, thirdParty, code, verifier, 30_000), localAddress: address});
  if (token.status !== 200) throw new Error(`token ${token.status} ${token.body}`);
  return performance.now() - started;
};

/** Legitimate flows one after another, `count` of them (`done`) or until `stop()`: their times and failures. */
const timeFlows = (url: string, thirdParty: ThirdParty, address: string, count = Infinity) => {
  const times: number[] = [];
  const failures: string[] = [];
  let stopped = false;
  const done = (async () => {
    while (!stopped && times.length + failures.length < count) {
      try {
        times.push(await legitimateFlow(url, thirdParty, address));
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
  })();
  return {
    times,
    failures,
    done,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
};

/** The flood, in a child process: `kind` codes or waiting, for `seconds`, 16 connections from 127.0.0.1. */
const flood = async (url: string, kind: 'codes' | 'waiting', clientId: string, redirectUri: string, seconds: number) => {
  const agent = new Agent({keepAlive: true, maxSockets: 16});
  const until = performance.now() + seconds * 1000;
  const counts: Record<string, number> = {};
  let port = 1024;
  await Promise.all(
    Array.from({length: 16}, async () => {
      while (performance.now() < until) {
        // Each port is another callback URL of a loopback client: no two requests are the same one.
        const target = kind === 'waiting' ? redirectUri.replace('127.0.0.1/', `127.0.0.1:${port++ % 60_000 || 1024}/`) : redirectUri;
        let outcome: string;
        try {
          const answer = await send(authorizeUrl(url, {clientId}, target), {agent});
          const location = answer.location === undefined ? undefined : new URL(answer.location);
          outcome =
            answer.status === 200
              ? 'waiting page'
              : location?.searchParams.has('code')
                ? 'code'
                : `${answer.status} ${location?.searchParams.get('error') ?? ''}`.trim();
        } catch (error) {
          outcome = `failed: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
        }
        counts[outcome] = (counts[outcome] ?? 0) + 1;
      }
    }),
  );
  agent.destroy();
  return counts;
};

const runFlood = (url: string, kind: 'codes' | 'waiting', clientId: string, redirectUri: string, seconds: number) =>
  new Promise<Record<string, number>>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', HERE, '--flood', JSON.stringify({url, kind, clientId, redirectUri, seconds})],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', code =>
      code === 0 ? resolve(JSON.parse(out) as Record<string, number>) : reject(new Error(`flood exited ${code}`)),
    );
  });

/** The server process's resident memory now and at its peak (MB), from /proc. */
const memoryOf = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
  return {rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024};
};

/** How many requests the consoles' list holds: the first event of the admin channel. */
const waitingListed = async (url: string, dataFile: string): Promise<number> => {
  const found = await readServerFile(dataFile);
  if (found.kind !== 'found') throw new Error('no server file');
  return new Promise((resolve, reject) => {
    const req = request(`${url}/admin/approvals`, {headers: {Authorization: `Bearer ${found.info.adminKey}`}}, res => {
      let text = '';
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const event = /data: (.*)\n\n/.exec(text);
        if (!event) return;
        req.destroy();
        resolve((JSON.parse(event[1]!) as {pending: unknown[]}).pending.length);
      });
    });
    req.once('error', reject);
    req.end();
  });
};

const summary = (times: readonly number[]) => ({
  flows: times.length,
  medianMs: percentile(times, 0.5),
  p95Ms: percentile(times, 0.95),
});

export const benchFloods = async (codeSeconds: number, waitingSeconds: number, folder: string) => {
  const env: Environment = {now: () => new Date(), randomBytes: size => randomBytes(size)};
  const make = (name: string, callbackUrl: string, approval: 'automatic' | 'ask'): ThirdParty => ({
    ...addToken(createThirdParty(env, name), env),
    enabled: true,
    callbackUrl,
    approval,
  });
  const flooder = make('Flood Corp', 'https://flood.example/cb', 'automatic');
  const legitimate = make('Acme Payments', 'https://acme.example/cb', 'automatic');
  const asker = make('Ask Flood', 'http://127.0.0.1/cb', 'ask');
  const otherAsker = make('Beta Bank', 'https://beta.example/cb', 'ask');
  const file = path.join(folder, 'floods.json');
  const database = {schema: SCHEMA_VERSION, revision: 1, thirdParties: [flooder, legitimate, asker, otherAsker]};
  writeFileSync(file, `${JSON.stringify(database, null, 2)}\n`, {mode: 0o600});
  const server = await startTpaServer(file);
  try {
    await timeFlows(server.url, legitimate, '127.0.0.2', 10).done;
    const quiet = timeFlows(server.url, legitimate, '127.0.0.2', 40);
    await quiet.done;
    const atStart = memoryOf(server.pid);

    const duringCodes = timeFlows(server.url, legitimate, '127.0.0.2');
    const codes = await runFlood(server.url, 'codes', flooder.clientId, flooder.callbackUrl!, codeSeconds);
    await duringCodes.stop();
    const afterCodes = memoryOf(server.pid);
    // The same flood again: memory levels off instead of growing with the codes minted.
    await runFlood(server.url, 'codes', flooder.clientId, flooder.callbackUrl!, codeSeconds);
    const afterSecondCodes = memoryOf(server.pid);

    const duringWaiting = timeFlows(server.url, legitimate, '127.0.0.2');
    const waitingFlood = runFlood(server.url, 'waiting', asker.clientId, asker.callbackUrl!, waitingSeconds);
    // Halfway through, another "ask" third party from another address must still be taken.
    await new Promise(resolve => setTimeout(resolve, (waitingSeconds * 1000) / 2));
    const other = await send(authorizeUrl(server.url, otherAsker, otherAsker.callbackUrl!), {localAddress: '127.0.0.3'});
    const waiting = await waitingFlood;
    await duringWaiting.stop();
    const afterWaiting = memoryOf(server.pid);
    const listed = await waitingListed(server.url, file);
    return {
      quiet: summary(quiet.times),
      quietFailures: quiet.failures.length,
      codes: {
        flood: codes,
        during: summary(duringCodes.times),
        failures: duringCodes.failures.length,
        memory: afterCodes,
        memoryAfterSecond: afterSecondCodes,
      },
      waiting: {
        flood: waiting,
        during: summary(duringWaiting.times),
        failures: duringWaiting.failures.length,
        otherAskAnswered: other.status === 200 ? 'waiting page' : `${other.status} ${other.location ?? ''}`,
        listed,
        memory: afterWaiting,
      },
      memoryAtStart: atStart,
    };
  } finally {
    await server.stop();
  }
};

type Figures = Awaited<ReturnType<typeof benchFloods>>;

const counted = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([outcome, count]) => `${count.toLocaleString('en')} ${outcome}`)
    .join(', ');

export const formatFloods = (figures: Figures, codeSeconds: number, waitingSeconds: number): string => {
  const flow = (during: Figures['quiet'], failures: number) =>
    `${during.flows} flows, median ${during.medianMs.toFixed(1)} ms, p95 ${during.p95Ms.toFixed(1)} ms, ${failures} failed` +
    ` (${(during.medianMs / figures.quiet.medianMs).toFixed(2)}× quiet: ${during.medianMs <= 2 * figures.quiet.medianMs && failures === 0 ? 'met' : '**missed**'})`;
  const memory = (m: {rssMb: number; peakMb: number}) => `RSS ${m.rssMb.toFixed(0)} MB (peak ${m.peakMb.toFixed(0)} MB)`;
  return [
    `floods against tpa serve (legitimate flows from another address, one after another):`,
    `  quiet: ${figures.quiet.flows} flows, median ${figures.quiet.medianMs.toFixed(1)} ms, p95 ${figures.quiet.p95Ms.toFixed(1)} ms; ${memory(figures.memoryAtStart)}`,
    `  code flood, ${codeSeconds} s: ${counted(figures.codes.flood)}`,
    `    legitimate meanwhile: ${flow(figures.codes.during, figures.codes.failures)}`,
    `    after: ${memory(figures.codes.memory)}; after the same flood again: ${memory(figures.codes.memoryAfterSecond)}`,
    `  waiting-request flood, ${waitingSeconds} s: ${counted(figures.waiting.flood)}`,
    `    legitimate meanwhile: ${flow(figures.waiting.during, figures.waiting.failures)}; another "ask" third party: ${figures.waiting.otherAskAnswered}`,
    `    the consoles' list holds ${figures.waiting.listed}; after: ${memory(figures.waiting.memory)}`,
  ].join('\n');
};

if (process.argv[2] === '--flood') {
  const {url, kind, clientId, redirectUri, seconds} = JSON.parse(process.argv[3]!) as {
    url: string;
    kind: 'codes' | 'waiting';
    clientId: string;
    redirectUri: string;
    seconds: number;
  };
  process.stdout.write(JSON.stringify(await flood(url, kind, clientId, redirectUri, seconds)));
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const {values} = parseArgs({options: {'code-seconds': {type: 'string'}, 'waiting-seconds': {type: 'string'}}});
  const codeSeconds = Number(values['code-seconds'] ?? 10);
  const waitingSeconds = Number(values['waiting-seconds'] ?? 4);
  const folder = mkdtempSync(path.join(tmpdir(), 'tpa-bench-floods-'));
  try {
    const loadBefore = loadavg()[0]!;
    const figures = await benchFloods(codeSeconds, waitingSeconds, folder);
    process.stdout.write(`${formatFloods(figures, codeSeconds, waitingSeconds)}\n`);
    process.stdout.write(
      `Node ${process.version}, ${cpus().length} CPUs, load average ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after\n`,
    );
  } finally {
    rmSync(folder, {recursive: true, force: true});
  }
}
