/**
 * string-width as the bundle loads it (scripts/string-width-changes.mjs: its segmenter and
 * regular expressions made on first use) measures every text as string-width does, for both
 * versions `npm ci` installs, and those versions are the ones the change knows.
 */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import test from 'ava';
import fc from 'fast-check';
// @ts-expect-error: a plain .mjs script without types.
import {changeStringWidthSource} from '../scripts/string-width-changes.mjs';

type Change = {known: boolean; version?: string; source: string};
type StringWidth = (text: string, options?: {ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean}) => number;
const change = changeStringWidthSource as (source: string) => Change;

const VERSIONS = {
  '8.3.0': fileURLToPath(new URL('../node_modules/string-width/index.js', import.meta.url)),
  '7.2.0': fileURLToPath(new URL('../node_modules/wrap-ansi/node_modules/string-width/index.js', import.meta.url)),
} as const;

/** The changed text as a module of its own, its imports resolved as from the installed file. */
const loadChanged = async (file: string): Promise<StringWidth> => {
  const require = createRequire(file);
  const source = change(readFileSync(file, 'utf8')).source.replace(
    /from '([^'.][^']*)'/g,
    (_, name: string) => `from '${pathToFileURL(require.resolve(name)).href}'`,
  );
  const copy = path.join(mkdtempSync(path.join(tmpdir(), 'tpa-string-width-')), 'index.js');
  writeFileSync(copy, source);
  return ((await import(pathToFileURL(copy).href)) as {default: StringWidth}).default;
};

const loadOriginal = async (file: string): Promise<StringWidth> =>
  ((await import(pathToFileURL(file).href)) as {default: StringWidth}).default;

const text = fc.oneof(
  fc.string(),
  fc.string({unit: 'grapheme'}),
  fc.string({unit: 'binary'}),
  fc
    .array(fc.constantFrom('a', ' ', '名', '👍🏽', '👨‍👩‍👧', '❤️', '1️⃣', 'e\u0301', '\u200B', '\u001B[31m', 'ﾞ', '한', '\u1100\u1161', '\t'))
    .map(parts => parts.join('')),
);

for (const [version, file] of Object.entries(VERSIONS)) {
  test(`string-width ${version} with its segmenter made on demand measures every text as the installed one`, async t => {
    t.like(change(readFileSync(file, 'utf8')), {known: true, version});
    const [changed, original] = await Promise.all([loadChanged(file), loadOriginal(file)]);
    fc.assert(
      fc.property(text, fc.boolean(), fc.boolean(), (value, ambiguousIsNarrow, countAnsiEscapeCodes) => {
        t.is(changed(value, {ambiguousIsNarrow, countAnsiEscapeCodes}), original(value, {ambiguousIsNarrow, countAnsiEscapeCodes}));
      }),
      {numRuns: 1500},
    );
  });
}

test('a string-width whose text is not a known one is left as it is and reported unknown (the build stops on it)', t => {
  const source = `${readFileSync(VERSIONS['8.3.0'], 'utf8')}\n// changed\n`;
  t.deepEqual(change(source), {known: false, source});
});
