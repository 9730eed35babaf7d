/**
 * The real program in a real pseudo-terminal, with the screen emulated by xterm: what a user
 * would see. Waits poll the emulated screen; nothing sleeps blindly.
 */
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import pty from '@lydell/node-pty';
import {Unicode11Addon} from '@xterm/addon-unicode11';
import xterm from '@xterm/headless';
import {wrapIn, type Multiplexer, type Wrapped} from './multiplexer.js';
import {synchronizedFeed} from './synchronized-output.js';

export const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = path.join(REPOSITORY, 'dist', 'cli.js');

export const KEYS = {
  tab: '\t',
  shiftTab: '\u001B[Z',
  enter: '\r',
  escape: '\u001B',
  space: ' ',
  up: '\u001B[A',
  down: '\u001B[B',
  left: '\u001B[D',
  right: '\u001B[C',
  backspace: '\u007F',
  delete: '\u001B[3~',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  home: '\u001B[H',
  end: '\u001B[F',
  f1: '\u001BOP',
  f2: '\u001BOQ',
  f5: '\u001B[15~',
  ctrl: (letter: string) => String.fromCharCode(letter.toLowerCase().charCodeAt(0) - 96),
  paste: (text: string) => `\u001B[200~${text}\u001B[201~`,
} as const;

export interface StartOptions {
  args?: string[];
  env?: Record<string, string>;
  cwd?: string;
  columns?: number;
  rows?: number;
  /**
   * Emoji two columns wide, as current xterm, tmux and screen draw them (xterm.js alone still
   * counts by Unicode 6). Off by default: it makes the emulator several times slower.
   */
  unicode11?: boolean;
  /** Runs the program inside GNU screen or tmux, which runs in the pseudo-terminal. */
  inside?: Multiplexer;
  /** Text on the terminal before the program starts, as a shell's prompt and command leave it. */
  printedBefore?: string;
}

const definedOnly = (variables: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(variables).filter((entry): entry is [string, string] => entry[1] !== undefined));

export class PtyConsole {
  readonly terminal: xterm.Terminal;
  /** Every byte the program wrote, to look for sequences such as OSC 52. */
  output = '';
  exitCode: number | undefined;
  readonly exited: Promise<number>;
  private readonly process: pty.IPty;
  private readonly wrapped: Wrapped | undefined;
  private pending: Promise<void> = Promise.resolve();

  private constructor(options: StartOptions) {
    const columns = options.columns ?? 80;
    const rows = options.rows ?? 24;
    this.terminal = new xterm.Terminal({cols: columns, rows, allowProposedApi: true});
    if (options.unicode11) {
      this.terminal.loadAddon(new Unicode11Addon());
      this.terminal.unicode.activeVersion = '11';
    }
    const program = [process.execPath, CLI, ...(options.args ?? [])];
    const command =
      options.printedBefore === undefined ? program : ['/bin/sh', '-c', 'printf "%s" "$0"; exec "$@"', options.printedBefore, ...program];
    this.wrapped = options.inside ? wrapIn(options.inside, command) : undefined;
    const [file, ...args] = this.wrapped ? [this.wrapped.file, ...this.wrapped.args] : command;
    this.process = pty.spawn(file!, args, {
      // node-pty sets TERM from this name.
      name: options.env?.['TERM'] ?? 'xterm-256color',
      cols: columns,
      rows,
      cwd: options.cwd ?? mkdtempSync(path.join(tmpdir(), 'tpa-test-')),
      // Ink draws only the last frame when it sees any CI variable: the program under test must not.
      env: definedOnly({
        ...process.env,
        CI: 'false',
        TERM: 'xterm-256color',
        NO_COLOR: '',
        TZ: process.env['TZ'] ?? 'UTC',
        ...this.wrapped?.env,
        ...options.env,
      }),
    });
    // The emulator shows a frame whole, as a terminal honouring synchronized output does.
    const show = synchronizedFeed(text => {
      this.pending = this.pending.then(() => new Promise<void>(resolve => this.terminal.write(text, resolve)));
    });
    this.process.onData(data => {
      this.output += data;
      show.feed(data);
    });
    this.exited = new Promise(resolve => {
      this.process.onExit(({exitCode}) => {
        this.exitCode = exitCode;
        show.flush();
        // What the program wrote before it ended may still be on its way into the emulator.
        void this.pending.then(() => resolve(exitCode));
      });
    });
  }

  /** The exit status; throws with the screen when the program is still running after the timeout. */
  async waitForExit(timeout = 10_000): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(async () => reject(new Error(`The program did not exit; the screen was:\n${await this.screen()}`)), timeout);
    });
    try {
      return await Promise.race([this.exited, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private static readonly running = new Set<PtyConsole>();

  static start(options: StartOptions = {}): PtyConsole {
    const started = new PtyConsole(options);
    PtyConsole.running.add(started);
    void started.exited.then(() => PtyConsole.running.delete(started));
    return started;
  }

  /** For `test.afterEach.always`: a failed test must not leave its program running. */
  static killAll(): void {
    for (const running of PtyConsole.running) running.kill('SIGKILL');
  }

  /** The visible screen, one string per row, trailing spaces removed. */
  async screen(): Promise<string> {
    await this.pending;
    const buffer = this.terminal.buffer.active;
    const lines: string[] = [];
    for (let row = 0; row < this.terminal.rows; row++) {
      lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
    }
    return lines.join('\n');
  }

  /** Polls the screen until it matches; throws with the last screen when it does not in time. */
  async waitFor(expected: string | RegExp | ((screen: string) => boolean), timeout = 15_000): Promise<string> {
    const matches = (screen: string) =>
      typeof expected === 'string' ? screen.includes(expected) : expected instanceof RegExp ? expected.test(screen) : expected(screen);
    const deadline = Date.now() + timeout;
    let screen = await this.screen();
    while (!matches(screen)) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${String(expected)}; the screen was:\n${screen}`);
      if (this.exitCode !== undefined)
        throw new Error(`The program exited (${this.exitCode}) while waiting for ${String(expected)}; the screen was:\n${screen}`);
      await new Promise(resolve => setTimeout(resolve, 20));
      screen = await this.screen();
    }
    return screen;
  }

  /** Writes keys one at a time, as a person types them. */
  write(...keys: string[]): void {
    for (const key of keys) this.process.write(key);
  }

  /** Types text and waits until the screen shows it (each key has arrived before the next step). */
  async type(text: string, shown: string | RegExp = text): Promise<void> {
    this.process.write(text);
    await this.waitFor(shown);
  }

  resize(columns: number, rows: number): void {
    this.process.resize(columns, rows);
    this.terminal.resize(columns, rows);
  }

  kill(signal = 'SIGTERM'): void {
    this.process.kill(signal);
    // screen and tmux keep a server process (and the program in it) beyond the client's end.
    this.wrapped?.stop();
  }

  /** Which of the terminal's modes are on now. */
  get modes() {
    return this.terminal.modes;
  }

  get bufferType(): string {
    return this.terminal.buffer.active.type;
  }

  /**
   * Polls until the emulator is on this screen buffer: the last bytes a program writes as it ends
   * (leaving the alternate screen) can reach the pty's reader after its exit is reported.
   */
  async waitForBuffer(type: 'normal' | 'alternate', timeout = 5_000): Promise<string> {
    const deadline = Date.now() + timeout;
    await this.pending;
    while (this.bufferType !== type && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 20));
      await this.pending;
    }
    return this.bufferType;
  }
}

const footerOf = (screen: string) => screen.trimEnd().split('\n').at(-1) ?? '';
/** The footer while the list has the focus (list/list-keys.ts). */
export const LIST_FOOTER = 'Enter open · ↑↓ j k move';

/** Shift+Tab until the list has the focus; each step waits for the footer to change. */
export const focusList = async (console: PtyConsole, timeout = 30_000): Promise<void> => {
  for (let step = 0; step < 8; step++) {
    const before = footerOf(await console.screen());
    if (before.includes(LIST_FOOTER)) return;
    console.write(KEYS.shiftTab);
    await console.waitFor(screen => footerOf(screen) !== before, timeout);
  }
  throw new Error('the list never got the focus');
};
