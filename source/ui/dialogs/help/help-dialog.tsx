/** F1: the procedure, every key and the marks, across the whole width; it scrolls to its last line and says where it is; `/` marks the lines found. */
import {Box, Text} from 'ink';
import React from 'react';
import {Pane} from '../../widgets/pane.js';
import {pageRows, scrollWindow} from '../../widgets/scroll.js';
import {useTheme} from '../../widgets/theme.js';
import {toDisplayText} from '../../../domain/index.js';
import type {HelpDialog as Help} from './help-state.js';
import {TextField} from '../../widgets/text-field.js';
import {helpRowText, KEYS_COLUMN, type HelpRow} from './help-row.js';
import type {DialogEntry} from '../dialog-entry.js';
import {helpKeys} from './help-keys.js';

/** The rows the help shows at once in a pane of this height (a line is kept for "where am I"). */
export const helpPageRows = pageRows;

/** `rows`: the help wrapped to this width less the borders (help-lines.ts; app.tsx's pages). */
export const HelpDialog = ({rows, width, height, dialog}: {rows: readonly HelpRow[]; width: number; height: number; dialog: Help}) => {
  const theme = useTheme();
  const {shown, where} = scrollWindow(rows, dialog.top ?? 0, helpPageRows(height));
  const {search} = dialog;
  const needle = search?.query.text.toLowerCase() ?? '';
  const marked = (row: HelpRow) => needle !== '' && helpRowText(row).toLowerCase().includes(needle);
  return (
    <Pane title="Help" width={width} height={height} active>
      {shown.map((row, index) =>
        row.kind === 'heading' ? (
          <Text key={index} bold color={theme.heading} inverse={marked(row)}>{` ${row.text}`}</Text>
        ) : row.kind === 'text' ? (
          <Text key={index} inverse={marked(row)}>{` ${row.text}`}</Text>
        ) : (
          <Box key={index}>
            <Box width={KEYS_COLUMN} flexShrink={0}>
              <Text bold color={theme.focus}>{` ${row.keys}`}</Text>
            </Box>
            <Text inverse={marked(row)}>{row.text}</Text>
          </Box>
        ),
      )}
      {search?.typing ? (
        <Box>
          <Text color={theme.focus}>{' /'}</Text>
          <TextField value={search.query} width={Math.max(1, width - 4)} focused placeholder="what to find" />
        </Box>
      ) : (
        <Text
          color={theme.muted}
          wrap="truncate-end"
        >{` ${where}${search ? ` · /${toDisplayText(search.query.text)} (n next)` : ''}`}</Text>
      )}
    </Pane>
  );
};

export const helpEntry: DialogEntry<'help'> = {
  keys: helpKeys,
  place: 'across',
  View: ({dialog, pages, width, height}) => <HelpDialog dialog={dialog} rows={pages.helpRows} width={width} height={height} />,
};
