/**
 * A full-height text that scrolls (F1's help, Ctrl+Y's history): the rows a page shows, the
 * window of rows on screen, the "lines 1–18 of 40" line, and the keys that move it, so every
 * such dialog scrolls and says where it is in the same way.
 */
import type {Binding, KeyInput} from '../keys/binding.js';

/** The rows shown at once in a pane of this height (borders, and a line kept for "where am I"). */
export const pageRows = (height: number): number => Math.max(1, height - 3);

/** The first row after moving by `by` rows, never past the last page nor above the first row. */
export const scrolledTop = (top: number, by: number, rows: number, page: number): number =>
  Math.max(0, Math.min(top + by, Math.max(0, rows - page)));

export interface ScrollWindow<Row> {
  readonly first: number;
  readonly shown: readonly Row[];
  /** "lines 1–18 of 40 (45%)", or "(the end)" at the last row. */
  readonly where: string;
}

export const scrollWindow = <Row>(rows: readonly Row[], top: number, page: number): ScrollWindow<Row> => {
  const first = scrolledTop(top, 0, rows.length, page);
  const shown = rows.slice(first, first + page);
  const last = first + shown.length;
  const where = last >= rows.length ? 'the end' : `${Math.round((last / rows.length) * 100)}%`;
  return {first, shown, where: `lines ${Math.min(first + 1, last)}–${last} of ${rows.length} (${where})`};
};

/**
 * ↑↓ PgUp PgDn Home End as bindings: `move` gets the rows to move by (±Infinity for Home and
 * End) and the page size, and returns the state with the dialog's first row moved.
 */
export const scrollBindings = <S, P>(
  move: (input: KeyInput<S, P>, by: number) => S,
  page: (input: KeyInput<S, P>) => number,
): Binding<S, P>[] => [
  {keys: ['up', 'k'], keyLabel: '↑↓', description: 'scroll a line up', label: 'scroll', handler: input => move(input, -1)},
  {keys: ['down', 'j'], description: 'scroll a line down', handler: input => move(input, 1)},
  {keys: ['pageup'], description: 'a page up', handler: input => move(input, -page(input))},
  {keys: ['pagedown', 'space'], description: 'a page down', handler: input => move(input, page(input))},
  {keys: ['home'], description: 'the top', handler: input => move(input, -Infinity)},
  {keys: ['end'], description: 'the end', handler: input => move(input, Infinity)},
];

/**
 * The first visible row of a scrolled window: the previous one when the cursor is still in
 * view, else just enough scrolling to bring it in.
 */
export const scrollTop = (previousTop: number, cursor: number, visible: number, count: number): number => {
  const maxTop = Math.max(0, count - visible);
  let top = Math.min(Math.max(0, previousTop), maxTop);
  if (cursor < top) top = cursor;
  else if (cursor >= top + visible) top = cursor - visible + 1;
  return Math.max(0, Math.min(top, maxTop));
};
