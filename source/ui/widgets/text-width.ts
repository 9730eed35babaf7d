/**
 * Text measured in terminal columns, not in characters: "株" and "🚀" take two, a combining
 * accent none. Cutting by characters would let wide text push a pane's border out of place.
 */
import stringWidth from 'string-width';

/**
 * Characters one column wide each and one UTF-16 unit each: ASCII, Latin, the box lines, arrows,
 * bullets, ✓ ✗ the console draws (the set of scripts/ink-changes.mjs `lineWidth`). Text of only
 * these is its length; other text goes to string-width, whose grapheme split (Intl.Segmenter) costs
 * ~5 ms the first time it is used: the first "● modified" after start paid it (bench/README.md).
 */
const NARROW_TEXT = /^[\x20-\x7E\u00A0-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u205E\u2190-\u21FF\u2500-\u25FC\u25FF\u2713-\u2718]*$/;

export const displayWidth = (text: string): number => (NARROW_TEXT.test(text) ? text.length : stringWidth(text));

/** At most `width` columns; "…" marks a cut. */
export const truncateToWidth = (text: string, width: number): string => {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return '';
  let kept = '';
  let used = 0;
  for (const character of text) {
    const next = displayWidth(character);
    if (used + next > width - 1) break;
    kept += character;
    used += next;
  }
  return `${kept}…`;
};
