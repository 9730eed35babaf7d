/** F1: every key, the marks and the procedure, across the whole width; it scrolls to its last line and says where it is. */
import {Box, Text} from 'ink';
import React from 'react';
import {Pane} from '../../widgets/pane.js';
import {pageRows, scrollWindow} from '../../widgets/scroll.js';
import {useTheme} from '../../widgets/theme.js';
import {helpRows, KEYS_COLUMN} from './help-lines.js';

/** The rows the help shows at once in a pane of this height (a line is kept for "where am I"). */
export const helpPageRows = pageRows;

export const HelpDialog = ({width, height, top = 0}: {width: number; height: number; top?: number}) => {
  const theme = useTheme();
  const rows = helpRows(width - 2);
  const {shown, where} = scrollWindow(rows, top, helpPageRows(height));
  return (
    <Pane title="Help" width={width} height={height} active>
      {shown.map((row, index) =>
        row.kind === 'heading' ? (
          <Text key={index} bold color={theme.heading}>{` ${row.text}`}</Text>
        ) : row.kind === 'text' ? (
          <Text key={index}>{` ${row.text}`}</Text>
        ) : (
          <Box key={index}>
            <Box width={KEYS_COLUMN} flexShrink={0}>
              <Text bold color={theme.focus}>{` ${row.keys}`}</Text>
            </Box>
            <Text>{row.text}</Text>
          </Box>
        ),
      )}
      <Text color={theme.muted}>{` ${where}`}</Text>
    </Pane>
  );
};
