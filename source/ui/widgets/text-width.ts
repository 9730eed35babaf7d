/**
 * Text measured in terminal columns, not in characters: "株" and "🚀" take two, a combining
 * accent none. Cutting by characters would let wide text push a pane's border out of place.
 */
import stringWidth from 'string-width';

export const displayWidth = (text: string): number => stringWidth(text);

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
