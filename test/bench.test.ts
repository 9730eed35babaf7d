/** The benchmark's own parts (npm run bench is not part of npm test): its data files and its verdicts. */
import test from 'ava';
import {benchDatabase, databaseText} from '../bench/generate-data.js';
import {checkTargets, formatTable, type FloorResult, type Results, type SizeResult} from '../bench/report.js';
import {percentile, summarize} from '../bench/statistics.js';
import {parseDatabase} from '../source/store/parse-database.js';

const now = new Date('2026-11-27T15:00:00.000Z');

test('the data files are valid tpa files, four tokens a third party, the same for the same seed', t => {
  const text = databaseText(benchDatabase(200, 'seed', now));
  const database = parseDatabase(text, 'bench.json');
  t.is(database.thirdParties.length, 200);
  t.true(database.thirdParties.every(thirdParty => thirdParty.tokens.length === 4));
  t.is(new Set(database.thirdParties.map(thirdParty => thirdParty.name)).size, 200);
  t.is(databaseText(benchDatabase(200, 'seed', now)), text);
  t.not(databaseText(benchDatabase(200, 'other seed', now)), text);
  // Some rows carry marks, as in a real file: expired and soon-expiring tokens.
  const expired = database.thirdParties.filter(thirdParty => thirdParty.tokens.some(token => Date.parse(token.expiresAt!) < now.getTime()));
  t.true(expired.length > 0 && expired.length < 200);
});

test('percentiles by nearest rank', t => {
  const values = Array.from({length: 100}, (_, index) => index + 1);
  t.is(percentile(values, 0.5), 50);
  t.is(percentile(values, 0.95), 95);
  t.deepEqual(summarize([3, 1, 2]), {median: 2, p95: 3, count: 3});
});

const summary = (median: number, p95: number) => ({median, p95, count: 20});
const size = (count: number, key: number, save: number, megabytes: number, requests: number): SizeResult => ({
  size: count,
  bytes: count * 1500,
  start: summary(1000, 1050),
  type: summary(key, key),
  list: summary(key, key),
  grid: summary(key, key),
  save: summary(save, save),
  saveFloor: summary(40, 45),
  peakMemory: megabytes * 1024 * 1024,
  server: {requestsPerSecond: requests, latencyMedian: 1, latencyP99: 3, start: 300},
});

test('targets are ratios against the floors of the same run', t => {
  const floor: FloorResult = {
    start: summary(640, 700),
    type: summary(5, 8),
    server: {requestsPerSecond: 20_000, latencyMedian: 0, latencyP99: 1, start: 100},
  };
  const sizes = [size(10, 8, 50, 110, 13_000), size(5000, 12.5, 121, 149, 12_000), size(50_000, 9, 900, 600, 11_000)];
  const targets = checkTargets(floor, sizes);
  const find = (figure: string, target: string) => targets.find(result => result.figure === figure && result.target === target)!;
  t.false(find('start at 5,000, median ms', '≤ 1.5 × minimal Ink').met, '1,000 > 1.5 × 640');
  t.false(find('typing in the name field at 5,000, p95 ms', '≤ 1.5 × minimal Ink').met, '12.5 > 1.5 × 8');
  t.false(find('typing in the name field at 5,000, p95 ms', '≤ 1.2 × ours at 10').met, '12.5 > 1.2 × 8');
  t.true(find('typing in the name field at 50,000, p95 ms', '≤ 1.5 × minimal Ink').met);
  t.false(find('save at 5,000, median ms', '≤ 3 × writeFile').met, '121 > 3 × 40');
  t.true(find('peak memory at 5,000, MB', '≤ 150 MB').met);
  t.true(find('introspection at 5,000, requests/s', '≥ 0.6 × bare node:http').met, '12,000 ≥ 0.6 × 20,000');
  t.false(find('introspection at 50,000, requests/s', '≥ 0.6 × bare node:http').met);
  t.false(find('save at 50,000, median ms', '≤ 3 × writeFile').met, '900 > 3 × 40');
  t.false(find('peak memory at 50,000, MB', '≤ 400 MB').met, '600 > 400');
  t.true(find('tpa serve start at 5,000, median ms', '≤ 500 ms').met, '300 ≤ 500');
  const results: Results = {
    date: now.toISOString(),
    node: 'v20',
    cpus: 2,
    load: {before: 0.5, after: 0.7},
    options: {},
    floor,
    sizes,
    targets,
  };
  const table = formatTable(results);
  t.regex(table, /\| start, median \/ p95 ms \| 640 \/ 700 \| 1,000 \/ 1,050 \| 1,000 \/ 1,050 \| 1,000 \/ 1,050 \|/);
  t.regex(table, /load average 0\.50 before and 0\.70 after/);
});
