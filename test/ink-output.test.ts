/**
 * Ink's frame builder as installed (scripts/ink-output.js, put in place at install) draws exactly
 * what Ink 6.8's own builds: same characters, same ANSI codes, frame after frame.
 */
import {styledCharsFromTokens, styledCharsToString, tokenize, type StyledChar} from '@alcalzone/ansi-tokenize';
import test from 'ava';
import Output from '../node_modules/ink/build/output.js';
// @ts-expect-error: a plain .mjs script without types; it exports one function.
import {missingInkChanges} from '../scripts/patch-ink.mjs';

const WIDTH = 24;
const HEIGHT = 3;
const ESC = '\u001B';

const LINES = [
  'plain text',
  `${ESC}[1mbold${ESC}[22m and ${ESC}[31mred${ESC}[39m`,
  `${ESC}[4m${ESC}[36munderlined cyan${ESC}[39m${ESC}[24m`,
  `${ESC}[32mgreen to the end`,
  `${ESC}[1m${ESC}[2mbold dim${ESC}[22m plain`,
  '名前 wide',
  `${ESC}[33m👍🏽 e\u0301${ESC}[39m`,
  '',
];

type Write = readonly [x: number, y: number, text: string];

/** Ink 6.8's own way: a fresh row of blank cells, the tokenized text placed in it, then styledCharsToString. */
const inkOriginal = (writes: readonly Write[]): string => {
  const rows: StyledChar[][] = Array.from({length: HEIGHT}, () =>
    Array.from({length: WIDTH}, () => ({type: 'char', value: ' ', fullWidth: false, styles: []})),
  );
  for (const [x, y, text] of writes) {
    let column = x;
    for (const character of styledCharsFromTokens(tokenize(text))) {
      rows[y]![column] = character;
      const width = character.fullWidth ? 2 : 1;
      for (let cell = 1; cell < width; cell++)
        rows[y]![column + cell] = {type: 'char', value: '', fullWidth: false, styles: character.styles};
      column += width;
    }
  }
  return rows.map(row => styledCharsToString(row.filter(Boolean)).trimEnd()).join('\n');
};

const installed = (writes: readonly Write[]): string => {
  const output = new Output({width: WIDTH, height: HEIGHT});
  for (const [x, y, text] of writes) output.write(x, y, text, {transformers: []});
  return output.get().output;
};

test('the installed Ink has every change of scripts/patch-ink.mjs', t => {
  t.deepEqual(missingInkChanges(), []);
});

test('each styled line is drawn with the same characters and ANSI codes as Ink 6.8 draws it', t => {
  for (const line of LINES) {
    for (const x of [0, 3]) {
      const writes: Write[] = [[x, 1, line]];
      t.is(installed(writes), inkOriginal(writes), JSON.stringify(line));
    }
  }
});

test('frame after frame, lines kept from the previous frame and new ones draw as a fresh frame would', t => {
  const frames: Write[][] = [
    [
      [0, 0, LINES[1]!],
      [2, 1, LINES[2]!],
    ],
    [
      [0, 0, LINES[1]!],
      [2, 1, LINES[3]!],
    ],
    [
      [0, 0, LINES[5]!],
      [2, 1, LINES[3]!],
      [0, 2, LINES[6]!],
    ],
    [[0, 0, LINES[1]!]],
    [
      [1, 0, LINES[1]!],
      [0, 2, LINES[4]!],
    ],
  ];
  for (const writes of frames) t.is(installed(writes), inkOriginal(writes));
});
