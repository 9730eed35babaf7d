/**
 * `npm run bench`: the console and the server at 10, 5,000 and 50,000 third parties, against
 * floors measured in the same run (a minimal Ink program, plain writeFile, a bare node:http
 * server), so that the ratios hold on a busy machine. Prints one table; writes bench/results.json.
 *
 *   npm run bench                      the full run (several minutes)
 *   npm run bench -- --quick           a smoke run at 10 third parties, a few seconds, nothing written
 *   npm run bench -- --sizes 10,5000 --rounds 3 --out /tmp/results.json
 */
import {chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {writeFile} from 'node:fs/promises';
import {cpus, loadavg, tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {parseArgs} from 'node:util';
import {compareByName, isUsable} from '../source/domain/index.js';
import {REPOSITORY, runConsole, runMinimalInk, startConsole, startMinimalInk, type ConsoleData} from './console-session.js';
import {benchDatabase, databaseText} from './generate-data.js';
import {benchAuthorization, formatAuthorization} from './authorization.js';
import {checkTargets, formatTable, type FloorResult, type Results, type ServerFigures, type SizeResult} from './report.js';
import {introspectOnce, load, startBareServer, startTpaServer, type Credentials, type RunningServer} from './server-load.js';
import {percentile, summarize} from './statistics.js';

const {values} = parseArgs({
  options: {
    quick: {type: 'boolean', default: false},
    sizes: {type: 'string'},
    rounds: {type: 'string'},
    starts: {type: 'string'},
    keys: {type: 'string'},
    saves: {type: 'string'},
    'server-rounds': {type: 'string'},
    'server-seconds': {type: 'string'},
    connections: {type: 'string'},
    out: {type: 'string'},
  },
});

const quick = values.quick ?? false;
const number = (text: string | undefined, fallback: number): number => (text === undefined ? fallback : Number(text));
const options = {
  sizes: (values.sizes ?? (quick ? '10' : '10,5000,50000')).split(',').map(Number),
  /** Each round runs every program once (in a rotated order, so that a busy spell hits all of them). */
  rounds: number(values.rounds, quick ? 1 : 5),
  /** Start-only runs per program and round, besides the full run. */
  starts: number(values.starts, quick ? 0 : 3),
  /** Measured keys of each kind per run. */
  keys: number(values.keys, quick ? 4 : 20),
  saves: number(values.saves, quick ? 2 : 4),
  serverRounds: number(values['server-rounds'], quick ? 1 : 3),
  serverSeconds: number(values['server-seconds'], quick ? 1 : 5),
  connections: number(values.connections, 10),
};
const out = values.out ?? (quick ? undefined : path.join(REPOSITORY, 'bench', 'results.json'));

const say = (message: string) => process.stderr.write(`bench: ${message}\n`);
const rotate = <T>(items: readonly T[], by: number): T[] => items.map((_, index) => items[(index + by) % items.length]!);

interface Prepared extends ConsoleData {
  readonly size: number;
  readonly text: string;
  readonly credentials: Credentials;
}

const root = mkdtempSync(path.join(tmpdir(), 'tpa-bench-'));
let sessionCount = 0;
/** A fresh folder with a copy of the data file: every run starts from the same data, with no audit or access log. */
const freshCopy = (prepared: Prepared): string => {
  const folder = path.join(root, `run-${++sessionCount}`);
  mkdirSync(folder, {mode: 0o700});
  const file = path.join(folder, 'db.json');
  copyFileSync(path.join(root, `base-${prepared.size}.json`), file);
  chmodSync(file, 0o600);
  return file;
};

const prepare = (size: number): Prepared => {
  const started = performance.now();
  const database = benchDatabase(size);
  const text = databaseText(database);
  writeFileSync(path.join(root, `base-${size}.json`), text, {mode: 0o600});
  const sorted = [...database.thirdParties].sort(compareByName);
  const now = new Date();
  const granted = database.thirdParties.find(
    thirdParty => thirdParty.enabled && thirdParty.tokens[0] && isUsable(thirdParty.tokens[0], now),
  )!;
  say(
    `${size.toLocaleString('en')} third parties: ${(text.length / 1024 / 1024).toFixed(1)} MB, made in ${Math.round(performance.now() - started)} ms`,
  );
  return {
    size,
    text,
    file: '',
    names: sorted.map(thirdParty => thirdParty.name),
    gridTokens: sorted.slice(0, 31).map(thirdParty => thirdParty.tokens.map(token => token.token)),
    credentials: {clientId: granted.clientId, clientSecret: granted.clientSecret, token: granted.tokens[0]!.token},
  };
};

const main = async (): Promise<void> => {
  const loadBefore = loadavg()[0]!;
  say(`load average ${loadBefore.toFixed(2)}; data in ${root}`);
  const prepared = options.sizes.map(prepare);

  const floor = {start: [] as number[], type: [] as number[]};
  const bySize = new Map(
    prepared.map(data => [
      data.size,
      {
        start: [] as number[],
        type: [] as number[],
        list: [] as number[],
        grid: [] as number[],
        save: [] as number[],
        saveFloor: [] as number[],
        peak: [] as number[],
      },
    ]),
  );

  const programs: (Prepared | 'floor')[] = ['floor', ...prepared];
  for (let roundIndex = 0; roundIndex < options.rounds; roundIndex++) {
    say(`round ${roundIndex + 1} of ${options.rounds}`);
    for (const program of rotate(programs, roundIndex)) {
      if (program === 'floor') {
        for (let index = 0; index < options.starts; index++) {
          const {terminal, start} = await startMinimalInk(root);
          floor.start.push(start);
          terminal.kill();
          await terminal.exited;
        }
        const times = await runMinimalInk(root, options.keys);
        floor.start.push(times.start);
        floor.type.push(...times.type);
        continue;
      }
      const figures = bySize.get(program.size)!;
      for (let index = 0; index < options.starts; index++) {
        const {terminal, start} = await startConsole({...program, file: freshCopy(program)});
        figures.start.push(start);
        terminal.kill();
        await terminal.exited;
      }
      const times = await runConsole({...program, file: freshCopy(program)}, {keys: options.keys, saves: options.saves});
      figures.start.push(times.start);
      figures.type.push(...times.type);
      figures.list.push(...times.list);
      figures.grid.push(...times.grid);
      figures.save.push(...times.save);
      if (times.peakMemory !== undefined) figures.peak.push(times.peakMemory);
      // The floor of a save: the same bytes through plain fs.writeFile.
      const floorFile = path.join(root, `floor-${program.size}.json`);
      for (let index = 0; index < options.saves; index++) {
        const started = performance.now();
        await writeFile(floorFile, program.text);
        figures.saveFloor.push(performance.now() - started);
      }
      rmSync(floorFile, {force: true});
    }
  }

  say('server');
  const serverRuns = new Map<number | 'bare', {rps: number[]; median: number[]; p99: number[]; start: number[]}>();
  const servers: (Prepared | 'bare')[] = ['bare', ...prepared];
  for (let roundIndex = 0; roundIndex < options.serverRounds; roundIndex++) {
    for (const program of rotate(servers, roundIndex)) {
      const key = program === 'bare' ? 'bare' : program.size;
      const credentials = (prepared.find(data => data.size === 5000) ?? prepared[0]!).credentials;
      let server: RunningServer | undefined;
      try {
        server = program === 'bare' ? await startBareServer() : await startTpaServer(freshCopy(program));
        const used = program === 'bare' ? credentials : program.credentials;
        const answer = (await introspectOnce(server.url, used)) as {active?: boolean};
        if (answer.active !== true) throw new Error(`the server did not grant the benchmark's token: ${JSON.stringify(answer)}`);
        await load(server.url, used, options.connections, 1); // warm-up, not counted
        const result = await load(server.url, used, options.connections, options.serverSeconds);
        if (result.errors > 0 || result.non2xx > 0)
          throw new Error(`${result.errors} errors and ${result.non2xx} answers other than 2xx under load`);
        const runs = serverRuns.get(key) ?? {rps: [], median: [], p99: [], start: []};
        runs.rps.push(result.requestsPerSecond);
        runs.median.push(result.latencyMedian);
        runs.p99.push(result.latencyP99);
        runs.start.push(server.start);
        serverRuns.set(key, runs);
        say(
          `${key === 'bare' ? 'bare node:http' : `tpa serve at ${key.toLocaleString('en')}`}: ${Math.round(result.requestsPerSecond)} requests/s`,
        );
      } finally {
        await server?.stop();
      }
    }
  }
  const serverFigures = (key: number | 'bare'): ServerFigures | undefined => {
    const runs = serverRuns.get(key);
    if (!runs) return undefined;
    return {
      requestsPerSecond: percentile(runs.rps, 0.5),
      latencyMedian: percentile(runs.median, 0.5),
      latencyP99: percentile(runs.p99, 0.5),
      start: percentile(runs.start, 0.5),
    };
  };

  const floorResult: FloorResult = {
    start: summarize(floor.start),
    type: summarize(floor.type),
    ...(serverFigures('bare') ? {server: serverFigures('bare')!} : {}),
  };
  const sizes: SizeResult[] = prepared.map(data => {
    const figures = bySize.get(data.size)!;
    const server = serverFigures(data.size);
    return {
      size: data.size,
      bytes: Buffer.byteLength(data.text),
      start: summarize(figures.start),
      type: summarize(figures.type),
      list: summarize(figures.list),
      grid: summarize(figures.grid),
      save: summarize(figures.save),
      saveFloor: summarize(figures.saveFloor),
      peakMemory: Math.max(...figures.peak),
      ...(server ? {server} : {}),
    };
  });
  const results: Results = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    load: {before: loadBefore, after: loadavg()[0]!},
    options,
    floor: floorResult,
    sizes,
    targets: checkTargets(floorResult, sizes),
  };
  process.stdout.write(`${formatTable(results)}\n`);
  if (out) {
    writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
    say(`results in ${path.relative(process.cwd(), out) || out}`);
  }
  // The authorization server (issue 11): flows per second and the storm, at 5,000 third parties.
  say('authorization server');
  const authorization = await benchAuthorization(quick ? 10 : 5_000, options.serverSeconds, root);
  process.stdout.write(`${formatAuthorization(authorization)}\n`);
  if (out) writeFileSync(path.join(path.dirname(out), 'authorization-results.json'), `${JSON.stringify(authorization, null, 2)}\n`);
};

try {
  await main();
} finally {
  rmSync(root, {recursive: true, force: true});
}
