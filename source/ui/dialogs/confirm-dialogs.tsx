/** The dialogs that ask before something is deleted or replaced: a token, a third party, the client secret. */
import {Box, Text} from 'ink';
import React from 'react';
import {isUsable, MAX_GRACE_HOURS, shortenCredential, toDisplayText, type OAuthToken, type ThirdParty} from '../../domain/index.js';
import {formatDate} from '../widgets/format.js';
import type {LifecycleDialog} from './lifecycle-state.js';
import {Pane} from '../widgets/pane.js';
import {Paragraph} from '../widgets/paragraph.js';
import {TextField} from '../widgets/text-field.js';
import {FOCUS_MARKER, useTheme} from '../widgets/theme.js';

const DialogError = ({message}: {message: string | undefined}) => {
  const theme = useTheme();
  return message ? <Paragraph color={theme.error}>{`✗ ${message}`}</Paragraph> : null;
};

export const DeleteTokenDialog = ({
  thirdParty,
  token,
  now,
  width,
  height,
}: {
  thirdParty: ThirdParty;
  token: OAuthToken;
  now: Date;
  width: number;
  height: number;
}) => {
  const theme = useTheme();
  const lastUsable = isUsable(token, now) && thirdParty.tokens.filter(other => isUsable(other, now)).length === 1;
  return (
    <Pane title="Delete OAuth token" width={width} height={height} active>
      <Text> </Text>
      <Paragraph>{`Delete the OAuth token ${shortenCredential(token.token)} (created ${formatDate(token.createdAt)}, expires ${formatDate(token.expiresAt)})?`}</Paragraph>
      <Paragraph>The third party can no longer use it once you save (Ctrl+S).</Paragraph>
      {lastUsable ? (
        <Paragraph color={theme.warning}>{`It is the only active token of ${toDisplayText(thirdParty.name)}: its access stops.`}</Paragraph>
      ) : null}
      <Text> </Text>
      <Paragraph color={theme.muted}>Y or Enter delete · N or Esc keep</Paragraph>
    </Pane>
  );
};

export const DeleteThirdPartyDialog = ({
  dialog,
  width,
  height,
}: {
  dialog: Extract<LifecycleDialog, {kind: 'deleteThirdParty'}>;
  width: number;
  height: number;
}) => {
  const theme = useTheme();
  const name = toDisplayText(dialog.name);
  return (
    <Pane title="Delete third party" width={width} height={height} active>
      <Text> </Text>
      <Paragraph>{`Delete ${name} with its client ID, secret and every OAuth token? The data file is written at once; this cannot be undone.`}</Paragraph>
      <Text> </Text>
      <Paragraph>To confirm, type its name:</Paragraph>
      <Box>
        <Text color={theme.focus} bold>{` ${FOCUS_MARKER} `}</Text>
        <TextField value={dialog.typed} width={width - 6} focused placeholder={name} />
      </Box>
      <DialogError message={dialog.error} />
    </Pane>
  );
};

export const RotateDialog = ({
  dialog,
  thirdParty,
  width,
  height,
}: {
  dialog: Extract<LifecycleDialog, {kind: 'rotate'}>;
  thirdParty: ThirdParty;
  width: number;
  height: number;
}) => {
  const theme = useTheme();
  return (
    <Pane title="Rotate client secret" width={width} height={height} active>
      <Text> </Text>
      <Paragraph>{`A new client secret is generated for ${toDisplayText(thirdParty.name) || 'the new third party'}. The current one keeps working for a grace period, so the third party can switch without an outage; 0 hours stops it at once (at most ${MAX_GRACE_HOURS}).`}</Paragraph>
      <Text> </Text>
      <Box>
        <Text color={theme.focus} bold>{` ${FOCUS_MARKER} Grace period `}</Text>
        <Box width={6} flexShrink={0}>
          <TextField value={dialog.hours} width={6} focused />
        </Box>
        <Text> hours</Text>
      </Box>
      <DialogError message={dialog.error} />
      <Text> </Text>
      <Paragraph color={theme.muted}>Save (Ctrl+S), then send the new secret to the third party (Ctrl+O).</Paragraph>
    </Pane>
  );
};
