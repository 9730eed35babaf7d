/**
 * Ink's frame builder as loaded (scripts/ink-output.js, put in place of Ink's build/output.js by
 * the bundle's esbuild plugin and, in the tests, by scripts/ink-loader.mjs) draws exactly what
 * Ink 6.8's own builds: same characters, same ANSI codes, frame after frame. And the changes of
 * scripts/ink-changes.mjs apply to the Ink that `npm ci` installs, without changing it.
 */
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import test from 'ava';
import fc from 'fast-check';
import stringWidth from 'string-width';
import widestLine from 'widest-line';
import Output from '../node_modules/ink/build/output.js';
// @ts-expect-error: a plain .mjs script without types.
import {changeInkSource, InkChangeError, isOriginalOutput, lineWidth as lineWidthOf} from '../scripts/ink-changes.mjs';

const change = changeInkSource as (name: string, source: string) => string;
const isOriginal = isOriginalOutput as (text: string) => boolean;
const inkFile = (name: string) => fileURLToPath(new URL(`../node_modules/ink/build/${name}`, import.meta.url));
const OURS = fileURLToPath(new URL('../scripts/ink-output.js', import.meta.url));

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

type OutputClass = typeof Output;
/** Ink 6.8.0's own build/output.js, as on disk: the query keeps scripts/ink-loader.mjs from changing it. */
const {default: OriginalOutput} = (await import(`${new URL('../node_modules/ink/build/output.js', import.meta.url).href}?original`)) as {
  default: OutputClass;
};

const draw = (Builder: OutputClass, writes: readonly Write[]): string => {
  const output = new Builder({width: WIDTH, height: HEIGHT});
  for (const [x, y, text] of writes) output.write(x, y, text, {transformers: []});
  return output.get().output;
};
const installed = (writes: readonly Write[]) => draw(Output, writes);
const inkOriginal = (writes: readonly Write[]) => draw(OriginalOutput, writes);

test('node_modules holds Ink 6.8.0 as published: nothing rewrites it', t => {
  t.true(isOriginal(readFileSync(inkFile('output.js'), 'utf8')));
});

test("the tests load our frame builder in place of Ink's, as the bundle does", t => {
  t.not(Output, OriginalOutput);
  t.regex(Output.toString(), /previousCaches/);
  t.notRegex(OriginalOutput.toString(), /previousCaches/);
});

test('each change applies to the installed Ink 6.8.0 files', t => {
  const logUpdate = change('log-update.js', readFileSync(inkFile('log-update.js'), 'utf8'));
  t.regex(logUpdate, /previousVisible - 1 \+ \(previousOutput\.endsWith/);
  t.regex(logUpdate, /lineWidth\(nextLines\[i\], stringWidth\) < \(stream\.columns \|\| Infinity\) \? ansiEscapes\.eraseEndLine : ''/);
  const render = change('render-node-to-output.js', readFileSync(inkFile('render-node-to-output.js'), 'utf8'));
  t.regex(render, /const currentWidth = measureText\(text\)\.width;/);
  t.notRegex(render, /widestLine/);
  t.is(change('output.js', readFileSync(inkFile('output.js'), 'utf8')), readFileSync(OURS, 'utf8'));
  const measure = change('measure-text.js', readFileSync(inkFile('measure-text.js'), 'utf8'));
  t.regex(measure, /lineWidth\(line, stringWidth\)/);
  t.notRegex(measure, /widest-line/);
});

test("an Ink file that is not 6.8.0's text stops the change with InkChangeError, naming the file", t => {
  const logUpdate = readFileSync(inkFile('log-update.js'), 'utf8').replace('previousVisible - 1)', 'previousVisible - 2)');
  t.throws(() => change('log-update.js', logUpdate), {instanceOf: InkChangeError, message: /build\/log-update\.js is not Ink 6\.8\.0's/});
  const output = `${readFileSync(inkFile('output.js'), 'utf8')}\n`;
  t.throws(() => change('output.js', output), {instanceOf: InkChangeError, message: /build\/output\.js is not Ink 6\.8\.0's/});
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

test('the last column fix measures a line as string-width does, whatever it holds (plain, styled, wide, emoji, combining)', t => {
  const width = lineWidthOf as (line: string, measure: (text: string) => number) => number;
  const pieces = fc.oneof(
    fc.constantFrom(
      ...LINES,
      '│› Acme 00042      ● │',
      '─'.repeat(40),
      '┌ Third parties ─┐',
      'tpat_1Y3…11xJ [x]',
      '✗ ✓ ✔ ! • ‹ › ← → ◻ ◽ ◾ ▶ ● ○',
    ),
    fc.string({unit: 'grapheme'}),
    fc.string({unit: 'binary'}),
    fc.constantFrom(
      `${ESC}[1m`,
      `${ESC}[22m`,
      `${ESC}[38;5;196m`,
      `${ESC}[39m`,
      `${ESC}]8;;https://x${ESC}\\`,
      '\u00AD',
      '\u200B',
      '\u2028',
      'e\u0301',
      '🇫🇷',
      '👩‍💻',
      '東京',
      '\uFE0F',
    ),
  );
  fc.assert(
    fc.property(fc.array(pieces, {maxLength: 8}), parts => {
      const line = parts.join('');
      t.is(width(line, stringWidth), stringWidth(line), JSON.stringify(line));
    }),
    {numRuns: 2000},
  );
});

test('the text widths yoga asks for are those of widest-line, whatever the text holds (several lines, styles, wide characters)', async t => {
  // As the tests load it (scripts/ink-loader.mjs): changed, as in the bundle.
  const {default: measureText} = (await import(new URL('../node_modules/ink/build/measure-text.js', import.meta.url).href)) as {
    default: (text: string) => {width: number; height: number};
  };
  t.is(measureText('plain\n名前 wide\n').width, 9);
  const piece = fc.oneof(
    fc.constantFrom(...LINES, '\n', `${ESC}[36m›${ESC}[39m`, '│› Acme 00042 ●', '東京'),
    fc.string({unit: 'grapheme', maxLength: 6}),
  );
  fc.assert(
    fc.property(fc.array(piece, {maxLength: 8}), parts => {
      const text = parts.join('');
      t.is(measureText(text).width, widestLine(text), JSON.stringify(text));
    }),
    {numRuns: 1000},
  );
});

test('any line, styled or not, plain or wide, draws as Ink 6.8 draws it (lines of narrow characters skip the grapheme split)', t => {
  const piece = fc.oneof(
    fc.constantFrom('plain ', '│› Acme 00042 ', '─'.repeat(10), '✗ ✓ • … ‹›', '名前', '👍🏽', 'e\u0301', '\u00AD', `${ESC}x`, `${ESC}[`),
    fc.constantFrom(
      ...['0', '1', '2', '22', '31', '39', '1;31', '38;5;196', '48;2;1;2;3', '4;36', '', '7', '27', '2;1'].map(code => `${ESC}[${code}m`),
    ),
    fc.constantFrom(`${ESC}]8;;https://tpa.example${'\u0007'}`, `${ESC}]8;;${'\u0007'}`, '\u009B31m'),
    fc.string({maxLength: 6}),
  );
  fc.assert(
    fc.property(fc.array(piece, {maxLength: 8}), fc.nat({max: 6}), fc.nat({max: WIDTH - 1}), (parts, x, border) => {
      // A border drawn after it on the same line, as a pane's: where each character landed shows.
      const writes: Write[] = [
        [x, 1, parts.join('')],
        [border, 1, '│'],
      ];
      t.is(installed(writes), inkOriginal(writes), JSON.stringify(parts.join('')));
    }),
    {numRuns: 1500},
  );
});
