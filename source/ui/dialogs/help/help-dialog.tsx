/** F1: the procedure, every key and the marks, across the whole width; it scrolls to its last line and says where it is; `/` marks the lines found. */
import {Box, Text} from 'ink';
import React from 'react';
import {Pane} from '../../widgets/pane.js';
import {pageRows, scrollWindow} from '../../widgets/scroll.js';
import {useTheme} from '../../widgets/theme.js';
import {toDisplayText} from '../../../domain/index.js';
import type {Dialog} from '../../console/state.js';
import {TextField} from '../../widgets/text-field.js';
import {helpRows, helpRowText, KEYS_COLUMN, type HelpRow} from './help-lines.js';

type Help = Extract<Dialog, {kind: 'help'}>;

/** The rows the help shows at once in a pane of this height (a line is kept for "where am I"). */
export const helpPageRows = pageRows;

export const HelpDialog = ({width, height, dialog}: {width: number; height: number; dialog: Help}) => {
  const theme = useTheme();
  const rows = helpRows(width - 2);
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
