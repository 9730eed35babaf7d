/**
 * Ctrl+O: the OAuth information the third party needs, as it will be sent. On screen the secret
 * and the token are shortened until revealed (Ctrl+R); what is copied or written has them in full.
 */
import {Box, Text} from 'ink';
import React from 'react';
import {automaticSheetLines, DEFAULT_SERVER_URL, oauthSheetLines, type OAuthToken, type ThirdParty} from '../../../domain/index.js';
import {formatDate, formatTime} from '../../widgets/format.js';
import type {LifecycleDialog} from '../lifecycle-state.js';
import {Pane} from '../../widgets/pane.js';
import {Paragraph} from '../../widgets/paragraph.js';
import {TextField} from '../../widgets/text-field.js';
import {FOCUS_MARKER, useTheme} from '../../widgets/theme.js';

/** The curl command on screen, one argument a line (shell continuations), so it breaks only between arguments. */
const commandLines = (line: string): string[] => {
  if (!line.startsWith('curl ')) return [line];
  const parts = line.split(/ (?=-[ud] |http)/);
  return parts.map((part, index) => `${index === 0 ? '' : '  '}${part}${index < parts.length - 1 ? ' \\' : ''}`);
};

export const SendSheet = ({
  dialog,
  thirdParty,
  token,
  issuer,
  width,
  height,
}: {
  dialog: Extract<LifecycleDialog, {kind: 'send'}>;
  thirdParty: ThirdParty;
  /** Undefined for a third party with a callback URL: its sheet has the flow instead of a token. */
  token: OAuthToken | undefined;
  issuer?: string | undefined;
  width: number;
  height: number;
}) => {
  const theme = useTheme();
  // The title and the closing advice are in the copy only; the pane has its own title.
  const options = {concealed: !dialog.revealed};
  const lines = (
    thirdParty.callbackUrl || !token
      ? automaticSheetLines(thirdParty, issuer ?? DEFAULT_SERVER_URL, options)
      : oauthSheetLines(thirdParty, token, options)
  ).slice(2, -2);
  return (
    <Pane title="Send OAuth information" width={width} height={height} active>
      {lines.flatMap(commandLines).map((line, index) => (
        <Paragraph key={index}>{line || ' '}</Paragraph>
      ))}
      {thirdParty.enabled ? null : <Paragraph color={theme.warning}>Enabled is not selected: access is refused until it is.</Paragraph>}
      {token?.sentAt && !thirdParty.callbackUrl ? (
        <Text
          color={theme.muted}
        >{` This token was last sent ${formatDate(token.sentAt)} ${formatTime(new Date(token.sentAt)).slice(0, 5)}.`}</Text>
      ) : null}
      <Text> </Text>
      {dialog.step === 'sheet' ? null : (
        <Box>
          <Text color={theme.focus} bold>{` ${FOCUS_MARKER} File `}</Text>
          <TextField value={dialog.path} width={width - 10} focused={dialog.step === 'path'} />
        </Box>
      )}
      {dialog.message ? (
        <Paragraph color={dialog.message.tone === 'error' ? theme.error : theme.ok}>{dialog.message.text}</Paragraph>
      ) : null}
    </Pane>
  );
};
