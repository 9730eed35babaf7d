/**
 * The OAuth token grid (Created, Expires, OAuth Token, Active) drawn with the ESM ink-table,
 * borderless so that it fits 80×24, and only the rows in view handed to it. ink-table hashes
 * every row each time it renders, so it is handed the same rows only when a cell changed (not
 * on every key), and the focus marker is a column of its own beside it: moving in the grid
 * redraws the marker, not the table.
 */
import {Table, type CellProps} from '@alcalzone/ink-table';
import {Box, Text} from 'ink';
import React, {memo} from 'react';
import {expiresInText, expiryNote, isAutomaticToken, type OAuthToken} from '../../domain/index.js';
import {activeLabel, formatDate} from '../widgets/format.js';
import {formatLastUsed} from './format-last-used.js';
import {fitTokens} from './grid-columns.js';
import {FOCUS_MARKER, useTheme} from '../widgets/theme.js';
import {useScrollTop} from '../widgets/use-scroll-top.js';

type GridRow = {Created: string; Expires: string; 'OAuth Token': string; Active: string; 'Last used': string};

const COLUMNS: (keyof GridRow)[] = ['Created', 'Expires', 'OAuth Token', 'Active', 'Last used'];

/**
 * ink-table pads both sides of every cell (a padding of 0 reads as 1): dropping the left pad
 * leaves one space between columns, and room for Last used in the 56 columns of an 80×24 pane.
 */
const tight = (text: string): string => text.slice(1);

/** ink-table builds its rows once, in its constructor: cell and header are fixed components that read the theme themselves. */
const Cell = ({column, children}: CellProps) => {
  const theme = useTheme();
  const text = tight(String(children));
  if (column === 3 && text.includes('expired')) return <Text color={theme.error}>{text}</Text>;
  if (column === 1 && /\bin \d|today/.test(text)) return <Text color={theme.warning}>{text}</Text>;
  return <Text>{text}</Text>;
};

const Header = ({children}: {children?: React.ReactNode}) => {
  const theme = useTheme();
  return (
    <Text bold color={theme.heading}>
      {tight(String(children))}
    </Text>
  );
};

/** What the Expires column says of a token issued by automatic authorization ("does not expire (automatic)" in F1). */
export const AUTOMATIC_EXPIRES = 'never (auto)';

/** The date; within 14 days of expiry "in N days" (the column's name makes it "expires in N days"). */
const expiresCell = (token: OAuthToken, now: Date): string => {
  if (token.expiresAt === null && isAutomaticToken(token)) return AUTOMATIC_EXPIRES;
  const note = expiryNote(token, now);
  return note?.kind === 'expiring' ? expiresInText(note.days) : formatDate(token.expiresAt);
};

/** ink-table draws box lines around and between rows; the grid leaves them out (two lines per token would not fit). */
const NoSkeleton = () => null;

const sameRows = (before: readonly GridRow[], after: readonly GridRow[]): boolean =>
  before.length === after.length && before.every((row, index) => COLUMNS.every(column => row[column] === after[index]![column]));

const GridTable = memo(
  ({data}: {data: GridRow[]}) => <Table data={data} columns={COLUMNS} padding={1} cell={Cell} header={Header} skeleton={NoSkeleton} />,
  (before, after) => sameRows(before.data, after.data),
);

const MARKER_WIDTH = 2;

/** Two columns, as ink-table drew the marker column: blank beside the heading, "›" beside the focused token. */
const MarkerColumn = ({rows, marked}: {rows: number; marked: number | undefined}) => {
  const theme = useTheme();
  const lines = [<Text key="heading"> </Text>];
  for (let row = 0; row < rows; row++) {
    lines.push(
      row === marked ? (
        <Text key={row} color={theme.focus} bold>
          {FOCUS_MARKER}
        </Text>
      ) : (
        <Text key={row}> </Text>
      ),
    );
  }
  return (
    <Box flexDirection="column" width={MARKER_WIDTH} flexShrink={0}>
      {lines}
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
        <GridTable data={data} />
      </Box>
      {more ? <Text color={theme.muted}>{more}</Text> : null}
    </Box>
  );
};
