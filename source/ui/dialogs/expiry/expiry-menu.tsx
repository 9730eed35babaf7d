/** Enter on a token row: when the token expires, from a preset or a typed date. */
import {Box, Text} from 'ink';
import React from 'react';
import {calendarDaysUntil, EXPIRY_PRESETS, expiryForPreset, shortenCredential, tokenState, type OAuthToken} from '../../../domain/index.js';
import {DialogError} from '../../widgets/dialog-error.js';
import {formatDate} from '../../widgets/format.js';
import {EXPIRY_DATE_CHOICE, type ExpiryDialog} from './expiry-state.js';
import {Pane} from '../../widgets/pane.js';
import {Paragraph} from '../../widgets/paragraph.js';
import {TextField} from '../../widgets/text-field.js';
import {FOCUS_MARKER, useTheme} from '../../widgets/theme.js';
import type {DialogEntry} from '../dialog-entry.js';
import {expiryKeys} from './expiry-keys.js';
import {tokenOf} from '../../console/draft.js';

const currentExpiry = (token: OAuthToken, now: Date): string => {
  if (token.expiresAt === null) return 'never expires';
  const date = formatDate(token.expiresAt);
  if (tokenState(token, now) === 'expired') return `expired ${date}`;
  const days = calendarDaysUntil(new Date(token.expiresAt), now);
  return `expires ${date} (${days === 0 ? 'today' : days === 1 ? 'in 1 day' : `in ${days} days`})`;
};

const LABEL_WIDTH = 14;

export const ExpiryMenu = ({
  dialog,
  token,
  now,
  width,
  height,
}: {
  dialog: ExpiryDialog;
  token: OAuthToken;
  now: Date;
  width: number;
  height: number;
}) => {
  const theme = useTheme();
  const item = (index: number, label: string, detail: React.ReactNode) => {
    const chosen = index === dialog.choice;
    return (
      <Box key={label}>
        <Text color={chosen ? theme.focus : undefined} bold={chosen}>
          {chosen ? ` ${FOCUS_MARKER} ` : '   '}
        </Text>
        <Box width={LABEL_WIDTH} flexShrink={0}>
          <Text color={chosen ? theme.focus : undefined} bold={chosen}>
            {label}
          </Text>
        </Box>
        {detail}
      </Box>
    );
  };
  return (
    <Pane title={`Expiry of ${shortenCredential(token.token)}`} width={width} height={height} active>
      <Paragraph>{`Now it ${currentExpiry(token, now)}.`}</Paragraph>
      <Paragraph>Change it to:</Paragraph>
      {EXPIRY_PRESETS.map(({preset, label}, index) => {
        const date = expiryForPreset(preset, now);
        return item(index, label, <Text color={theme.muted}>{date === null ? 'does not expire' : formatDate(date.toISOString())}</Text>);
      })}
      {item(
        EXPIRY_DATE_CHOICE,
        'on a date',
        <Box>
          <Box width={12}>
            <TextField value={dialog.date} width={12} focused={dialog.choice === EXPIRY_DATE_CHOICE} placeholder="YYYY-MM-DD" />
          </Box>
          <Text color={theme.muted}> the end of that day</Text>
        </Box>,
      )}
      <Text> </Text>
      <DialogError message={dialog.error} />
      <Paragraph color={theme.muted}>The change is saved with the record (Ctrl+S).</Paragraph>
    </Pane>
  );
};

export const expiryEntry: DialogEntry<'expiry'> = {
  keys: expiryKeys,
  place: 'beside',
  View: ({dialog, state, now, width, height}) => {
    const token = tokenOf(state.draft?.thirdParty, dialog.tokenId);
    return token ? <ExpiryMenu dialog={dialog} token={token} now={now} width={width} height={height} /> : null;
  },
};
