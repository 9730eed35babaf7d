/**
 * One run of a program in the timed terminal, as an admin would use it: start, type in the name
 * field, move in the list and in the token grid, save. Every key waits for its effect on the
 * emulated screen; keys are paced like fast typing (PACE_MS after the previous key showed), so
 * that what is timed is the program's answer to one key, not Ink's frame throttle (34 ms at
 * Ink's default 30 fps; the console sets 120).
 */
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {fileURLToPath} from 'node:url';
import {TimedTerminal, type ScreenTest} from './timed-terminal.js';

export const REPOSITORY = fileURLToPath(new URL('..', import.meta.url));
export const CLI = path.join(REPOSITORY, 'dist', 'cli.js');
/** bench/minimal-ink.js as bundled by `npm run build` (scripts/bundle.mjs), with Ink's changes as in the console. */
export const MINIMAL_INK = path.join(REPOSITORY, 'dist', 'minimal-ink.js');

/** Longer than Ink's render throttle at its default 30 fps (34 ms; the console's 120 fps: 9 ms): a key never waits for the previous frame's window. */
export const PACE_MS = 60;

export const KEYS = {tab: '\t', shiftTab: '\u001B[Z', up: '\u001B[A', down: '\u001B[B', backspace: '\u007F', save: '\u0013'} as const;

/** The list pane takes the first 22 columns; the form the rest. */
const LIST_COLUMNS = 22;

const nameRow = (lines: readonly string[]) => lines.find(line => line.includes('Third Party Name')) ?? '';
export const firstFrameOf =
  (firstName: string): ScreenTest =>
  lines =>
    /F1 (help|more)/.test(lines[22] ?? '') && nameRow(lines) !== '' && lines.some(line => line.slice(0, LIST_COLUMNS).includes(firstName));
export const listCursorOn =
  (name: string): ScreenTest =>
  lines =>
    lines.some(line => line.slice(0, LIST_COLUMNS).startsWith(`│› ${name} `));
const nameFieldShows =
  (text: string, focused = true): ScreenTest =>
  lines =>
    nameRow(lines).includes(`${focused ? '›' : ' '} Third Party Name  ${text} `);
/**
 * Whether a line shows this token as the grid draws it: shortened to the width it has (the
 * prefix, at least two characters of its start, "…", at least three of its end).
 */
export const showsToken = (line: string, token: string): boolean => {
  const prefix = token.slice(0, token.indexOf('_') + 1);
  return line.includes(token.slice(0, prefix.length + 2)) && line.includes(token.slice(-3));
};
const gridCursorOn =
  (token: string): ScreenTest =>
  lines =>
    lines.some(line => line.slice(LIST_COLUMNS).startsWith('│› ') && showsToken(line.slice(LIST_COLUMNS), token));
const headerShows =
  (text: string): ScreenTest =>
  lines =>
    (lines[0] ?? '').includes(text);

export interface ConsoleTimes {
  start: number;
  type: number[];
  list: number[];
  grid: number[];
  save: number[];
  /** Bytes, at the end of the run. */
  peakMemory: number | undefined;
}

export interface ConsoleData {
  readonly file: string;
  /** Names in the list's order. */
  readonly names: readonly string[];
  /** The tokens of the first few third parties in the list (the form follows the list cursor), in grid order. */
  readonly gridTokens: readonly (readonly string[])[];
}

/** Spawns the console and waits for its first complete frame; the time is from spawn. */
export const startConsole = async (data: ConsoleData): Promise<{terminal: TimedTerminal; start: number}> => {
  const terminal = new TimedTerminal(process.execPath, [CLI, '--data', data.file], {cwd: path.dirname(data.file)});
  const shown = await terminal.when(firstFrameOf(data.names[0]!));
  return {terminal, start: shown - terminal.spawnedAt};
};

/** Positions 0, 1, … span, span − 1, … 0, 1, …: a cursor moving down and up again. */
export const bounce = (step: number, span: number): number => {
  if (span === 0) return 0;
  const phase = step % (2 * span);
  return phase <= span ? phase : 2 * span - phase;
};

export interface ConsoleCounts {
  /** Measured presses of each kind of key (typing, list, grid). */
  readonly keys: number;
  readonly saves: number;
}

export const runConsole = async (data: ConsoleData, counts: ConsoleCounts): Promise<ConsoleTimes> => {
  const {terminal, start} = await startConsole(data);
  try {
    const times: ConsoleTimes = {start, type: [], list: [], grid: [], save: [], peakMemory: undefined};
    const press = async (key: string, effect: ScreenTest, into: number[]) => {
      await sleep(PACE_MS);
      into.push(await terminal.press(key, effect));
    };
    const settle = async (key: string, effect: ScreenTest) => {
      await sleep(PACE_MS);
      await terminal.press(key, effect);
    };

    // The list has the focus at start. Far enough down to scroll past the first screen.
    const listSpan = Math.min(data.names.length - 1, 30);
    for (let step = 1; step <= counts.keys && listSpan > 0; step++) {
      await press(
        KEYS[bounce(step, listSpan) > bounce(step - 1, listSpan) ? 'down' : 'up'],
        listCursorOn(data.names[bounce(step, listSpan)]!),
        times.list,
      );
    }

    // Tab to the open record's name: the form follows the list cursor, so it is the one the moves ended on.
    const opened = listSpan > 0 ? bounce(counts.keys, listSpan) : 0;
    const name = data.names[opened]!;
    const gridTokens = data.gridTokens[opened]!;
    await settle(KEYS.tab, nameFieldShows(name));
    for (let step = 1; step <= counts.keys; step++) {
      const typed = step % 2 === 1;
      await press(typed ? 'x' : KEYS.backspace, nameFieldShows(typed ? `${name}x` : name), times.type);
    }

    // Tab past the Add OAuth Token button to the grid.
    const gridSpan = gridTokens.length - 1;
    await settle(KEYS.tab, lines => lines.some(line => line.includes('›') && line.includes('[ Add OAuth Token ]')));
    await settle(KEYS.tab, gridCursorOn(gridTokens[0]!));
    for (let step = 1; step <= counts.keys && gridSpan > 0; step++) {
      await press(
        KEYS[bounce(step, gridSpan) > bounce(step - 1, gridSpan) ? 'down' : 'up'],
        gridCursorOn(gridTokens[bounce(step, gridSpan)]!),
        times.grid,
      );
    }

    // Back to the name; each save follows a change (x added, then taken away again).
    await settle(KEYS.shiftTab, lines => lines.some(line => line.includes('›') && line.includes('[ Add OAuth Token ]')));
    await settle(KEYS.shiftTab, nameFieldShows(name));
    for (let step = 1; step <= counts.saves; step++) {
      const typed = step % 2 === 1;
      await settle(
        typed ? 'x' : KEYS.backspace,
        lines => nameFieldShows(typed ? `${name}x` : name)(lines) && headerShows('● modified')(lines),
      );
      await press(KEYS.save, headerShows('Saved '), times.save);
    }
    times.peakMemory = terminal.peakMemory();
    return times;
  } finally {
    terminal.kill();
    await terminal.exited;
  }
};

export interface FloorTimes {
  start: number;
  type: number[];
}

const FLOOR_TEXT = 'Acme 00000';
const floorFieldShows =
  (text: string): ScreenTest =>
  lines =>
    lines.some(line => line === `Name  ${text}`);

export const startMinimalInk = async (cwd: string): Promise<{terminal: TimedTerminal; start: number}> => {
  const terminal = new TimedTerminal(process.execPath, [MINIMAL_INK, FLOOR_TEXT], {cwd});
  const shown = await terminal.when(floorFieldShows(FLOOR_TEXT));
  return {terminal, start: shown - terminal.spawnedAt};
};

/** The minimal Ink program: start, then the same typing as in the console's name field. */
export const runMinimalInk = async (cwd: string, keys: number): Promise<FloorTimes> => {
  const {terminal, start} = await startMinimalInk(cwd);
  try {
    const times: FloorTimes = {start, type: []};
    for (let step = 1; step <= keys; step++) {
      const typed = step % 2 === 1;
      await sleep(PACE_MS);
      times.type.push(await terminal.press(typed ? 'x' : KEYS.backspace, floorFieldShows(typed ? `${FLOOR_TEXT}x` : FLOOR_TEXT)));
    }
    return times;
  } finally {
    terminal.kill();
    await terminal.exited;
  }
};
