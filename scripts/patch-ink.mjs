/**
 * Fixes Ink 6.8's incremental rendering (the last Ink for Node 20): after a frame that ends with
 * a newline the cursor sits one row below the frame, but the next frame moves up one row too
 * few, so every frame lands a row lower and leaves a stale line. One expression changes. Run by
 * `postinstall`; `scripts/bundle.mjs` refuses to bundle an unfixed Ink.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const BROKEN = 'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));';
export const FIXED = "buffer.push(ansiEscapes.cursorUp(previousVisible - 1 + (previousOutput.endsWith('\\n') ? 1 : 0)));";

export const logUpdateFile = () => path.join(path.dirname(fileURLToPath(import.meta.resolve('ink'))), 'log-update.js');

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = logUpdateFile();
  const source = readFileSync(file, 'utf8');
  if (source.includes(FIXED)) process.exit(0);
  if (!source.includes(BROKEN)) {
    console.error(`patch-ink: ${file} has changed; check whether Ink's incremental rendering still needs the fix.`);
    process.exit(1);
  }
  writeFileSync(file, source.replace(BROKEN, FIXED));
}
