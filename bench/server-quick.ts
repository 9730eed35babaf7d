/**
 * A quick look at the server alone: introspection requests/s of `tpa serve` (dist/cli.js) at
 * 1,000 third parties against the bare node:http server, and against another build of tpa when
 * one is given (e.g. the previous commit's dist/cli.js), alternating, 10 connections, 5 s each,
 * `rounds` times. `npm run build --silent && npx tsx bench/server-quick.ts [rounds] [other-cli.js]`.
 */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {benchDatabase, databaseText} from './generate-data.js';
import {introspectOnce, load, startBareServer, startTpaServer, type LoadResult} from './server-load.js';

const rounds = Number(process.argv[2] ?? 3);
const database = benchDatabase(1_000);
const folder = mkdtempSync(path.join(tmpdir(), 'tpa-server-quick-'));
const dataFile = path.join(folder, 'db.json');
writeFileSync(dataFile, databaseText(database), {mode: 0o600});
const granted = database.thirdParties.find(thirdParty => thirdParty.enabled && thirdParty.tokens.some(token => token.active))!;
const token = [...granted.tokens].reverse().find(token => token.active)!;
const credentials = {clientId: granted.clientId, clientSecret: granted.clientSecret, token: token.token};

const other = process.argv[3];
const programs = other === undefined ? (['tpa', 'bare'] as const) : (['tpa', 'other', 'bare'] as const);
const results: Record<'tpa' | 'other' | 'bare', LoadResult[]> = {tpa: [], other: [], bare: []};
/** CPU time (user + system) of the server per request, µs: steadier than requests/s on a loaded machine. */
const cpu: Record<'tpa' | 'other' | 'bare', number[]> = {tpa: [], other: [], bare: []};
const TICK_US = 10_000; // USER_HZ 100
const cpuTicks = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
};
for (let round = 0; round < rounds; round++) {
  for (const program of programs) {
    const server =
      program === 'bare' ? await startBareServer() : await startTpaServer(dataFile, program === 'other' ? path.resolve(other!) : undefined);
    try {
      if (program !== 'bare') {
        const answer = (await introspectOnce(server.url, credentials)) as {active?: boolean};
        if (answer.active !== true) throw new Error(`not granted: ${JSON.stringify(answer)}`);
      }
      await load(server.url, credentials, 10, 1);
      const before = cpuTicks(server.pid);
      const result = await load(server.url, credentials, 10, 5);
      results[program].push(result);
      cpu[program].push(((cpuTicks(server.pid) - before) * TICK_US) / result.requests);
    } finally {
      await server.stop();
    }
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
for (const program of programs) {
  const list = results[program];
  console.log(
    `${program}: ${median(list.map(result => result.requestsPerSecond)).toFixed(0)} requests/s (median of ${list.map(result => result.requestsPerSecond.toFixed(0)).join(', ')}), p99 ${median(list.map(result => result.latencyP99))} ms, CPU ${median(cpu[program]).toFixed(1)} µs a request (${cpu[program].map(value => value.toFixed(1)).join(', ')}), non-2xx ${list.reduce((sum, result) => sum + result.non2xx, 0)}`,
  );
}
