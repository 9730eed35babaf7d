/**
 * The grid's columns in the width it has: each column as wide as its widest value (or heading)
 * and one space after it, always; the OAuth Token column takes the rest, so a wide terminal shows
 * more of each token and 80 columns still fit "never (auto)" (ARCHITECTURE.md, The console).
 */
import {displayWidth} from '../widgets/text-width.js';

const TOKEN_HEADING = 'OAuth Token';

/** "tpat_1Y3…11xJ" in `width` columns: the prefix, the start and the end, whole when it fits. */
const shortenToWidth = (value: string, width: number): string => {
  if (value.length <= width) return value;
  const prefix = value.slice(0, value.indexOf('_') + 1);
  const room = Math.max(2, width - prefix.length - 1);
  const tail = Math.ceil(room / 2);
  return `${prefix}${value.slice(prefix.length, prefix.length + room - tail)}…${value.slice(-tail)}`;
};

/** Each column's width: its widest value or its heading, plus the one-column gap. */
const columnWidth = (heading: string, values: readonly string[]): number =>
  Math.max(displayWidth(heading), ...values.map(value => displayWidth(value))) + 1;

/** The tokens shortened to what the other columns leave of `width` (never narrower than the heading). */
export const fitTokens = (tokens: readonly string[], rows: readonly Readonly<Record<string, string>>[], width: number): string[] => {
  const headings = Object.keys(rows[0] ?? {});
  const others = headings.reduce(
    (sum, heading) =>
      sum +
      columnWidth(
        heading,
        rows.map(row => row[heading] ?? ''),
      ),
    0,
  );
  const room = Math.max(TOKEN_HEADING.length, width - others - 1);
  return tokens.map(token => shortenToWidth(token, room));
};
