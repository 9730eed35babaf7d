/** A dialog's row of buttons; the chosen one is marked and inverse, so it shows without colour too. */
import {Box, Text} from 'ink';
import React from 'react';
import {FOCUS_MARKER, useTheme} from './theme.js';

export const ChoiceButtons = ({labels, choice}: {labels: readonly string[]; choice: number}) => {
  const theme = useTheme();
  return (
    <Box flexWrap="wrap">
      {labels.map((label, index) => (
        <Text key={label} color={index === choice ? theme.focus : undefined} bold={index === choice} inverse={index === choice}>
          {` ${index === choice ? FOCUS_MARKER : ' '} ${label} `}
        </Text>
      ))}
    </Box>
  );
};
