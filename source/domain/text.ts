/**
 * Text that came from a person or from the file, made safe to draw. Ink passes escape sequences
 * through to the terminal, so a name holding OSC 52 could set the clipboard, OSC 0 the title,
 * CSI sequences could move the cursor, and bidi overrides could make "evil.com" read as "moc.live".
 */

// ESC-introduced sequences: CSI (ESC [ … final), OSC/DCS/SOS/PM/APC strings (up to BEL or ST),
// and the two-character escapes; and their 8-bit C1 forms.
const ESCAPE_SEQUENCE =
  /\u001B\[[0-?]*[ -/]*[@-~]?|\u009B[0-?]*[ -/]*[@-~]?|[\u001B][\]PX^_][\s\S]*?(?:\u0007|\u001B\\|$)|[\u009D\u0090\u0098\u009E\u009F][\s\S]*?(?:\u0007|\u001B\\|\u009C|$)|\u001B[\s\S]?/g;

/** C0 controls, DEL, C1 controls, line and paragraph separators. */
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
/** Bidirectional embeddings, overrides, isolates and marks (Trojan Source, CVE-2021-42574). */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/**
 * Invisible format characters (zero-width space and joiners, soft hyphen, BOM, tags, …): they
 * make two names that look the same differ, and terminals disagree on how wide the sequences
 * they join are drawn.
 */
const INVISIBLE = /\p{Cf}/u;
/**
 * Drawn as nothing: variation selectors, skin-tone modifiers and the keycap mark change how wide a terminal draws
 * an emoji (tmux and xterm draw "❤️" one column wide, the layout would count two), so the
 * screen shows the plain character and the layout stays in place.
 */
const WIDTH_CHANGING = /[\u20E3\uFE00-\uFE0F\u{1F3FB}-\u{1F3FF}\u{E0100}-\u{E01EF}]/gu;

const CONTROL_GLOBAL = new RegExp(CONTROL.source, 'g');
const INVISIBLE_GLOBAL = new RegExp(INVISIBLE.source, 'gu');

export const REPLACEMENT = '\uFFFD';

export const hasControlCharacters = (text: string): boolean => CONTROL.test(text);
export const hasBidiCharacters = (text: string): boolean => BIDI.test(text);
export const hasInvisibleCharacters = (text: string): boolean => INVISIBLE.test(text);

/**
 * Every escape sequence, control, bidi and invisible character becomes one visible "�"; variation
 * selectors and skin-tone modifiers are left out; the rest is kept.
 */
export const toDisplayText = (text: string): string => {
  const plain = text.replace(WIDTH_CHANGING, '');
  if (!CONTROL.test(plain) && !INVISIBLE.test(plain)) return plain;
  return plain.replace(ESCAPE_SEQUENCE, REPLACEMENT).replace(CONTROL_GLOBAL, REPLACEMENT).replace(INVISIBLE_GLOBAL, REPLACEMENT);
};

/** What the user typed or pasted, without the characters no field accepts. */
export const withoutUnsafeCharacters = (text: string): string =>
  text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL_GLOBAL, '').replace(INVISIBLE_GLOBAL, '');

/** Length as a person counts it: code points, so an emoji is one, not two. */
export const characterCount = (text: string): number => {
  let count = 0;
  for (const _ of text) count++;
  return count;
};
