/** F1: every key of the keymap, from the same table the router uses. */
import {Box, Text} from 'ink';
import React from 'react';
import {formatKey, keymap} from './keymap.js';
import {Pane} from './pane.js';
import {useTheme} from './theme.js';

export const HelpDialog = ({width, height}: {width: number; height: number}) => {
  const theme = useTheme();
  return (
    <Pane title="Help: keys" width={width} height={height} active>
      {keymap.map(binding => (
        <Box key={binding.action}>
          <Box width={18} flexShrink={0}>
            <Text bold color={theme.focus}>{` ${binding.keys.map(key => formatKey(key)).join(', ')}`}</Text>
          </Box>
          <Text wrap="truncate-end">{binding.description}</Text>
        </Box>
      ))}
    </Pane>
  );
};
