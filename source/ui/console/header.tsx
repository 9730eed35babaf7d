import {Box, Text} from 'ink';
import React from 'react';
import type {Status} from './state.js';
import {formatTime} from '../widgets/format.js';
import {useTheme} from '../widgets/theme.js';

export const TITLE = 'Connect › Security › Setup/Modify Third Party Access';

/** How many third parties have expired or soon expiring tokens (the list marks them ✗ and !). */
export interface ExpiryCounts {
  readonly expired: number;
  readonly expiring: number;
}

/** The title, and on the right the requests waiting for approval, the expiry counts and whether there is anything unsaved. */
export const Header = ({
  status,
  modified,
  width,
  expiry,
  waiting = 0,
}: {
  status: Status;
  modified: boolean;
  width: number;
  expiry?: ExpiryCounts;
  /** Authorization requests waiting for approval (Ctrl+W lists them). */
  waiting?: number;
}) => {
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
      <Box flexShrink={0}>
        {waiting > 0 ? <Text color={theme.warning} bold>{` ${waiting} waiting`}</Text> : null}
        {expiry?.expired ? <Text color={theme.error}>{` ✗${expiry.expired} expired`}</Text> : null}
        {expiry?.expiring ? <Text color={theme.warning}>{` !${expiry.expiring} expiring`}</Text> : null}
        <Text color={color}>{`${text ? ` ${text}` : ''} `}</Text>
      </Box>
    </Box>
  );
};
