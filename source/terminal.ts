/**
 * The terminal around the console: the alternate screen (Ink 6 has no option for it) and
 * bracketed paste, entered at start and left on every exit path, a crash included.
 */
import {writeSync} from 'node:fs';
import {DISABLE_BRACKETED_PASTE, ENABLE_BRACKETED_PASTE} from './ui/keys/keys.js';

const ENTER_ALTERNATE_SCREEN = '\u001B[?1049h\u001B[H';
const LEAVE_ALTERNATE_SCREEN = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';

let entered = false;

/** Synchronous, so that it still works from an 'exit' handler. */
export const leaveFullScreen = (): void => {
  if (!entered) return;
  entered = false;
  try {
    writeSync(1, DISABLE_BRACKETED_PASTE + SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
  } catch {
    // The terminal is gone (SSH dropped): nothing left to restore.
  }
};

export const enterFullScreen = (): void => {
  entered = true;
  process.once('exit', leaveFullScreen);
  writeSync(1, ENTER_ALTERNATE_SCREEN + ENABLE_BRACKETED_PASTE);
};

/** Why the console cannot run on this terminal, or undefined when it can. */
export const terminalProblem = (env: NodeJS.ProcessEnv, stdinIsTty: boolean, stdoutIsTty: boolean): string | undefined => {
  if (!stdinIsTty || !stdoutIsTty) return 'tpa is a full-screen console: run it in a terminal (stdin and stdout must be a TTY).';
  if (env['TERM'] === 'dumb') return 'TERM=dumb cannot draw the console; use a terminal such as xterm, screen or tmux.';
  return undefined;
};
