/**
 * The server's access index after its own save (source/server/reindex.ts), in-process: `npx tsx
 * bench/reindex-cost.ts [--tokens 1000] [--rounds 200]`. A third party with N tokens (one that
 * authorized N times) gets one more token per save, among 5,000 third parties of the benchmark's
 * data; and a group commit of 50 third parties each getting a token. Median µs per reindex.
 */
import {loadavg} from 'node:os';
import {performance} from 'node:perf_hooks';
import {parseArgs} from 'node:util';
import {addToken, indexAccess, type ThirdParty} from '../source/domain/index.js';
import {reindexAccess} from '../source/server/reindex.js';
import {testEnvironment} from '../test/helpers/environment.js';
import {benchDatabase} from './generate-data.js';
import {round, summarize} from './statistics.js';

const {values} = parseArgs({options: {tokens: {type: 'string'}, rounds: {type: 'string'}}});
const tokenCount = Number(values.tokens ?? 1_000);
const rounds = Number(values.rounds ?? 200);
const env = testEnvironment(new Date(), 'reindex-cost');
let thirdParties: ThirdParty[] = benchDatabase(5_000).thirdParties;
let busy = thirdParties[0]!;
for (let count = busy.tokens.length; count < tokenCount; count++) busy = addToken(busy, env);
thirdParties = thirdParties.with(0, busy);
let index = indexAccess(thirdParties);

const time = (change: (records: readonly ThirdParty[]) => ThirdParty[]): number[] => {
  const times: number[] = [];
  for (let save = 0; save < rounds; save++) {
    const next = change(thirdParties);
    const start = performance.now();
    index = reindexAccess(thirdParties, index, next);
    times.push((performance.now() - start) * 1000);
    thirdParties = next;
  }
  return times;
};

const one = summarize(time(records => records.with(0, addToken(records[0]!, env))));
const fifty = summarize(
  time(records => {
    let next = [...records];
    for (let step = 0; step < 50; step++) {
      const at = 1 + Math.floor(Math.random() * (records.length - 1));
      next = next.with(at, addToken(next[at]!, env));
    }
    return next;
  }),
);
console.log(
  `reindex after a save: one token added to a third party of ${tokenCount} tokens: median ${round(one.median)} µs, p95 ${round(one.p95)} µs; 50 third parties each given a token: median ${round(fifty.median)} µs, p95 ${round(fifty.p95)} µs; load ${loadavg()
    .map(value => value.toFixed(2))
    .join(' ')}`,
);
