/** F1: every key of the keymap, from the same table the router uses; it scrolls when they do not all fit. */
import {Box, Text} from 'ink';
import React from 'react';
import {formatKey, HELP_LINES} from '../../keys/keymap.js';
import {Pane} from '../../widgets/pane.js';
import {useTheme} from '../../widgets/theme.js';

export const HelpDialog = ({width, height, top = 0}: {width: number; height: number; top?: number}) => {
  const theme = useTheme();
  const room = Math.max(1, height - 2);
  const fits = HELP_LINES.length <= room;
  const visible = fits ? room : room - 1;
  const first = Math.min(top, Math.max(0, HELP_LINES.length - visible));
  const shown = HELP_LINES.slice(first, first + visible);
  return (
    <Pane title="Help: keys" width={width} height={height} active>
      {shown.map((line, index) =>
        'heading' in line ? (
          <Text key={`heading-${index}`} bold color={theme.heading}>{` ${line.heading}`}</Text>
        ) : (
          <Box key={`${line.binding.where ?? ''}${line.binding.action}`}>
            <Box width={18} flexShrink={0}>
              <Text bold color={theme.focus}>{` ${line.binding.keys.map(key => formatKey(key)).join(', ')}`}</Text>
            </Box>
            <Text wrap="truncate-end">{line.binding.description}</Text>
          </Box>
        ),
      )}
      {fits ? null : (
        <Text color={theme.muted}>{` ${first + 1}–${first + shown.length} of ${HELP_LINES.length} · ↑↓ PgUp PgDn scroll`}</Text>
      )}
    </Pane>
  );
};
