/**
 * Per-save time of the server's writer at N third parties (the storm's unit of work): `npx tsx
 * bench/save-cost.ts [--size 5000] [--saves 20] [--batch 50]`. Each save commits a batch of tokens.
 */
import {randomBytes} from 'node:crypto';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {loadavg, tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {parseArgs} from 'node:util';
import {generateCredential, TOKEN_PREFIX} from '../source/domain/index.js';
import {commitAuthorizationWrites} from '../source/server/oauth/group-commit.js';
import {openFilePipeline} from '../source/store/index.js';
import {benchDatabase, databaseText} from './generate-data.js';
import {round, summarize} from './statistics.js';

const {values} = parseArgs({options: {size: {type: 'string'}, saves: {type: 'string'}, batch: {type: 'string'}}});
const size = Number(values.size ?? 5_000);
const saves = Number(values.saves ?? 20);
const batch = Number(values.batch ?? 50);
const env = {now: () => new Date(), randomBytes: (count: number) => randomBytes(count)};
const database = benchDatabase(size);
const file = path.join(mkdtempSync(path.join(tmpdir(), 'tpa-save-cost-')), 'data.json');
writeFileSync(file, databaseText(database), {mode: 0o600});
const writer = await openFilePipeline(file, env, {actor: 'bench'});
const times: number[] = [];
for (let save = 0; save < saves; save++) {
  const writes = Array.from({length: batch}, (_, index) => ({
    kind: 'issue' as const,
    thirdPartyId: database.thirdParties[(save * batch + index) % size]!.id,
    token: {id: `B${save}-${index}`, token: generateCredential(TOKEN_PREFIX, env)},
    test: false,
  }));
  const start = performance.now();
  await commitAuthorizationWrites(writer, writes);
  times.push(performance.now() - start);
}
const stats = summarize(times);
console.log(
  `save of ${batch} tokens at ${size} third parties, ${saves} saves: median ${round(stats.median)} ms, p95 ${round(stats.p95)} ms; load ${loadavg()
    .map(value => value.toFixed(2))
    .join(' ')}`,
);
