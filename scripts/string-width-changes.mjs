/**
 * string-width makes its Intl.Segmenter and its Unicode-property regular expressions as it loads:
 * ~20 ms of every start in a profile (`new RegExp('^\\p{RGI_Emoji}$', 'v')` alone ~14 ms, the
 * segmenter ~8), in the console, `tpa serve` and every command, though a text of plain and narrow
 * characters never needs them (its own ASCII fast path; `lineWidth` in ink-changes.mjs;
 * `displayWidth`). Here they are made the first time a text needs them.
 *
 * Applied to the text of string-width's index.js as the bundle is built (scripts/bundle.mjs), to
 * every bundle (the bench's minimal Ink program too: Ink loads string-width); node_modules stays as
 * installed. Two versions are in the bundle: 8.3.0 (ours, Ink's, cli-truncate's) and 7.2.0
 * (wrap-ansi's). A file that is not one of these exact texts (SHA-256) stops the build: an upgrade
 * means checking that the names below are still all that the module makes as it loads.
 */
import {createHash} from 'node:crypto';

/** sha256 of string-width's index.js as published → what is made on demand in it besides the segmenter. */
const KNOWN = {
  // 8.3.0
  abc20775da6b552188b098688ebec671e29f5416d6339d3534bb7b016174003e: {
    version: '8.3.0',
    regexes: ['visibleCharacterRegex', 'spacingMarkRegex', 'rgiEmojiRegex'],
    // The loop over graphemes, reached only by a text that is not printable ASCII.
    before: '\tfor (const {segment} of segmenter.segment(string)) {',
  },
  // 7.2.0
  '16421893c66e7c45a68251f0708caaa8d49d74e9570ae574371d21356e9d30a6': {
    version: '7.2.0',
    regexes: [],
    before: '\tfor (const {segment: character} of segmenter.segment(string)) {',
  },
};

/** The versions the bundle holds, each of which must go through the change (scripts/bundle.mjs). */
export const STRING_WIDTH_VERSIONS = Object.values(KNOWN).map(known => known.version);

export class StringWidthChangeError extends Error {
  constructor(message) {
    super(message);
    this.name = 'StringWidthChangeError';
  }
}

const sha256 = text => createHash('sha256').update(text).digest('hex');

/** The files the change applies to, in the form esbuild sees their paths. */
export const STRING_WIDTH_FILE = /[\\/]node_modules[\\/](?:.+[\\/]node_modules[\\/])?string-width[\\/]index\.js$/;

/** Replaces the one text `from` in `source`; throws unless it is there exactly once. */
const replaceOnce = (source, from, to, version) => {
  const at = source.indexOf(from);
  if (at === -1 || source.indexOf(from, at + 1) !== -1)
    throw new StringWidthChangeError(`string-width ${version}: "${from.slice(0, 40)}…" is not in its index.js exactly once.`);
  return source.slice(0, at) + to + source.slice(at + from.length);
};

/**
 * string-width's index.js with its segmenter and regular expressions made on first use, or the
 * text as it is for a version this does not know (`known: false`: the build stops on it).
 */
export const changeStringWidthSource = source => {
  const known = KNOWN[sha256(source)];
  if (!known) return {known: false, source};
  let changed = replaceOnce(source, 'const segmenter = new Intl.Segmenter();', 'let segmenter;', known.version);
  const made = ['segmenter = new Intl.Segmenter();'];
  for (const name of known.regexes) {
    const declaration = new RegExp(`^const ${name} = /(.+)/v;$`, 'm').exec(changed);
    if (!declaration) throw new StringWidthChangeError(`string-width ${known.version}: ${name} is not declared as expected.`);
    changed = replaceOnce(changed, declaration[0], `let ${name};`, known.version);
    // new RegExp, not a literal: V8 checks a literal's pattern as it compiles the module, and that check is the cost.
    made.push(`${name} = new RegExp(${JSON.stringify(declaration[1])}, 'v');`);
  }
  changed = replaceOnce(
    changed,
    known.before,
    `\tif (segmenter === undefined) {\n\t\t${made.join('\n\t\t')}\n\t}\n\n${known.before}`,
    known.version,
  );
  return {known: true, version: known.version, source: changed};
};
