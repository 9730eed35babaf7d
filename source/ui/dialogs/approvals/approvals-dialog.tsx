/** Ctrl+W: the authorization requests waiting for approval, oldest first, updated live. */
import {Box, Text} from 'ink';
import React from 'react';
import {toDisplayText} from '../../../domain/index.js';
import type {ApprovalsView} from '../../live/live-sources.js';
import {formatTime} from '../../widgets/format.js';
import {Pane} from '../../widgets/pane.js';
import {Paragraph} from '../../widgets/paragraph.js';
import {FOCUS_MARKER, useTheme} from '../../widgets/theme.js';
import {wrapToWidth} from '../../widgets/wrap.js';
import {waitedText, type ApprovalsDialog as Dialog} from './approvals-state.js';
import type {DialogEntry} from '../dialog-entry.js';
import {approvalsKeys} from './approvals-keys.js';

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
  const textWidth = Math.max(10, width - 2 - 3);
  // Each request: who, from where and since when, the redirect URI; each wrapped, never cut.
  const linesOf = (request: (typeof pending)[number], highlighted: boolean) => ({
    name: wrapToWidth(toDisplayText(request.thirdPartyName), width - 2 - 2).map(
      (line, index) => `${index > 0 ? ' ' : highlighted ? FOCUS_MARKER : ' '} ${line}`,
    ),
    from: wrapToWidth(
      `from ${toDisplayText(request.remote)}, since ${formatTime(new Date(request.since)).slice(0, 5)} (${waitedText(request.since, now)})`,
      textWidth,
    ),
    to: wrapToWidth(`to ${toDisplayText(request.redirectUri)}`, textWidth),
  });
  const rowsOf = (index: number) => {
    const lines = linesOf(pending[index]!, index === dialog.index);
    return lines.name.length + lines.from.length + lines.to.length;
  };
  // The rows inside the borders, less the notice, and a line kept for "3–4 of 6".
  const noticeRows = notice ? wrapToWidth(notice, width - 4).length : 0;
  const room = Math.max(1, height - 2 - noticeRows - 1);
  // The highlighted request whole, as low as the ones before it allow; then those after it that fit.
  const highlighted = Math.min(dialog.index, Math.max(0, pending.length - 1));
  let top = highlighted;
  let used = pending.length > 0 ? rowsOf(top) : 0;
  while (top > 0 && used + rowsOf(top - 1) <= room) used += rowsOf(--top);
  let end = pending.length > 0 ? highlighted + 1 : 0;
  while (end < pending.length && used + rowsOf(end) <= room) used += rowsOf(end++);
  const shown = pending.slice(top, end);
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
        const lines = linesOf(request, highlighted);
        return (
          <Box key={request.id} flexDirection="column" flexShrink={0}>
            {lines.name.map((line, index) => (
              <Text key={`n${index}`} bold={highlighted} color={highlighted ? theme.focus : undefined}>
                {line}
              </Text>
            ))}
            {lines.from.map((line, index) => (
              <Text key={`f${index}`}>{`   ${line}`}</Text>
            ))}
            {lines.to.map((line, index) => (
              <Text key={`t${index}`} color={theme.muted}>{`   ${line}`}</Text>
            ))}
          </Box>
        );
      })}
      {shown.length < pending.length ? <Text color={theme.muted}>{` ${top + 1}–${top + shown.length} of ${pending.length}`}</Text> : null}
    </Pane>
  );
};

export const approvalsEntry: DialogEntry<'approvals'> = {
  keys: approvalsKeys,
  place: 'beside',
  showsNotice: true,
  View: ({dialog, state, now, width, height}) => (
    <ApprovalsDialog dialog={dialog} approvals={state.approvals} notice={state.notice} now={now} width={width} height={height} />
  ),
};
