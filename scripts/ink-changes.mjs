/**
 * Our changes to Ink 6.8.0 (the last Ink for Node 20), applied to Ink's files as they are loaded,
 * never written into node_modules: by the esbuild plugin when the bundle is built
 * (scripts/bundle.mjs) and by a module hook in the tests (scripts/ink-loader.mjs). An Ink whose
 * files are not 6.8.0's exact text stops both, loudly: upgrading Ink means checking each change.
 *
 * 1. build/log-update.js, a fix (upstream in Ink 7): after a frame that ends with a newline the
 *    cursor sits one row below the frame, but the next incremental frame moved up one row too
 *    few, so every frame landed a row lower and left a stale line. One expression changes.
 *    And a fix for GNU screen: a changed line was written, then erased to its end (EL); after a
 *    line as wide as the terminal the cursor waits on the last column, and screen (as a VT100)
 *    erases that cell too: every redrawn line lost its rightmost character. EL now follows only
 *    a line narrower than the terminal (a full one has nothing to its right to erase); the
 *    width of a line of plain and narrow characters is its length (`lineWidth`).
 * 2. build/render-node-to-output.js, speed: the width of every text of every frame was worked
 *    out again with string-width (~0.6 ms a key); Ink's own cached measureText gives the same.
 * 3. build/output.js, speed: replaced by scripts/ink-output.js (its header says what and how
 *    much), only when Ink's file is exactly 6.8.0's (SHA-256).
 * 4. build/measure-text.js, speed: yoga asks the width of every text that changed, and
 *    widest-line split each line into graphemes; `lineWidth` takes a line of plain and narrow
 *    characters by its length (~0.2 ms of a list move right after start).
 *
 * Moving to Ink 7 needs Node 22 (not while Node 20.15+ is supported): the first fix of 1 goes
 * away; the screen fix, 2 and 3 must be checked against Ink 7's files (the build names each text
 * it no longer finds).
 */
import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const INK_VERSION = '6.8.0';

/**
 * The columns a line of a frame takes, for the last column fix and the text widths below: string-width splits every
 * changed line into graphemes (Intl.Segmenter), ~1.4 ms of a list move's ~9 ms in a profile. A
 * line whose characters (ANSI styles aside) are all ASCII or narrow symbols the console draws
 * (box lines, arrows, bullets, ✓ ✗) takes one column each; only other lines are measured.
 * Injected into Ink's log-update.js as text (its tests compare it with string-width).
 */
export const lineWidth = (line, stringWidth) => {
  // ANSI styles (ESC [ … m) take no columns; an ESC left over sends the line to string-width.
  // eslint-disable-next-line no-control-regex -- the styles begin with ESC
  const text = line.replace(/\u001B\[[0-9;]*m/g, '');
  return /^[\x20-\x7E\u00A0-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u205E\u2190-\u21FF\u2500-\u25FC\u25FF\u2713-\u2718]*$/.test(text)
    ? text.length
    : stringWidth(line);
};

/** Exact texts replaced in a file of Ink's build/, each found exactly once. */
const EDITS = {
  'log-update.js': [
    {
      what: 'the incremental rendering fix',
      from: 'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));',
      to: "buffer.push(ansiEscapes.cursorUp(previousVisible - 1 + (previousOutput.endsWith('\\n') ? 1 : 0)));",
    },
    {
      what: 'the last column fix',
      from: "import cliCursor from 'cli-cursor';",
      to: `import cliCursor from 'cli-cursor';\nimport stringWidth from 'string-width';\nconst lineWidth = ${lineWidth.toString()};`,
    },
    {
      what: 'the last column fix',
      from: '                nextLines[i] +\n                ansiEscapes.eraseEndLine +',
      to: "                nextLines[i] +\n                (lineWidth(nextLines[i], stringWidth) < (stream.columns || Infinity) ? ansiEscapes.eraseEndLine : '') +",
    },
  ],
  'measure-text.js': [
    {
      what: 'plain widths',
      from: "import widestLine from 'widest-line';",
      to: `import stringWidth from 'string-width';\nconst lineWidth = ${lineWidth.toString()};\nconst widestLine = text => text.split('\\n').reduce((widest, line) => Math.max(widest, lineWidth(line, stringWidth)), 0);`,
    },
  ],
  'render-node-to-output.js': [
    {what: 'cached text widths', from: "import widestLine from 'widest-line';", to: "import measureText from './measure-text.js';"},
    {what: 'cached text widths', from: 'const currentWidth = widestLine(text);', to: 'const currentWidth = measureText(text).width;'},
  ],
};
/** sha256 of Ink 6.8.0's build/output.js as published. */
const ORIGINAL_OUTPUT = 'de9078c7fc647c40cf9e32d6658fcbbee91dae9e3f6334e5f4ebfc5905fc401d';
const FAST_OUTPUT = fileURLToPath(new URL('ink-output.js', import.meta.url));

/** The names of the changed files in Ink's build/: those edited, and output.js (replaced). */
export const CHANGED_INK_FILES = [...Object.keys(EDITS), 'output.js'];

/** The files of Ink's build/ that are changed, in the form both loaders see their paths. */
export const CHANGED_INK_FILE = new RegExp(
  `[\\\\/]node_modules[\\\\/]ink[\\\\/]build[\\\\/](${CHANGED_INK_FILES.map(name => path.basename(name, '.js')).join('|')})\\.js$`,
);

/** Ink is not the one these changes were made for; the message says what to check. */
export class InkChangeError extends Error {
  constructor(message) {
    super(message);
    this.name = 'InkChangeError';
  }
}

const sha256 = text => createHash('sha256').update(text).digest('hex');

/** Whether `text` is Ink 6.8.0's own build/output.js, unchanged. */
export const isOriginalOutput = text => sha256(text) === ORIGINAL_OUTPUT;

/**
 * The text to load for one of Ink's build files, with our changes; `name` is the file's name in
 * build/, `source` its text on disk. Throws InkChangeError when the text is not 6.8.0's.
 */
export const changeInkSource = (name, source) => {
  if (name === 'output.js') {
    if (!isOriginalOutput(source))
      throw new InkChangeError(
        `Ink's build/output.js is not Ink ${INK_VERSION}'s (changed in node_modules, perhaps by the postinstall of an older tpa: run \`npm ci\`; after upgrading Ink, compare its output.js with scripts/ink-output.js first).`,
      );
    return readFileSync(FAST_OUTPUT, 'utf8');
  }
  const edits = EDITS[name];
  if (!edits) throw new InkChangeError(`no change of Ink's build/${name} is known`);
  let changed = source;
  for (const edit of edits) {
    const at = changed.indexOf(edit.from);
    if (at === -1 || changed.indexOf(edit.from, at + 1) !== -1)
      throw new InkChangeError(
        `Ink's build/${name} is not Ink ${INK_VERSION}'s (run \`npm ci\` if node_modules was changed; after upgrading Ink, check whether ${edit.what} is still needed).`,
      );
    changed = changed.slice(0, at) + edit.to + changed.slice(at + edit.from.length);
  }
  return changed;
};

/** `changeInkSource` for a file on disk, after checking the version of the Ink it belongs to. */
export const changeInkFile = file => {
  const name = path.basename(file);
  const manifest = JSON.parse(readFileSync(path.join(path.dirname(file), '..', 'package.json'), 'utf8'));
  if (manifest.version !== INK_VERSION)
    throw new InkChangeError(
      `Ink ${manifest.version} is installed; scripts/ink-changes.mjs changes Ink ${INK_VERSION}: check each change first.`,
    );
  return changeInkSource(name, readFileSync(file, 'utf8'));
};
