/** The benchmark's results: their shape, the targets of issues 6 and 20 checked against them, and one table. */
import {round, type Summary} from './statistics.js';

export interface ServerFigures {
  /** Median over the rounds. */
  readonly requestsPerSecond: number;
  readonly latencyMedian: number;
  readonly latencyP99: number;
  /** From spawn to listening, ms (median). */
  readonly start: number;
}

export interface SizeResult {
  readonly size: number;
  readonly bytes: number;
  readonly start: Summary;
  readonly type: Summary;
  readonly list: Summary;
  readonly grid: Summary;
  readonly save: Summary;
  /** Plain fs.writeFile of the same bytes. */
  readonly saveFloor: Summary;
  /** The highest of the runs, bytes. */
  readonly peakMemory: number;
  readonly server?: ServerFigures;
}

export interface FloorResult {
  readonly start: Summary;
  readonly type: Summary;
  readonly server?: ServerFigures;
}

export interface TargetResult {
  readonly figure: string;
  readonly value: number;
  readonly limit: number;
  /** What the value is compared with, in words. */
  readonly target: string;
  readonly met: boolean;
}

export interface Results {
  readonly date: string;
  readonly node: string;
  readonly cpus: number;
  /** 1-minute load average before and after the run. */
  readonly load: {readonly before: number; readonly after: number};
  readonly options: Record<string, unknown>;
  readonly floor: FloorResult;
  readonly sizes: readonly SizeResult[];
  readonly targets: readonly TargetResult[];
}

const MB = 1024 * 1024;
const KEY_KINDS = [
  ['type', 'typing in the name field'],
  ['list', 'moving in the list'],
  ['grid', 'moving in the grid'],
] as const;

export const checkTargets = (floor: FloorResult, sizes: readonly SizeResult[]): TargetResult[] => {
  const at = (size: number) => sizes.find(result => result.size === size);
  const targets: TargetResult[] = [];
  const add = (figure: string, value: number, limit: number, target: string, higherIsBetter = false) =>
    targets.push({figure, value: round(value), limit: round(limit), target, met: higherIsBetter ? value >= limit : value <= limit});

  const five = at(5000);
  const ten = at(10);
  if (five) {
    add('start at 5,000, median ms', five.start.median, 1.5 * floor.start.median, '≤ 1.5 × minimal Ink');
  }
  for (const size of [5000, 50000]) {
    const result = at(size);
    if (!result) continue;
    for (const [kind, words] of KEY_KINDS) {
      add(`${words} at ${size.toLocaleString('en')}, p95 ms`, result[kind].p95, 1.5 * floor.type.p95, '≤ 1.5 × minimal Ink');
      if (ten) add(`${words} at ${size.toLocaleString('en')}, p95 ms`, result[kind].p95, 1.2 * ten[kind].p95, '≤ 1.2 × ours at 10');
    }
  }
  if (five) {
    add('save at 5,000, median ms', five.save.median, 3 * five.saveFloor.median, '≤ 3 × writeFile');
    add('peak memory at 5,000, MB', five.peakMemory / MB, 150, '≤ 150 MB');
  }
  // Issue 20's further targets.
  const fifty = at(50000);
  if (fifty) {
    add('save at 50,000, median ms', fifty.save.median, 3 * fifty.saveFloor.median, '≤ 3 × writeFile');
    add('peak memory at 50,000, MB', fifty.peakMemory / MB, 400, '≤ 400 MB');
  }
  if (five?.server?.start !== undefined) add('tpa serve start at 5,000, median ms', five.server.start, 500, '≤ 500 ms');
  for (const size of [5000, 50000]) {
    const server = at(size)?.server;
    if (server && floor.server) {
      add(
        `introspection at ${size.toLocaleString('en')}, requests/s`,
        server.requestsPerSecond,
        0.6 * floor.server.requestsPerSecond,
        '≥ 0.6 × bare node:http',
        true,
      );
    }
  }
  return targets;
};

const cell = (value: number | undefined): string => (value === undefined || Number.isNaN(value) ? '–' : round(value).toLocaleString('en'));
const pair = (summary: Summary | undefined): string => (summary ? `${cell(summary.median)} / ${cell(summary.p95)}` : '–');

/** The figures (median / p95 in ms unless said), then the targets: Markdown, for the terminal and the README. */
export const formatTable = (results: Results): string => {
  const {floor, sizes} = results;
  const header = `| figure | floor | ${sizes.map(size => size.size.toLocaleString('en')).join(' | ')} |`;
  const rule = `|---|---:|${sizes.map(() => '---:').join('|')}|`;
  const row = (label: string, floorCell: string, each: (size: SizeResult) => string) =>
    `| ${label} | ${floorCell} | ${sizes.map(each).join(' | ')} |`;
  const figures = [
    header,
    rule,
    row('start, median / p95 ms', pair(floor.start), size => pair(size.start)),
    row('typing in the name field, median / p95 ms', pair(floor.type), size => pair(size.type)),
    row('moving in the list, median / p95 ms', pair(floor.type), size => pair(size.list)),
    row('moving in the grid, median / p95 ms', pair(floor.type), size => pair(size.grid)),
    row('save (Ctrl+S to "Saved"), median / p95 ms', 'writeFile →', size => `${pair(size.save)} (floor ${pair(size.saveFloor)})`),
    row('peak memory (VmHWM), MB', '', size => cell(size.peakMemory / MB)),
    row('data file, MB', '', size => cell(size.bytes / MB)),
    row('introspection, requests/s', cell(floor.server?.requestsPerSecond), size => cell(size.server?.requestsPerSecond)),
    row(
      'introspection latency, median / p99 ms',
      floor.server ? `${cell(floor.server.latencyMedian)} / ${cell(floor.server.latencyP99)}` : '–',
      size => (size.server ? `${cell(size.server.latencyMedian)} / ${cell(size.server.latencyP99)}` : '–'),
    ),
    row('server start (spawn to listening), median ms', cell(floor.server?.start), size => cell(size.server?.start)),
  ];
  const targets =
    results.targets.length === 0
      ? ['(the targets are at 5,000 and 50,000 third parties)']
      : [
          '| target | figure | limit | result |',
          '|---|---:|---:|---|',
          ...results.targets.map(
            target =>
              `| ${target.figure} ${target.target} | ${cell(target.value)} | ${cell(target.limit)} | ${target.met ? 'met' : '**missed**'} |`,
          ),
        ];
  const load = `Node ${results.node}, ${results.cpus} CPUs, load average ${results.load.before.toFixed(2)} before and ${results.load.after.toFixed(2)} after; ${results.date}.`;
  return [figures.join('\n'), '', targets.join('\n'), '', load].join('\n');
};
