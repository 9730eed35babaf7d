/**
 * Copying to the clipboard of the admin's own terminal with OSC 52 (ESC ] 52 ; c ; base64 BEL):
 * it travels with the output, so it works over SSH. Between tpa and the terminal a multiplexer
 * decides what passes (ARCHITECTURE.md, Pitfalls):
 * - GNU screen does not know OSC 52: it keeps at most 767 bytes of a string sequence and prints
 *   the rest as text, so the sheet, secret included, would show as base64. Inside screen the
 *   sequence goes in screen's passthrough (DCS: ESC P … ESC \), which screen hands to the
 *   terminal as it is, in pieces under that limit (checked with screen 4.9).
 * - tmux takes OSC 52 itself: with `set-clipboard on` it passes it to the terminal; with its
 *   default (`external`) it drops it. Nothing shows either way.
 */

/**
 * The longest sequence common terminals take: hterm and others stop at 100,000 bytes, and
 * tools such as tmux-yank cut there too. Longer is refused here, never cut.
 */
export const OSC52_MAX_BYTES = 100_000;

/** GNU screen keeps a string sequence of at most 767 bytes (MAXSTR 768 in its ansi.c); each piece stays well under it. */
export const SCREEN_PIECE_BYTES = 512;

export type Multiplexer = 'screen' | 'tmux';

/**
 * Which multiplexer the console runs in, from what each sets for its programs. STY wins: a DCS
 * that reaches tmux is dropped unseen, while a bare OSC 52 that reaches screen shows.
 */
export const multiplexerOf = (env: Readonly<Record<string, string | undefined>>): Multiplexer | undefined => {
  const term = env['TERM'] ?? '';
  if (env['STY']) return 'screen';
  if (env['TMUX'] || term.startsWith('tmux')) return 'tmux';
  if (term.startsWith('screen')) return 'screen';
  return undefined;
};

export type Osc52 = {readonly ok: true; readonly sequence: string} | {readonly ok: false; readonly bytes: number};

export const osc52 = (text: string): Osc52 => {
  const sequence = `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
  return sequence.length <= OSC52_MAX_BYTES ? {ok: true, sequence} : {ok: false, bytes: sequence.length};
};

/** The sequence in GNU screen's passthrough, in pieces: screen writes each piece's bytes to the terminal as they are. */
export const inScreenPassthrough = (sequence: string): string => {
  let wrapped = '';
  for (let at = 0; at < sequence.length; at += SCREEN_PIECE_BYTES)
    wrapped += `\u001BP${sequence.slice(at, at + SCREEN_PIECE_BYTES)}\u001B\\`;
  return wrapped;
};

/** What to write to copy the text, for the terminal the console runs in: the one decision of what reaches the terminal. */
export const clipboardSequence = (text: string, multiplexer: Multiplexer | undefined): Osc52 => {
  const plain = osc52(text);
  if (!plain.ok || multiplexer !== 'screen') return plain;
  return {ok: true, sequence: inScreenPassthrough(plain.sequence)};
};

/** What a copy did, for the message. */
export type ClipboardCopy =
  | {readonly kind: 'sent'; readonly through: Multiplexer | undefined}
  | {readonly kind: 'tooLong'; readonly bytes: number}
  | {readonly kind: 'notFullScreen'};

/** The message after C, true in each terminal: what was sent where, and how to check it. */
export const copyMessage = (copy: ClipboardCopy): {readonly text: string; readonly copied: boolean} => {
  switch (copy.kind) {
    case 'tooLong':
      return {
        text: `Not copied: that needs ${copy.bytes.toLocaleString('en')} bytes of OSC 52, more than terminals take (${OSC52_MAX_BYTES.toLocaleString('en')}). Write it to a file (W).`,
        copied: false,
      };
    case 'notFullScreen':
      return {text: 'Not copied: the console is not on its own screen, where nothing shows. Write it to a file (W).', copied: false};
    case 'sent':
      if (copy.through === 'tmux')
        return {
          text: "Sent to tmux as OSC 52: it reaches your terminal's clipboard only with set -g set-clipboard on in ~/.tmux.conf (tmux's default drops it). Paste it to check, or write it to a file (W).",
          copied: true,
        };
      return {
        text:
          copy.through === 'screen'
            ? "Copied through GNU screen to your terminal's clipboard (OSC 52); paste it to check: a terminal that refuses OSC 52 leaves it empty (then W)."
            : "Copied to your terminal's clipboard (OSC 52); paste it to check: a terminal that refuses OSC 52 leaves it empty (then W).",
        copied: true,
      };
  }
};

/**
 * Copies through `write` (the terminal): nothing is written unless the console is on the
 * alternate screen (a secret never lands in the shell's scrollback) and the sequence fits.
 */
export const copyToTerminal = (
  write: (sequence: string) => void,
  text: string,
  terminal: {readonly multiplexer: Multiplexer | undefined; readonly fullScreen: boolean},
): ClipboardCopy => {
  if (!terminal.fullScreen) return {kind: 'notFullScreen'};
  const copy = clipboardSequence(text, terminal.multiplexer);
  if (!copy.ok) return {kind: 'tooLong', bytes: copy.bytes};
  write(copy.sequence);
  return {kind: 'sent', through: terminal.multiplexer};
};
