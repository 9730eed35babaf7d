/**
 * The OAuth token grid (Created, Expires, OAuth Token, Active) drawn with the ESM ink-table,
 * borderless so that it fits 80×24, and only the rows in view handed to it.
 */
import {Table, type CellProps} from '@alcalzone/ink-table';
import {Box, Text} from 'ink';
import React from 'react';
import {expiresInText, expiryNote, shortenCredential, type OAuthToken} from '../domain/index.js';
import {activeLabel, formatDate} from './format.js';
import {formatLastUsed} from './format-last-used.js';
import {FOCUS_MARKER, useTheme} from './theme.js';
import {useScrollTop} from './use-scroll-top.js';

type GridRow = {' ': string; Created: string; Expires: string; 'OAuth Token': string; Active: string; 'Last used': string};

const COLUMNS: (keyof GridRow)[] = [' ', 'Created', 'Expires', 'OAuth Token', 'Active', 'Last used'];

/**
 * ink-table pads both sides of every cell (a padding of 0 reads as 1): dropping the left pad
 * leaves one space between columns, and room for Last used in the 56 columns of an 80×24 pane.
 */
const tight = (text: string): string => text.slice(1);

/** ink-table builds its rows once, in its constructor: cell and header are fixed components that read the theme themselves. */
const Cell = ({column, children}: CellProps) => {
  const theme = useTheme();
  const text = tight(String(children));
  if (column === 0 && text.includes(FOCUS_MARKER)) return <Text color={theme.focus} bold>{text}</Text>;
  if (column === 4 && text.includes('expired')) return <Text color={theme.error}>{text}</Text>;
  if (column === 2 && /\bin \d|today/.test(text)) return <Text color={theme.warning}>{text}</Text>;
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

/** The date; within 14 days of expiry "in N days" (the column's name makes it "expires in N days"). */
const expiresCell = (token: OAuthToken, now: Date): string => {
  const note = expiryNote(token, now);
  return note?.kind === 'expiring' ? expiresInText(note.days) : formatDate(token.expiresAt);
};

/** ink-table draws box lines around and between rows; the grid leaves them out (two lines per token would not fit). */
const NoSkeleton = () => null;

export const TokenGrid = ({tokens, focusedIndex, focused, height, now, lastUsed}: {tokens: readonly OAuthToken[]; focusedIndex: number; focused: boolean; height: number; now: Date; lastUsed?: ReadonlyMap<string, Date> | undefined}) => {
  const theme = useTheme();
  // When not every token fits, one line says which ones are shown.
  const rows = tokens.length > height ? Math.max(1, height - 1) : height;
  const top = useScrollTop(focusedIndex, rows, tokens.length);
  if (tokens.length === 0) {
    return <Text color={theme.muted}>{'  No OAuth tokens yet: Enter on the button, or ^G.'}</Text>;
  }
  const visible = tokens.slice(top, top + rows);
  const data: GridRow[] = visible.map((token, offset) => ({
    ' ': focused && top + offset === focusedIndex ? FOCUS_MARKER : ' ',
    Created: formatDate(token.createdAt),
    Expires: expiresCell(token, now),
    'OAuth Token': shortenCredential(token.token),
    Active: activeLabel(token, now),
    'Last used': formatLastUsed(lastUsed?.get(token.id), now),
  }));
  const more = rows < tokens.length ? `  ${top + 1}–${top + visible.length} of ${tokens.length} tokens` : '';
  return (
    <Box flexDirection="column">
      <Table data={data} columns={COLUMNS} padding={1} cell={Cell} header={Header} skeleton={NoSkeleton} />
      {more ? <Text color={theme.muted}>{more}</Text> : null}
    </Box>
  );
};
