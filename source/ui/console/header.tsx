import {Box, Text} from 'ink';
import React from 'react';
import type {Status} from './state.js';
import {formatTime} from '../widgets/format.js';
import {displayWidth} from '../widgets/text-width.js';
import {useTheme} from '../widgets/theme.js';

/** Connect's own path to the screen, shortened from the left only when it does not fit beside the status. */
export const TITLES = [
  'System Management › Security › Setup/Modify Third Party Access',
  'Security › Setup/Modify Third Party Access',
  'Setup/Modify Third Party Access',
] as const;

export const titleFor = (room: number): string => TITLES.find(title => title.length + 1 <= room) ?? 'Setup/Modify Third Party Access';

/** How many third parties have expired or soon expiring tokens (the list marks them ✗ and !). */
export interface ExpiryCounts {
  readonly expired: number;
  readonly expiring: number;
}

/** The title, and on the right the requests waiting for approval, the expiry counts and whether there is anything unsaved. */
export const Header = ({
  status: saveStatus,
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
    saveStatus.kind === 'saving'
      ? ['Saving…', theme.muted]
      : saveStatus.kind === 'invalid' || saveStatus.kind === 'failed'
        ? ['● not saved', theme.error]
        : modified
          ? ['● modified', theme.warning]
          : saveStatus.kind === 'saved'
            ? [`Saved ${formatTime(saveStatus.at)}`, theme.ok]
            : ['', undefined];
  const expired = expiry?.expired ? ` ✗${expiry.expired} expired` : '';
  const expiring = expiry?.expiring ? ` !${expiry.expiring} expiring` : '';
  const status = `${text ? ` ${text}` : ''} `;
  const waitingText = waiting > 0 ? ` ${waiting} waiting` : '';
  const room = width - displayWidth(waitingText + expired + expiring + status);
  return (
    <Box width={width} justifyContent="space-between">
      <Text bold wrap="truncate-end">{` ${titleFor(room)}`}</Text>
      <Box flexShrink={0}>
        {waitingText ? (
          <Text color={theme.warning} bold>
            {waitingText}
          </Text>
        ) : null}
        {expired ? <Text color={theme.error}>{expired}</Text> : null}
        {expiring ? <Text color={theme.warning}>{expiring}</Text> : null}
        <Text color={color}>{status}</Text>
      </Box>
    </Box>
  );
};
