/**
 * The authorization server at 5,000 third parties (issue 11): complete authorization-code flows
 * per second (10 concurrent clients, automatic approval), and the storm: every one of the 5,000
 * authorizes at once, 50 at a time; all must succeed (target: done in ≤ 15 s, 0 failures).
 * A flow is what a third party's application does: GET /oauth/authorize (PKCE S256), follow
 * the redirect's code, POST /oauth/token; the token answer waits for its save (group commit).
 *   tsx bench/authorization.ts [--size 5000] [--seconds 5] [--out bench/authorization-results.json]
 */
import {createHash, randomBytes} from 'node:crypto';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {cpus, loadavg, tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {parseArgs} from 'node:util';
import type {ThirdParty} from '../source/domain/index.js';
import {benchDatabase, databaseText} from './generate-data.js';
import {startTpaServer} from './server-load.js';
import {percentile} from './statistics.js';

const basic = (thirdParty: ThirdParty) => `Basic ${Buffer.from(`${thirdParty.clientId}:${thirdParty.clientSecret}`).toString('base64')}`;

/** One complete flow; throws with what went wrong. */
const flow = async (url: string, thirdParty: ThirdParty): Promise<void> => {
  const verifier = randomBytes(32).toString('base64url');
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: thirdParty.clientId,
    redirect_uri: thirdParty.callbackUrl!,
    state: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  const authorize = await fetch(`${url}/oauth/authorize?${query}`, {redirect: 'manual'});
  await authorize.arrayBuffer();
  const code = new URL(authorize.headers.get('location') ?? 'x:/').searchParams.get('code');
  if (authorize.status !== 302 || !code) throw new Error(`authorize ${authorize.status} ${authorize.headers.get('location')}`);
  const token = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: {Authorization: basic(thirdParty), 'Content-Type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams({grant_type: 'authorization_code', code, redirect_uri: thirdParty.callbackUrl!, code_verifier: verifier}),
  });
  const body = (await token.json()) as {access_token?: string};
  if (token.status !== 200 || !body.access_token) throw new Error(`token ${token.status} ${JSON.stringify(body)}`);
};

/**
 * `count` workers take the next job until none is left; each job's time and failure are kept.
 * `url`: one server, or several taken in turn by the workers (round robin, as a proxy would).
 */
export const runWorkers = async (count: number, next: () => ThirdParty | undefined, url: string | readonly string[]) => {
  const urls = typeof url === 'string' ? [url] : url;
  const times: number[] = [];
  const failures: string[] = [];
  await Promise.all(
    Array.from({length: count}, async (_, worker) => {
      for (let thirdParty = next(); thirdParty; thirdParty = next()) {
        const started = performance.now();
        try {
          await flow(urls[worker % urls.length]!, thirdParty);
          times.push(performance.now() - started);
          if (times.length % 500 === 0) process.stderr.write(`  ${times.length} flows\n`);
        } catch (error) {
          const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
          failures.push(`${error instanceof Error ? error.message : String(error)}${cause}`);
        }
      }
    }),
  );
  return {times, failures};
};

export interface AuthorizationFigures {
  readonly size: number;
  readonly flowsPerSecond: number;
  readonly flowFailures: number;
  readonly flowMedianMs: number;
  readonly flowP95Ms: number;
  readonly stormSeconds: number;
  readonly stormSucceeded: number;
  readonly stormFailed: number;
  readonly stormFirstFailure?: string;
  readonly tokensInFile: number;
}

export const benchAuthorization = async (size: number, seconds: number, folder: string): Promise<AuthorizationFigures> => {
  const database = benchDatabase(size);
  // Every third party authorizes by itself: Enabled, a loopback callback URL, automatic approval.
  database.thirdParties = database.thirdParties.map(thirdParty => ({
    ...thirdParty,
    enabled: true,
    callbackUrl: 'http://127.0.0.1/oauth/callback',
    approval: 'automatic',
  }));
  const file = path.join(folder, `authorization-${size}.json`);
  writeFileSync(file, databaseText(database), {mode: 0o600});
  // 5,000 third parties would come from as many addresses; here they all come from this machine's one.
  const server = await startTpaServer(file, undefined, ['--max-connections-per-address', '256']);
  try {
    // Flows per second: 10 clients, random third parties, for `seconds`.
    const until = performance.now() + seconds * 1000;
    const pick = () => (performance.now() < until ? database.thirdParties[Math.floor(Math.random() * size)] : undefined);
    const started = performance.now();
    const steady = await runWorkers(10, pick, server.url);
    const elapsed = (performance.now() - started) / 1000;
    steady.times.sort((a, b) => a - b);

    // The storm: every third party once, 50 at a time.
    let index = 0;
    const stormStarted = performance.now();
    const storm = await runWorkers(50, () => database.thirdParties[index++], server.url);
    const stormSeconds = (performance.now() - stormStarted) / 1000;
    const saved = JSON.parse(readFileSync(file, 'utf8')) as {thirdParties: ThirdParty[]};
    const tokensInFile = saved.thirdParties.reduce(
      (sum, thirdParty) => sum + thirdParty.tokens.filter(token => token.origin === 'automatic').length,
      0,
    );
    return {
      size,
      flowsPerSecond: steady.times.length / elapsed,
      flowFailures: steady.failures.length,
      flowMedianMs: percentile(steady.times, 0.5),
      flowP95Ms: percentile(steady.times, 0.95),
      stormSeconds,
      stormSucceeded: storm.times.length,
      stormFailed: storm.failures.length,
      ...(storm.failures[0] ? {stormFirstFailure: storm.failures[0]} : {}),
      tokensInFile,
    };
  } finally {
    await server.stop();
  }
};

export const formatAuthorization = (figures: AuthorizationFigures): string =>
  [
    `authorization server at ${figures.size.toLocaleString('en')} third parties:`,
    `  complete flows (10 clients, automatic approval): ${figures.flowsPerSecond.toFixed(0)}/s (${figures.flowFailures} failed), median ${figures.flowMedianMs.toFixed(1)} ms, p95 ${figures.flowP95Ms.toFixed(1)} ms`,
    `  storm (all ${figures.size.toLocaleString('en')} at once, 50 concurrent): ${figures.stormSeconds.toFixed(1)} s, ${figures.stormSucceeded} succeeded, ${figures.stormFailed} failed` +
      `${figures.stormFirstFailure ? ` (first: ${figures.stormFirstFailure})` : ''}; ${figures.tokensInFile} automatic tokens in the file`,
    `  target: storm ≤ 15 s with 0 failures: ${figures.stormSeconds <= 15 && figures.stormFailed === 0 ? 'met' : '**missed**'}`,
  ].join('\n');

if (import.meta.url === `file://${process.argv[1]}`) {
  const {values} = parseArgs({options: {size: {type: 'string'}, seconds: {type: 'string'}, out: {type: 'string'}}});
  const folder = mkdtempSync(path.join(tmpdir(), 'tpa-bench-authorization-'));
  try {
    const loadBefore = loadavg()[0]!;
    const figures = await benchAuthorization(Number(values.size ?? 5_000), Number(values.seconds ?? 5), folder);
    process.stdout.write(`${formatAuthorization(figures)}\n`);
    process.stdout.write(
      `Node ${process.version}, ${cpus().length} CPUs, load average ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after\n`,
    );
    if (values.out)
      writeFileSync(
        values.out,
        `${JSON.stringify({date: new Date().toISOString(), load: {before: loadBefore, after: loadavg()[0]}, ...figures}, null, 2)}\n`,
      );
  } finally {
    rmSync(folder, {recursive: true, force: true});
  }
}
