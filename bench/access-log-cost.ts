/**
 * What rotation adds to the access log: 400,000 lines (about 70 MB) written through
 * openAccessLog with rotation at 10 MB and with a limit never reached, the CPU time of the
 * writing process per line, and the time of one rotation (five renames and an open).
 * `npx tsx bench/access-log-cost.ts`.
 */
import {mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {openAccessLog} from '../source/server/access-log.js';
import {openLogSync, rotateLogSync} from '../source/store/rotating-log.js';
import {closeSync} from 'node:fs';

const LINES = 400_000;

const run = async (maxBytes: number) => {
  const folder = mkdtempSync(path.join(tmpdir(), 'tpa-log-cost-'));
  const file = path.join(folder, 'db.access.jsonl');
  const log = openAccessLog(file, message => console.error(message), {maxBytes});
  const started = process.cpuUsage();
  const wall = performance.now();
  for (let index = 0; index < LINES; index++) {
    log.write({
      time: new Date(1_795_773_600_000 + index).toISOString(),
      remote: '127.0.0.1',
      endpoint: 'introspect',
      status: 200,
      result: 'granted',
      clientId: '01KMSY5R80EE9YR4HSX2T3JMRY',
      tokenId: '01KMSY5R80EE9YR4HSX2T3JMRZ',
    });
    // Let the stream drain now and then, as a server's event loop would.
    if (index % 2_000 === 0) await new Promise(resolve => setImmediate(resolve));
  }
  await log.close();
  const used = process.cpuUsage(started);
  const files = readdirSync(folder).length;
  rmSync(folder, {recursive: true});
  return {cpuPerLine: (used.user + used.system) / LINES, wallMs: performance.now() - wall, files};
};

const rotation = () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'tpa-log-cost-'));
  const file = path.join(folder, 'db.access.jsonl');
  const times: number[] = [];
  for (let round = 0; round < 200; round++) {
    closeSync(openLogSync(file).fd);
    const started = performance.now();
    rotateLogSync(file);
    closeSync(openLogSync(file).fd);
    times.push((performance.now() - started) * 1000);
  }
  rmSync(folder, {recursive: true});
  return times.sort((a, b) => a - b)[times.length >> 1]!;
};

for (let round = 0; round < 2; round++) {
  for (const [name, maxBytes] of [
    ['rotated at 10 MB', 10 * 1024 * 1024],
    ['never rotated', 2 ** 40],
  ] as const) {
    const result = await run(maxBytes);
    console.log(`${name}: ${result.cpuPerLine.toFixed(2)} µs CPU a line, ${result.wallMs.toFixed(0)} ms, ${result.files} files`);
  }
}
console.log(`one rotation (5 renames, an unlink, an open): median ${rotation().toFixed(0)} µs`);
