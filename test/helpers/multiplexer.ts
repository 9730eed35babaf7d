/**
 * GNU screen and tmux as the terminal between tpa and the emulated one, as admins run it: each
 * with no user configuration, on a socket of its own in a temporary folder, so that a test
 * never meets someone's session and can end its own.
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

export type Multiplexer = 'screen' | 'tmux';

export interface Wrapped {
  readonly file: string;
  readonly args: string[];
  /** Variables to set, and (undefined) to remove: a test run inside tmux or screen must not look nested. */
  readonly env: Record<string, string | undefined>;
  /** Ends the session and its server, whatever state the test left them in. */
  stop(): void;
}

/** Whether the multiplexer is installed (`.ci/run` installs both). */
export const installed = (multiplexer: Multiplexer): boolean => {
  try {
    execFileSync(multiplexer, multiplexer === 'screen' ? ['-v'] : ['-V'], {stdio: 'ignore'});
    return true;
  } catch (error) {
    // screen -v exits 1 after printing its version.
    return (error as {status?: number}).status === 1;
  }
};

/** The command line that runs `command` inside the multiplexer, filling the whole terminal. */
export const wrapIn = (multiplexer: Multiplexer, command: string[]): Wrapped => {
  const folder = mkdtempSync(path.join(tmpdir(), `tpa-${multiplexer}-`));
  const quietly = (file: string, args: string[]) => {
    try {
      execFileSync(file, args, {stdio: 'ignore', timeout: 5_000, env: {...process.env, SCREENDIR: folder}});
    } catch {
      // Already ended with the program.
    }
  };
  if (multiplexer === 'screen') {
    const rc = path.join(folder, 'screenrc');
    writeFileSync(rc, '');
    const session = `tpa-test-${process.pid}-${path.basename(folder)}`;
    return {
      file: 'screen',
      // -q: no start-up message; no hardstatus line by default, so the program gets all 24 rows.
      args: ['-q', '-c', rc, '-S', session, ...command],
      // screen keeps its sockets in SCREENDIR (mode 0700).
      env: {SCREENDIR: folder, STY: undefined, TMUX: undefined},
      stop: () => quietly('screen', ['-S', session, '-X', 'quit']),
    };
  }
  const socket = path.join(folder, 'socket');
  return {
    file: 'tmux',
    // The status line off: tpa gets all 24 rows, as in screen.
    args: ['-S', socket, '-f', '/dev/null', 'new-session', ...command, ';', 'set-option', 'status', 'off'],
    env: {STY: undefined, TMUX: undefined},
    stop: () => quietly('tmux', ['-S', socket, 'kill-server']),
  };
};
