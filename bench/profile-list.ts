/**
 * A CPU profile of list moves in the console: `npx tsx bench/profile-list.ts [--size 5000] [--keys 200] [--dir DIR]`.
 * Prints each move's time (as bench/console-session.ts measures it) and writes the console's
 * .cpuprofile into DIR (open it in Chrome's DevTools or summarise it with `--top`).
 */
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {parseArgs} from 'node:util';
import {compareByName} from '../source/domain/third-party.js';
import {bounce, CLI, firstFrameOf, KEYS, listCursorOn, PACE_MS} from './console-session.js';
import {benchDatabase, databaseText} from './generate-data.js';
import {summarize} from './statistics.js';
import {TimedTerminal} from './timed-terminal.js';

const {values} = parseArgs({
  options: {
    size: {type: 'string', default: '5000'},
    keys: {type: 'string', default: '200'},
    dir: {type: 'string'},
    top: {type: 'string', default: '25'},
  },
});
const size = Number(values.size);
const keys = Number(values.keys);
const folder = mkdtempSync(path.join(tmpdir(), 'tpa-profile-'));
const dir = values.dir ?? path.join(folder, 'profile');
const database = benchDatabase(size);
const file = path.join(folder, 'db.json');
writeFileSync(file, databaseText(database), {mode: 0o600});
const names = [...database.thirdParties].sort(compareByName).map(thirdParty => thirdParty.name);

const terminal = new TimedTerminal(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, CLI, '--data', file], {cwd: folder});
await terminal.when(firstFrameOf(names[0]!));
const times: number[] = [];
// The same moves as the bench's (console-session.ts): down to the 31st name and back.
const span = Math.min(names.length - 1, 30);
const at = (step: number) => bounce(step, span);
for (let step = 1; step <= keys; step++) {
  await sleep(PACE_MS);
  times.push(await terminal.press(KEYS[at(step) > at(step - 1) ? 'down' : 'up'], listCursorOn(names[at(step)]!)));
}
terminal.write('\u0011');
await terminal.exited;
console.log(`list moves at ${size}: ${JSON.stringify(summarize(times))}`);
console.log(
  `slowest (time@position): ${times
    .map((time, index) => [time, at(index + 1)] as const)
    .sort((a, b) => b[0] - a[0])
    .slice(0, 15)
    .map(([time, position]) => `${time.toFixed(1)}@${position}`)
    .join(' ')}`,
);

// The profile's self time per function, the top entries.
const profileFile = readdirSync(dir).find(name => name.endsWith('.cpuprofile'));
if (profileFile) {
  const profile = JSON.parse(readFileSync(path.join(dir, profileFile), 'utf8')) as {
    nodes: {id: number; callFrame: {functionName: string; url: string; lineNumber: number}}[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(profile.nodes.map(node => [node.id, node]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const frame = byId.get(id)!.callFrame;
    const key = `${frame.functionName || '(anonymous)'} ${path.basename(frame.url)}:${frame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  // Inclusive time: each sample counts once for every function on its stack.
  const parents = new Map<number, number>();
  for (const node of profile.nodes as {id: number; children?: number[]}[])
    for (const child of node.children ?? []) parents.set(child, node.id);
  const inclusive = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const frame = byId.get(at)!.callFrame;
      const key = `${frame.functionName || '(anonymous)'} ${path.basename(frame.url)}:${frame.lineNumber}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0));
    }
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`profile ${path.join(dir, profileFile)}: ${(total / 1000).toFixed(0)} ms sampled`);
  for (const [key, micros] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top)))
    console.log(`${(micros / 1000).toFixed(1).padStart(8)} ms  ${key}`);
  console.log('inclusive:');
  for (const [key, micros] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top) * 2))
    console.log(`${(micros / 1000).toFixed(1).padStart(8)} ms  ${key}`);
}
if (!values.dir) rmSync(folder, {recursive: true, force: true});
