import {Box, Text} from 'ink';
import React from 'react';
import {MIN_COLUMNS, MIN_ROWS} from './layout.js';

/** Below 80×24 the layout cannot fit: say so instead of drawing it broken. */
export const TooSmall = ({columns, rows}: {columns: number; rows: number}) => (
  <Box flexDirection="column" width={columns}>
    <Text wrap="wrap">{`The terminal is ${columns}×${rows}; tpa needs at least ${MIN_COLUMNS}×${MIN_ROWS}.`}</Text>
    <Text wrap="wrap">Enlarge the window; Ctrl+Q quits.</Text>
  </Box>
);
