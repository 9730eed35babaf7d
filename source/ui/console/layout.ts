/** How many rows each part of the screen gets at a terminal size (ARCHITECTURE.md, The console). */

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;
export const LIST_WIDTH = 22;

/**
 * Lines of the form pane other than the token rows: name, client ID, secret, button, grid
 * heading, enabled, callback URL, authorization, where the application starts, approval, [ Save ].
 */
const FORM_FIXED_LINES = 11;
/** Kept free for field messages and the full token when revealed, so the grid does not jump. */
const FORM_SPARE_LINES = 3;

export interface Layout {
  readonly columns: number;
  readonly rows: number;
  readonly tooSmall: boolean;
  /** Rows of the whole frame: one less than the terminal, or Ink 6 clears the screen on every frame. */
  readonly frameRows: number;
  /** Rows inside the two panes' borders. */
  readonly paneRows: number;
  readonly listRows: number;
  readonly gridRows: number;
  readonly formWidth: number;
  /** The list: 22 columns at 80; on a wider terminal as wide as its longest name needs, up to a third of the width. */
  readonly listWidth: number;
}

/** The form's width at 80 columns: what it keeps however long the names. */
const FORM_MIN_WIDTH = MIN_COLUMNS - LIST_WIDTH;
/** Columns of a list row besides the name: two borders, the focus marker, the expiry mark and the enabled dot. */
export const LIST_ROW_EXTRA = 8;

const listWidthFor = (columns: number, longestName: number): number => {
  const most = Math.max(LIST_WIDTH, Math.min(Math.floor(columns / 3), columns - FORM_MIN_WIDTH));
  return Math.max(LIST_WIDTH, Math.min(most, longestName + LIST_ROW_EXTRA));
};

/** `longestName`: the widest name in the list, in columns (0: the list stays 22 wide). */
export const layoutFor = (columns: number, rows: number, longestName = 0): Layout => {
  const frameRows = Math.max(1, rows - 1);
  const paneRows = Math.max(1, frameRows - 4); // header, footer, two border lines
  const listWidth = listWidthFor(columns, longestName);
  return {
    columns,
    rows,
    tooSmall: columns < MIN_COLUMNS || rows < MIN_ROWS,
    frameRows,
    paneRows,
    listRows: paneRows,
    gridRows: Math.max(1, paneRows - FORM_FIXED_LINES - FORM_SPARE_LINES),
    formWidth: Math.max(1, columns - listWidth),
    listWidth,
  };
};
