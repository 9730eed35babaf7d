/**
 * The OAuth token grid (Created, Expires, OAuth Token, Active, Last used), borderless so that it
 * fits 80×24, and only the rows in view drawn. Each row is one line of styled text, laid out as
 * ink-table laid the grid out before (each column as wide as its longest value, by length, and one
 * space after it; token-grid-lines.test.tsx compares them), and drawn as rows of the form's Lines
 * (widgets/lines.tsx): ink-table hashed every row with SHA-1 on each render and keyed its rows by
 * the hash, so a list move (a new record) remounted some forty Ink nodes, ~1.3 ms of a ~6 ms move.
 */
import {expiresInText, expiryNote, isAutomaticToken, type OAuthToken} from '../../domain/index.js';
import {activeLabel, formatDate} from '../widgets/format.js';
import {formatLastUsed} from './format-last-used.js';
import {fitTokens} from './grid-columns.js';
import {styled, type Color} from '../widgets/styled.js';
import {focusGutter, useTheme, type Theme} from '../widgets/theme.js';
import {useScrollTop} from '../widgets/use-scroll-top.js';

export type GridRow = {Created: string; Expires: string; 'OAuth Token': string; Active: string; 'Last used': string};

export const COLUMNS: (keyof GridRow)[] = ['Created', 'Expires', 'OAuth Token', 'Active', 'Last used'];

/** A cell's colour: an expired token's Active, an Expires within days ("in 3 days", "today"). */
const cellColor = (column: keyof GridRow, text: string, theme: Theme): Color | undefined => {
  if (column === 'Active' && text.includes('expired')) return theme.error;
  if (column === 'Expires' && /\bin \d|today/.test(text)) return theme.warning;
  return undefined;
};

/**
 * The grid's lines: the headings in bold, then a line per row, each cell padded to its column and
 * one space after it, coloured cells as styled spans (widgets/styled.ts).
 */
export const gridLines = (data: readonly GridRow[], theme: Theme): string[] => {
  const widths = COLUMNS.map(column => Math.max(column.length, ...data.map(row => row[column].length)) + 1);
  const line = (row: GridRow) =>
    COLUMNS.map((column, index) => styled(row[column].padEnd(widths[index]!), {color: cellColor(column, row[column], theme)})).join('');
  return [
    styled(COLUMNS.map((column, index) => column.padEnd(widths[index]!)).join(''), {bold: true, color: theme.heading}),
    ...data.map(line),
  ];
};

/** What the Expires column says of a token issued by automatic authorization ("does not expire (automatic)" in F1). */
export const AUTOMATIC_EXPIRES = 'never (auto)';

/** The date; within 14 days of expiry "in N days" (the column's name makes it "expires in N days"). */
const expiresCell = (token: OAuthToken, now: Date): string => {
  if (token.expiresAt === null && isAutomaticToken(token)) return AUTOMATIC_EXPIRES;
  const note = expiryNote(token, now);
  return note?.kind === 'expiring' ? expiresInText(note.days) : formatDate(token.expiresAt);
};

const MARKER_WIDTH = 2;

/**
 * The grid as rows of the form (widgets/lines.tsx): the marker and the lines in view, and when not
 * every token fits, a line that says which ones are shown. A hook: the rows scroll with the focus.
 */
export const useTokenGrid = ({
  tokens,
  focusedIndex,
  focused,
  height,
  now,
  lastUsed,
  width,
}: {
  /** The columns the grid may take, its marker included. */
  width: number;
  tokens: readonly OAuthToken[];
  focusedIndex: number;
  focused: boolean;
  height: number;
  now: Date;
  lastUsed?: ReadonlyMap<string, Date> | undefined;
}): string[] => {
  const theme = useTheme();
  // When not every token fits, one line says which ones are shown.
  const rows = tokens.length > height ? Math.max(1, height - 1) : height;
  const top = useScrollTop(focusedIndex, rows, tokens.length);
  if (tokens.length === 0) return [styled('  No OAuth tokens yet: Enter on the button, or ^G.', {color: theme.muted})];
  const visible = tokens.slice(top, top + rows);
  const cells = visible.map(token => ({
    Created: formatDate(token.createdAt),
    Expires: expiresCell(token, now),
    Active: activeLabel(token, now),
    'Last used': formatLastUsed(lastUsed?.get(token.id), now),
  }));
  // The token takes what the other columns leave, so that every column keeps its one-column gap.
  const shown = fitTokens(
    visible.map(token => token.token),
    cells,
    width - MARKER_WIDTH,
  );
  const data: GridRow[] = cells.map((row, index) => ({...row, 'OAuth Token': shown[index]!}));
  const marked = focused ? focusedIndex - top : undefined;
  const lines = gridLines(data, theme).map((line, index) => focusGutter(index - 1 === marked, theme) + line);
  if (rows < tokens.length) lines.push(styled(`  ${top + 1}–${top + visible.length} of ${tokens.length} tokens`, {color: theme.muted}));
  return lines;
};
