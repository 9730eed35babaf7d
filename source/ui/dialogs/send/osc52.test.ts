import test from 'ava';
import fc from 'fast-check';
import {
  clipboardSequence,
  copyMessage,
  copyToTerminal,
  inScreenPassthrough,
  multiplexerOf,
  osc52,
  OSC52_MAX_BYTES,
  SCREEN_PIECE_BYTES,
} from './osc52.js';

test('OSC 52 is ESC ] 52 ; c ; base64 BEL', t => {
  t.deepEqual(osc52('hello'), {ok: true, sequence: '\u001B]52;c;aGVsbG8=\u0007'});
  t.deepEqual(osc52('é'), {ok: true, sequence: '\u001B]52;c;w6k=\u0007'});
});

test('OSC 52 that common terminals would drop is refused with its size, never cut', t => {
  const justFits = 'x'.repeat(Math.floor((OSC52_MAX_BYTES - 8) / 4) * 3);
  const fits = osc52(justFits);
  t.true(fits.ok);
  if (fits.ok) t.true(fits.sequence.length <= OSC52_MAX_BYTES);
  const tooLong = osc52('x'.repeat(75_000));
  t.deepEqual(tooLong, {ok: false, bytes: 100_008});
  t.deepEqual(clipboardSequence('x'.repeat(75_000), 'screen'), {ok: false, bytes: 100_008});
});

test('the multiplexer from what each sets: STY wins (a DCS is harmless in tmux, a bare OSC 52 shows in screen)', t => {
  t.is(multiplexerOf({TERM: 'xterm-256color'}), undefined);
  t.is(multiplexerOf({TERM: 'screen.xterm-256color', STY: '123.pts-0.host'}), 'screen');
  t.is(multiplexerOf({TERM: 'screen'}), 'screen');
  t.is(multiplexerOf({TERM: 'screen-256color', TMUX: '/tmp/tmux-0/default,1,0'}), 'tmux');
  t.is(multiplexerOf({TERM: 'tmux-256color'}), 'tmux');
  t.is(multiplexerOf({TERM: 'screen', TMUX: '/tmp/tmux-0/default,1,0', STY: '1.x'}), 'screen');
});

/**
 * GNU screen 4.9 as its ansi.c reads output (checked against the real one in terminals.e2e): a
 * string sequence keeps at most 767 bytes, the rest is printed; DCS content goes to the terminal
 * as it is, ESC ESC being one ESC. Returns what reaches the terminal and what shows as text.
 */
const throughScreen = (output: string): {terminal: string; shown: string} => {
  let terminal = '';
  let shown = '';
  let at = 0;
  while (at < output.length) {
    if (output.startsWith('\u001BP', at)) {
      let content = '';
      at += 2;
      for (;;) {
        if (at >= output.length) return {terminal, shown: shown + content};
        if (output[at] === '\u001B' && output[at + 1] === '\\') {
          at += 2;
          break;
        }
        if (output[at] === '\u001B' && output[at + 1] === '\u001B') at++;
        content += output[at++];
        if (content.length > 767) return {terminal, shown: shown + output.slice(at)};
      }
      terminal += content;
    } else if (output.startsWith('\u001B]', at)) {
      // screen does not know OSC 52: it swallows a short one and prints the rest of a long one.
      const end = output.indexOf('\u0007', at);
      const body = output.slice(at + 2, end);
      if (body.length > 767) shown += body.slice(767);
      at = end + 1;
    } else shown += output[at++];
  }
  return {terminal, shown};
};

test('inside GNU screen the sequence reaches the terminal whole and nothing of it shows, whatever the text', t => {
  fc.assert(
    fc.property(fc.string({unit: 'binary', maxLength: 6_000}), text => {
      const copy = clipboardSequence(text, 'screen');
      if (!copy.ok) return;
      const plain = osc52(text);
      const {terminal, shown} = throughScreen(copy.sequence);
      t.is(shown, '');
      t.is(terminal, plain.ok ? plain.sequence : '');
    }),
  );
  // The bare sequence of a sheet-sized text would show: the reason for the passthrough.
  const plain = osc52('x'.repeat(2_000));
  if (plain.ok) t.not(throughScreen(plain.sequence).shown, '');
});

test('each passthrough piece stays under screen’s limit and holds no string terminator', t => {
  const sequence = osc52('y'.repeat(10_000));
  if (!sequence.ok) return t.fail();
  const pieces = inScreenPassthrough(sequence.sequence).split('\u001B\\').filter(Boolean);
  t.true(pieces.length > 1);
  for (const piece of pieces) {
    t.true(piece.startsWith('\u001BP'));
    t.true(piece.length - 2 <= SCREEN_PIECE_BYTES);
  }
});

test('nothing is written off the alternate screen or too long; the message says what happened, per terminal', t => {
  const written: string[] = [];
  const write = (sequence: string) => written.push(sequence);
  t.deepEqual(copyToTerminal(write, 'sheet', {multiplexer: undefined, fullScreen: false}), {kind: 'notFullScreen'});
  t.deepEqual(copyToTerminal(write, 'x'.repeat(75_000), {multiplexer: undefined, fullScreen: true}), {kind: 'tooLong', bytes: 100_008});
  t.deepEqual(written, []);
  t.deepEqual(copyToTerminal(write, 'sheet', {multiplexer: 'tmux', fullScreen: true}), {kind: 'sent', through: 'tmux'});
  t.deepEqual(written, ['\u001B]52;c;c2hlZXQ=\u0007']);
  t.regex(copyMessage({kind: 'sent', through: 'tmux'}).text, /only with set -g set-clipboard on/);
  t.regex(copyMessage({kind: 'sent', through: 'screen'}).text, /^Copied through GNU screen/);
  t.regex(copyMessage({kind: 'sent', through: undefined}).text, /^Copied to your terminal's clipboard \(OSC 52\)/);
  t.false(copyMessage({kind: 'notFullScreen'}).copied);
});
