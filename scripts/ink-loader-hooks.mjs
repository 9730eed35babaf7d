/**
 * The module hook registered by scripts/ink-loader.mjs: Ink's changed build files load with our
 * changes. A URL with a query (`output.js?original`) loads the file as it is on disk, so that a
 * test can compare ours with Ink's own.
 */
import {fileURLToPath} from 'node:url';
import {CHANGED_INK_FILE, changeInkFile} from './ink-changes.mjs';

export const load = async (url, context, nextLoad) => {
  if (!url.startsWith('file:') || url.includes('?')) return nextLoad(url, context);
  const file = fileURLToPath(url);
  if (!CHANGED_INK_FILE.test(file)) return nextLoad(url, context);
  return {format: 'module', source: changeInkFile(file), shortCircuit: true};
};
