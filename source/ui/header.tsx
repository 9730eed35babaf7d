import {Box, Text} from 'ink';
import React from 'react';
import type {Status} from './console-state.js';
import {formatTime} from './format.js';
import {useTheme} from './theme.js';

export const TITLE = 'Connect › Security › Setup/Modify Third Party Access';

/** The title, and on the right whether there is anything unsaved. */
export const Header = ({status, modified, width}: {status: Status; modified: boolean; width: number}) => {
  const theme = useTheme();
  const [text, color] =
    status.kind === 'saving'
      ? ['Saving…', theme.muted]
      : status.kind === 'invalid' || status.kind === 'failed'
        ? ['● not saved', theme.error]
        : modified
          ? ['● modified', theme.warning]
          : status.kind === 'saved'
            ? [`Saved ${formatTime(status.at)}`, theme.ok]
            : ['', undefined];
  return (
    <Box width={width} justifyContent="space-between">
      <Text bold wrap="truncate-end">{` ${TITLE}`}</Text>
      <Text color={color}>{`${text} `}</Text>
    </Box>
  );
};
