/**
 * A program in a pseudo-terminal at 80×24 with an emulated screen, timed: when did the screen
 * first show something. Like test/helpers/pty-console.ts, but every chunk of output is checked
 * the moment xterm has parsed it (its write callback), so a time is that of the chunk that made
 * the screen right, not of a polling interval.
 */
import {readFileSync} from 'node:fs';
import {performance} from 'node:perf_hooks';
import pty from '@lydell/node-pty';
import xterm from '@xterm/headless';

export const COLUMNS = 80;
export const ROWS = 24;

export type ScreenTest = (lines: readonly string[]) => boolean;

interface Waiter {
  readonly test: ScreenTest;
  readonly resolve: (at: number) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export class TimedTerminal {
  /** performance.now() just before the process was spawned. */
  readonly spawnedAt: number;
  readonly pid: number;
  readonly exited: Promise<number>;
  private exitCode: number | undefined;
  private readonly terminal: xterm.Terminal;
  private readonly process: pty.IPty;
  private waiters: Waiter[] = [];
  private parsing: Promise<void> = Promise.resolve();

  constructor(file: string, args: readonly string[], options: {cwd: string; env?: Record<string, string>}) {
    this.terminal = new xterm.Terminal({cols: COLUMNS, rows: ROWS, allowProposedApi: true});
    this.spawnedAt = performance.now();
    this.process = pty.spawn(file, [...args], {
      name: 'xterm-256color',
      cols: COLUMNS,
      rows: ROWS,
      cwd: options.cwd,
      // Ink draws only the last frame when it sees any CI variable: the program under test must not.
      env: {...process.env, CI: 'false', TERM: 'xterm-256color', NO_COLOR: '', ...options.env} as Record<string, string>,
    });
    this.pid = this.process.pid;
    this.process.onData(data => {
      this.parsing = this.parsing.then(
        () =>
          new Promise<void>(resolve =>
            this.terminal.write(data, () => {
              this.check(performance.now());
              resolve();
            }),
          ),
      );
    });
    this.exited = new Promise(resolve =>
      this.process.onExit(({exitCode}) => {
        this.exitCode = exitCode;
        for (const waiter of this.waiters) {
          clearTimeout(waiter.timer);
          waiter.reject(new Error(`the program exited (${exitCode}); the screen was:\n${this.lines().join('\n')}`));
        }
        this.waiters = [];
        resolve(exitCode);
      }),
    );
  }

  /** The visible screen, one string per row, trailing spaces removed. */
  lines(): string[] {
    const buffer = this.terminal.buffer.active;
    const lines: string[] = [];
    for (let row = 0; row < ROWS; row++) lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
    return lines;
  }

  /** Resolves with the time at which the screen first passed the test (at once when it does now). */
  async when(test: ScreenTest, timeout = 60_000): Promise<number> {
    await this.parsing;
    if (test(this.lines())) return performance.now();
    if (this.exitCode !== undefined) throw new Error(`the program exited (${this.exitCode}); the screen was:\n${this.lines().join('\n')}`);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        test,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter(other => other !== waiter);
          reject(new Error(`timed out after ${timeout} ms; the screen was:\n${this.lines().join('\n')}`));
        }, timeout),
      };
      this.waiters.push(waiter);
    });
  }

  /** Writes a key; resolves with the time from the write to the screen passing the test. */
  async press(key: string, effect: ScreenTest, timeout?: number): Promise<number> {
    await this.parsing;
    if (effect(this.lines())) throw new Error(`the screen shows the effect before the key was pressed:\n${this.lines().join('\n')}`);
    const started = performance.now();
    const shown = this.when(effect, timeout);
    this.process.write(key);
    return (await shown) - started;
  }

  /** Peak resident memory of the program so far, in bytes (Linux: VmHWM). */
  peakMemory(): number | undefined {
    try {
      const kilobytes = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'))?.[1];
      return kilobytes === undefined ? undefined : Number(kilobytes) * 1024;
    } catch {
      return undefined;
    }
  }

  write(key: string): void {
    this.process.write(key);
  }

  kill(signal = 'SIGKILL'): void {
    if (this.exitCode === undefined) this.process.kill(signal);
  }

  private check(at: number): void {
    if (this.waiters.length === 0) return;
    const lines = this.lines();
    this.waiters = this.waiters.filter(waiter => {
      if (!waiter.test(lines)) return true;
      clearTimeout(waiter.timer);
      waiter.resolve(at);
      return false;
    });
  }
}
