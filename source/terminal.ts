/**
 * The terminal around the console: the alternate screen (Ink 6 has no option for it) and
 * bracketed paste, entered at start and left on every exit path, a crash included.
 */
import {writeSync} from 'node:fs';
import {DISABLE_BRACKETED_PASTE, ENABLE_BRACKETED_PASTE} from './ui/keys/keys.js';

// Cleared too: GNU screen ignores the alternate screen (unless `altscreen on`), and Ink draws only
// where its frame has text, so the shell's last lines would show through.
const ENTER_ALTERNATE_SCREEN = '\u001B[?1049h\u001B[H\u001B[2J';
const LEAVE_ALTERNATE_SCREEN = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';

let entered = false;

/** Whether the console is on the alternate screen now: the only place a secret may be written to the terminal. */
export const isFullScreen = (): boolean => entered;

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
