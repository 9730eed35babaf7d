/** Ctrl+W: the authorization requests waiting for approval, oldest first, updated live. */
import {Box, Text} from 'ink';
import React from 'react';
import {toDisplayText} from '../../../domain/index.js';
import type {ApprovalsView} from '../../live/live-sources.js';
import {formatTime} from '../../widgets/format.js';
import {Pane} from '../../widgets/pane.js';
import {Paragraph} from '../../widgets/paragraph.js';
import {FOCUS_MARKER, useTheme} from '../../widgets/theme.js';
import {waitedText, type ApprovalsDialog as Dialog} from './approvals-state.js';

export const ApprovalsDialog = ({
  dialog,
  approvals,
  notice,
  now,
  width,
  height,
}: {
  dialog: Dialog;
  approvals: ApprovalsView | undefined;
  /** What came of the last key (approved, denied, refused). */
  notice: string | undefined;
  now: Date;
  width: number;
  height: number;
}) => {
  const theme = useTheme();
  const pending = approvals?.pending ?? [];
  // Three lines per request: who, from where and since when, the redirect URI.
  const room = Math.max(1, Math.floor((height - 4 - (notice ? 2 : 0)) / 3));
  const top = Math.max(0, Math.min(dialog.index - room + 1, pending.length - room));
  const shown = pending.slice(top, top + room);
  return (
    <Pane title={`Waiting for approval (${pending.length})`} width={width} height={height} active>
      {notice ? <Paragraph color={theme.ok}>{notice}</Paragraph> : null}
      {!approvals?.connected ? (
        <Paragraph
          color={theme.muted}
        >{`Not connected: ${approvals?.why ?? 'no server running for this data file (tpa serve)'}.`}</Paragraph>
      ) : pending.length === 0 ? (
        <Text color={theme.muted}>{' No authorization requests wait for approval.'}</Text>
      ) : null}
      {shown.map((request, offset) => {
        const highlighted = top + offset === dialog.index;
        return (
          <Box key={request.id} flexDirection="column">
            <Text bold={highlighted} color={highlighted ? theme.focus : undefined} wrap="truncate-end">
              {`${highlighted ? FOCUS_MARKER : ' '} ${toDisplayText(request.thirdPartyName)}`}
            </Text>
            <Text wrap="truncate-end">
              {`   from ${toDisplayText(request.remote)}, since ${formatTime(new Date(request.since)).slice(0, 5)} (${waitedText(request.since, now)})`}
            </Text>
            <Text color={theme.muted} wrap="truncate-end">{`   to ${toDisplayText(request.redirectUri)}`}</Text>
          </Box>
        );
      })}
      {pending.length > room ? <Text color={theme.muted}>{` ${top + 1}–${top + shown.length} of ${pending.length}`}</Text> : null}
    </Pane>
  );
};
