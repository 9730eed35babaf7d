/**
 * Two changes to Ink 6.8 (the last Ink for Node 20), run by `postinstall`; `scripts/bundle.mjs`
 * refuses to bundle an Ink without them.
 *
 * 1. build/log-update.js, a fix: after a frame that ends with a newline the cursor sits one row
 *    below the frame, but the next incremental frame moved up one row too few, so every frame
 *    landed a row lower and left a stale line. One expression changes.
 * 2. build/output.js, speed: replaced by scripts/ink-output.js (its header says what and how
 *    much), only when the installed file is exactly Ink 6.8.0's.
 */
import {createHash} from 'node:crypto';
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const BROKEN = 'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));';
const FIXED = "buffer.push(ansiEscapes.cursorUp(previousVisible - 1 + (previousOutput.endsWith('\\n') ? 1 : 0)));";
/** sha256 of Ink 6.8.0's build/output.js as published. */
const ORIGINAL_OUTPUT = 'de9078c7fc647c40cf9e32d6658fcbbee91dae9e3f6334e5f4ebfc5905fc401d';
const FAST_OUTPUT = fileURLToPath(new URL('ink-output.js', import.meta.url));

const inkFile = name => path.join(path.dirname(fileURLToPath(import.meta.resolve('ink'))), name);
const sha256 = text => createHash('sha256').update(text).digest('hex');

/** What is missing from the installed Ink, in words; empty when both changes are in place. */
export const missingInkChanges = () => {
  const missing = [];
  if (!readFileSync(inkFile('log-update.js'), 'utf8').includes(FIXED)) missing.push('the incremental rendering fix (log-update.js)');
  if (readFileSync(inkFile('output.js'), 'utf8') !== readFileSync(FAST_OUTPUT, 'utf8')) missing.push('the faster frame builder (output.js)');
  return missing;
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const logUpdate = inkFile('log-update.js');
  const source = readFileSync(logUpdate, 'utf8');
  if (!source.includes(FIXED)) {
    if (!source.includes(BROKEN)) {
      console.error(`patch-ink: ${logUpdate} has changed; check whether Ink's incremental rendering still needs the fix.`);
      process.exit(1);
    }
    writeFileSync(logUpdate, source.replace(BROKEN, FIXED));
  }
  const output = inkFile('output.js');
  const installed = readFileSync(output, 'utf8');
  const fast = readFileSync(FAST_OUTPUT, 'utf8');
  if (installed !== fast) {
    if (sha256(installed) !== ORIGINAL_OUTPUT) {
      console.error(`patch-ink: ${output} is not Ink 6.8.0's; compare it with scripts/ink-output.js before replacing it.`);
      process.exit(1);
    }
    writeFileSync(output, fast);
  }
}
