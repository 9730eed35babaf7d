/**
 * The OAuth token grid (Created, Expires, OAuth Token, Active, Last used), borderless so that it
 * fits 80×24, and only the rows in view drawn. Each row is one line of text with its colours as
 * spans, laid out as ink-table laid the grid out before (each column as wide as its longest value,
 * by length, and one space after it; token-grid-lines.test.tsx compares them): ink-table hashed
 * every row with SHA-1 on each render and keyed its rows by the hash, so a list move (a new
 * record) remounted some forty Ink nodes, ~1.3 ms of a ~6 ms move. The rows are drawn again only
 * when a cell changed, and the focus marker is a column of its own beside them: moving in the
 * grid redraws the marker, not the rows.
 */
import {Box, Text} from 'ink';
import React, {memo} from 'react';
import {expiresInText, expiryNote, isAutomaticToken, type OAuthToken} from '../../domain/index.js';
import {activeLabel, formatDate} from '../widgets/format.js';
import {formatLastUsed} from './format-last-used.js';
import {fitTokens} from './grid-columns.js';
import {styled, type Color} from '../widgets/styled.js';
import {FOCUS_MARKER, useTheme, type Theme} from '../widgets/theme.js';
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
 * one space after it, coloured cells as styled spans (widgets/styled.ts): one Text a line.
 */
export const GridLines = memo(
  ({data}: {data: readonly GridRow[]}) => {
    const theme = useTheme();
    const widths = COLUMNS.map(column => Math.max(column.length, ...data.map(row => row[column].length)) + 1);
    const line = (row: GridRow) =>
      COLUMNS.map((column, index) => styled(row[column].padEnd(widths[index]!), {color: cellColor(column, row[column], theme)})).join('');
    return (
      <Box flexDirection="column">
        <Text bold color={theme.heading}>
          {COLUMNS.map((column, index) => column.padEnd(widths[index]!)).join('')}
        </Text>
        {data.map((row, index) => (
          <Text key={index}>{line(row)}</Text>
        ))}
      </Box>
    );
  },
  (before, after) => sameRows(before.data, after.data),
);

/** What the Expires column says of a token issued by automatic authorization ("does not expire (automatic)" in F1). */
export const AUTOMATIC_EXPIRES = 'never (auto)';

/** The date; within 14 days of expiry "in N days" (the column's name makes it "expires in N days"). */
const expiresCell = (token: OAuthToken, now: Date): string => {
  if (token.expiresAt === null && isAutomaticToken(token)) return AUTOMATIC_EXPIRES;
  const note = expiryNote(token, now);
  return note?.kind === 'expiring' ? expiresInText(note.days) : formatDate(token.expiresAt);
};

const sameRows = (before: readonly GridRow[], after: readonly GridRow[]): boolean =>
  before.length === after.length && before.every((row, index) => COLUMNS.every(column => row[column] === after[index]![column]));

const MARKER_WIDTH = 2;

/** Two columns: blank beside the heading, "›" beside the focused token; one Text of a line each. */
const MarkerColumn = ({rows, marked}: {rows: number; marked: number | undefined}) => {
  const theme = useTheme();
  const lines = [' '];
  for (let row = 0; row < rows; row++) lines.push(row === marked ? styled(FOCUS_MARKER, {color: theme.focus, bold: true}) : ' ');
  return (
    <Box width={MARKER_WIDTH} flexShrink={0}>
      <Text>{lines.join('\n')}</Text>
    </Box>
  );
};

export const TokenGrid = ({
  tokens,
  focusedIndex,
  focused,
  height,
  now,
  lastUsed,
  width,
}: {
  /** The columns the grid may take, its marker column included. */
  width: number;
  tokens: readonly OAuthToken[];
  focusedIndex: number;
  focused: boolean;
  height: number;
  now: Date;
  lastUsed?: ReadonlyMap<string, Date> | undefined;
}) => {
  const theme = useTheme();
  // When not every token fits, one line says which ones are shown.
  const rows = tokens.length > height ? Math.max(1, height - 1) : height;
  const top = useScrollTop(focusedIndex, rows, tokens.length);
  if (tokens.length === 0) {
    return <Text color={theme.muted}>{'  No OAuth tokens yet: Enter on the button, or ^G.'}</Text>;
  }
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
  const more = rows < tokens.length ? `  ${top + 1}–${top + visible.length} of ${tokens.length} tokens` : '';
  return (
    <Box flexDirection="column">
      <Box>
        <MarkerColumn rows={visible.length} marked={focused ? focusedIndex - top : undefined} />
        <GridLines data={data} />
      </Box>
      {more ? <Text color={theme.muted}>{more}</Text> : null}
    </Box>
  );
};
