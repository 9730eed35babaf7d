/**
 * Changes to Ink 6.8 (the last Ink for Node 20), run by `postinstall`; `scripts/bundle.mjs`
 * refuses to bundle an Ink without them. Upgrading Ink means checking each one again.
 *
 * 1. build/log-update.js, a fix: after a frame that ends with a newline the cursor sits one row
 *    below the frame, but the next incremental frame moved up one row too few, so every frame
 *    landed a row lower and left a stale line. One expression changes.
 * 2. build/render-node-to-output.js, speed: the width of every text of every frame was worked
 *    out again with string-width (~0.6 ms a key); Ink's own cached measureText gives the same.
 * 3. build/output.js, speed: replaced by scripts/ink-output.js (its header says what and how
 *    much), only when the installed file is exactly Ink 6.8.0's.
 */
import {createHash} from 'node:crypto';
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** Exact text replaced in a file of Ink's build/; applied once (`to` present means done). */
const EDITS = [
  {
    file: 'log-update.js',
    what: 'the incremental rendering fix',
    from: 'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));',
    to: "buffer.push(ansiEscapes.cursorUp(previousVisible - 1 + (previousOutput.endsWith('\\n') ? 1 : 0)));",
  },
  {
    file: 'render-node-to-output.js',
    what: 'cached text widths',
    from: "import widestLine from 'widest-line';",
    to: "import measureText from './measure-text.js';",
  },
  {
    file: 'render-node-to-output.js',
    what: 'cached text widths',
    from: 'const currentWidth = widestLine(text);',
    to: 'const currentWidth = measureText(text).width;',
  },
];
/** sha256 of Ink 6.8.0's build/output.js as published. */
const ORIGINAL_OUTPUT = 'de9078c7fc647c40cf9e32d6658fcbbee91dae9e3f6334e5f4ebfc5905fc401d';
const FAST_OUTPUT = fileURLToPath(new URL('ink-output.js', import.meta.url));

const inkFile = name => path.join(path.dirname(fileURLToPath(import.meta.resolve('ink'))), name);
const sha256 = text => createHash('sha256').update(text).digest('hex');

/** What is missing from the installed Ink, in words; empty when every change is in place. */
export const missingInkChanges = () => {
  const missing = new Set();
  for (const edit of EDITS) if (!readFileSync(inkFile(edit.file), 'utf8').includes(edit.to)) missing.add(`${edit.what} (${edit.file})`);
  if (readFileSync(inkFile('output.js'), 'utf8') !== readFileSync(FAST_OUTPUT, 'utf8')) missing.add('the faster frame builder (output.js)');
  return [...missing];
};

const fail = message => {
  console.error(`patch-ink: ${message}`);
  process.exit(1);
};

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const edit of EDITS) {
    const file = inkFile(edit.file);
    const source = readFileSync(file, 'utf8');
    if (source.includes(edit.to)) continue;
    if (!source.includes(edit.from)) fail(`${file} has changed; check whether ${edit.what} is still needed.`);
    writeFileSync(file, source.replace(edit.from, edit.to));
  }
  const output = inkFile('output.js');
  const installed = readFileSync(output, 'utf8');
  const fast = readFileSync(FAST_OUTPUT, 'utf8');
  if (installed !== fast) {
    if (sha256(installed) !== ORIGINAL_OUTPUT)
      fail(
        `${output} is neither Ink 6.8.0's nor ours: after changing scripts/ink-output.js, reinstall Ink (rm -rf node_modules/ink && npm install); after upgrading Ink, compare its output.js with ours first.`,
      );
    writeFileSync(output, fast);
  }
}
