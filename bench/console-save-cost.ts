/**
 * Per-save time of a console's save (the store's saveThirdParty: lock, compare, backup, write,
 * audit) at N third parties: `npx tsx bench/console-save-cost.ts [--size 5000] [--saves 20]`.
 * Every other save follows another writer's save of a different third party, so half of them
 * read the file again and merge (the other console's path).
 */
import {randomBytes} from 'node:crypto';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {loadavg, tmpdir} from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {openThirdPartyStore} from '../source/store/index.js';
import {timeConsoleSaves} from './console-saves.js';
import {benchDatabase, databaseText} from './generate-data.js';
import {round, summarize} from './statistics.js';

const {values} = parseArgs({options: {size: {type: 'string'}, saves: {type: 'string'}}});
const size = Number(values.size ?? 5_000);
const saves = Number(values.saves ?? 20);
const env = {now: () => new Date(), randomBytes: (count: number) => randomBytes(count)};
const file = path.join(mkdtempSync(path.join(tmpdir(), 'tpa-console-save-')), 'data.json');
writeFileSync(file, databaseText(benchDatabase(size)), {mode: 0o600});
const mine = await openThirdPartyStore(file, env, {actor: 'bench@mine'});
const other = await openThirdPartyStore(file, env, {actor: 'bench@other'});
const {plain, merging, cpu} = await timeConsoleSaves(mine, other, saves);
const show = (label: string, times: number[]) => {
  const stats = summarize(times);
  return `${label}: median ${round(stats.median)} ms, p95 ${round(stats.p95)} ms`;
};
console.log(
  `console save at ${size} third parties, ${saves} saves: ${show('no other writer', plain)}; ${show('after another writer', merging)}; ${show('CPU', cpu)}; load ${loadavg()
    .map(value => value.toFixed(2))
    .join(' ')}`,
);
