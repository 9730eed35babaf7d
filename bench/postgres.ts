/**
 * The PostgreSQL engine against the file engine, same run, same machine (issue 19's figures), on
 * a PostgreSQL of its own (test/helpers/postgres.ts, as the tests start one):
 *
 * - a console's save at N third parties (plain, and after another writer's save of another one);
 * - the live refresh: a writer's save of one third party until another console's refresh holds it;
 * - introspection requests/s against the built `tpa serve` (autocannon, 10 connections);
 * - the authorization storm: every one of the N authorizes at once, 50 at a time, one server.
 *
 *   npx tsx bench/postgres.ts [--size 5000] [--saves 20] [--refreshes 40] [--seconds 5] [--only console,introspection,storm]
 */
import {randomBytes} from 'node:crypto';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {cpus, loadavg, tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {parseArgs} from 'node:util';
import {sql} from 'kysely';
import type {Database, ThirdParty} from '../source/domain/index.js';
import {changeInstruction, openPipeline, openThirdPartyStore, type DataLocation} from '../source/store/index.js';
import {writePostgresDataSet} from '../source/store/copy/postgres-data-set.js';
import {connectPostgres} from '../source/store/postgres/connect.js';
import {readSnapshot} from '../source/store/postgres/read-snapshot.js';
import {startPostgres} from '../test/helpers/postgres.js';
import {migratedDatabase} from '../test/helpers/postgres-engine.js';
import {runWorkers} from './authorization.js';
import {timeConsoleSaves} from './console-saves.js';
import {benchDatabase, databaseText} from './generate-data.js';
import {load, startTpaServer} from './server-load.js';
import {round, summarize} from './statistics.js';

const {values} = parseArgs({
  options: {
    size: {type: 'string'},
    saves: {type: 'string'},
    refreshes: {type: 'string'},
    seconds: {type: 'string'},
    only: {type: 'string'},
  },
});
const size = Number(values.size ?? 5_000);
const saves = Number(values.saves ?? 20);
const refreshes = Number(values.refreshes ?? 40);
const seconds = Number(values.seconds ?? 5);
/** `--only console,introspection,storm`: some of the parts. */
const parts = new Set((values.only ?? 'console,introspection,storm').split(','));
const env = {now: () => new Date(), randomBytes: (count: number) => randomBytes(count)};
const folder = mkdtempSync(path.join(tmpdir(), 'tpa-bench-pg-'));
const server = await startPostgres();
process.env['XDG_STATE_HOME'] = folder;

const show = (times: number[]) => {
  const stats = summarize(times);
  return `median ${round(stats.median)} ms, p95 ${round(stats.p95)} ms`;
};

/** A place holding `database` on each engine: a data file, and a fresh migrated database. */
const places = async (database: Database, name: string): Promise<Array<{engine: string; data: DataLocation; text: string}>> => {
  const file = path.join(folder, `${name}.json`);
  writeFileSync(file, databaseText(database), {mode: 0o600});
  const location = await migratedDatabase(server);
  const connection = await connectPostgres(location, {applicationName: 'tpa bench', poolSize: 1});
  await writePostgresDataSet(connection, {database, audit: [], lastUsed: new Map()});
  // Statistics now, not in an autovacuum that would run beside the measurements.
  await sql`vacuum analyze`.execute(connection.db);
  await connection.close();
  const url = `postgres://tpa_test:${server.password}@127.0.0.1:${server.port}/${location.target.database}`;
  return [
    {engine: 'file', data: {kind: 'file', path: file}, text: file},
    {engine: 'postgres', data: location, text: url},
  ];
};

const lines: string[] = [];
const say = (line: string) => {
  lines.push(line);
  process.stderr.write(`${line}\n`);
};

try {
  const database = benchDatabase(size);
  for (const place of parts.has('console') ? await places(database, 'console') : []) {
    // A console's save: every other one after another writer's save of a different third party.
    const mine = await openThirdPartyStore(place.data, env, {actor: 'bench@mine', localFile: path.join(folder, 'local', 'db.json')});
    const other = await openThirdPartyStore(place.data, env, {actor: 'bench@other', localFile: path.join(folder, 'local', 'db.json')});
    const {plain, merging} = await timeConsoleSaves(mine, other, saves);
    say(`${place.engine}: console save at ${size}: ${show(plain)}; after another writer: ${show(merging)}`);

    // The live refresh: a writer saves one third party; the console's watch fires and its refresh holds the change.
    const writer = await openPipeline(place.data, env, {actor: 'bench@server'});
    const times: number[] = [];
    let waiting: {name: string; resolve: (at: number) => void} | undefined;
    let ready: () => void = () => undefined;
    // The database's watch looks once as soon as its LISTEN is in place: then it is ready.
    const listening = place.engine === 'postgres' ? new Promise<void>(resolve => (ready = resolve)) : Promise.resolve();
    const stop = mine.watch(() => {
      ready();
      void mine.refresh(new Set()).then(refreshed => {
        if (waiting && refreshed?.database.thirdParties.some(thirdParty => thirdParty.name === waiting!.name))
          waiting.resolve(performance.now());
      });
    });
    await listening;
    for (let round = 0; round < refreshes; round++) {
      const target = writer.snapshot.database.thirdParties[round]!;
      const name = `${target.name} r${round}`;
      const seen = new Promise<number>(resolve => (waiting = {name, resolve}));
      const start = performance.now();
      await writer.instruct([changeInstruction(target.id, (thirdParty: ThirdParty) => ({...thirdParty, name}), 'gone')]);
      times.push((await seen) - start);
    }
    stop();
    say(`${place.engine}: live refresh (a save until another console holds it): ${show(times)}`);
    await Promise.all([mine.close(), other.close(), writer.engine.close()]);
  }

  // Introspection through the built server, answered from memory on either engine: rounds
  // alternate between the engines (a busy spell hits both), the median of each is reported.
  const introspection = parts.has('introspection') ? await places(database, 'introspection') : [];
  const rates = new Map<string, number[]>(introspection.map(place => [place.engine, []]));
  for (let round = 0; round < (introspection.length > 0 ? 3 : 0); round++) {
    for (const place of round % 2 === 0 ? introspection : [...introspection].reverse()) {
      const running = await startTpaServer(place.text);
      try {
        const thirdParty = database.thirdParties.find(candidate => candidate.enabled && candidate.tokens.some(token => token.active))!;
        const token = thirdParty.tokens.find(candidate => candidate.active)!.token;
        const result = await load(running.url, {clientId: thirdParty.clientId, clientSecret: thirdParty.clientSecret, token}, 10, seconds);
        if (result.errors > 0 || result.non2xx > 0) throw new Error(`${place.engine}: ${result.errors} errors, ${result.non2xx} non-2xx`);
        rates.get(place.engine)!.push(result.requestsPerSecond);
      } finally {
        await running.stop();
      }
    }
  }
  for (const [engine, values] of rates)
    say(
      `${engine}: introspection, median of ${values.length} rounds ${Math.round(summarize(values).median)} requests/s (${values.map(Math.round).join(', ')})`,
    );

  // The storm: every third party once, 50 at a time, automatic approval; one server on each engine.
  const stormData = {
    ...database,
    thirdParties: database.thirdParties.map(thirdParty => ({
      ...thirdParty,
      enabled: true,
      callbackUrl: 'http://127.0.0.1/oauth/callback',
      approval: 'automatic' as const,
    })),
  };
  for (const place of parts.has('storm') ? await places(stormData, 'storm') : []) {
    // Every flow comes from this one address: past the default cap per address (issue 17) they would be refused.
    const running = await startTpaServer(place.text, undefined, ['--max-connections-per-address', '256']);
    try {
      let index = 0;
      const started = performance.now();
      const storm = await runWorkers(50, () => stormData.thirdParties[index++], running.url);
      const took = (performance.now() - started) / 1000;
      let stored = Number.NaN;
      if (place.data.kind === 'postgres') {
        const connection = await connectPostgres(place.data, {applicationName: 'tpa bench', poolSize: 1});
        const snapshot = await readSnapshot(connection.db);
        stored = snapshot.database.thirdParties.reduce(
          (sum, thirdParty) => sum + thirdParty.tokens.filter(token => token.origin === 'automatic').length,
          0,
        );
        await connection.close();
      }
      say(
        `${place.engine}: storm of ${size}, 50 concurrent, one server: ${took.toFixed(1)} s, ${storm.times.length} succeeded, ${storm.failures.length} failed${storm.failures[0] ? ` (first: ${storm.failures[0]})` : ''}${Number.isNaN(stored) ? '' : `; ${stored} automatic tokens stored`}`,
      );
    } finally {
      await running.stop();
    }
  }
  // The storm on two servers on one database, the workers taking them in turn (round robin).
  for (const place of parts.has('storm')
    ? (await places(stormData, 'storm-two')).filter(candidate => candidate.engine === 'postgres')
    : []) {
    const servers = await Promise.all([0, 1].map(() => startTpaServer(place.text, undefined, ['--max-connections-per-address', '256'])));
    try {
      let index = 0;
      const started = performance.now();
      const storm = await runWorkers(
        50,
        () => stormData.thirdParties[index++],
        servers.map(running => running.url),
      );
      const took = (performance.now() - started) / 1000;
      say(
        `postgres: storm of ${size}, 50 concurrent, two servers (round robin): ${took.toFixed(1)} s, ${storm.times.length} succeeded, ${storm.failures.length} failed${storm.failures[0] ? ` (first: ${storm.failures[0]})` : ''}`,
      );
    } finally {
      await Promise.all(servers.map(running => running.stop()));
    }
  }
} finally {
  await server.destroy();
}
console.log(
  [
    `PostgreSQL against the file, ${size} third parties, ${cpus().length} CPUs, load ${loadavg()
      .map(value => value.toFixed(2))
      .join(' ')}:`,
    ...lines.map(line => `  ${line}`),
  ].join('\n'),
);
