/**
 * Copying to the clipboard of the admin's own terminal with OSC 52 (ESC ] 52 ; c ; base64 BEL):
 * it travels with the output, so it works over SSH. Inside tmux it needs `set -g set-clipboard on`.
 */

/**
 * The longest sequence common terminals take: hterm and others stop at 100,000 bytes, and
 * tools such as tmux-yank cut there too. Longer is refused here, never cut.
 */
export const OSC52_MAX_BYTES = 100_000;

export type Osc52 = {readonly ok: true; readonly sequence: string} | {readonly ok: false; readonly bytes: number};

export const osc52 = (text: string): Osc52 => {
  const sequence = `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
  return sequence.length <= OSC52_MAX_BYTES ? {ok: true, sequence} : {ok: false, bytes: sequence.length};
};
