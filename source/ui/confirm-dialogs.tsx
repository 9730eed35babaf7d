/** The dialogs that ask before something is deleted or replaced: a token, a third party, the client secret. */
import {Box, Text} from 'ink';
import React from 'react';
import {isUsable, MAX_GRACE_HOURS, shortenCredential, toDisplayText, type OAuthToken, type ThirdParty} from '../domain/index.js';
import {formatDate} from './format.js';
import type {LifecycleDialog} from './lifecycle-state.js';
import {Pane} from './pane.js';
import {TextField} from './text-field.js';
import {FOCUS_MARKER, useTheme} from './theme.js';

const DialogError = ({message}: {message: string | undefined}) => {
  const theme = useTheme();
  return message ? <Text color={theme.error} wrap="wrap">{` ✗ ${message}`}</Text> : null;
};

export const DeleteTokenDialog = ({thirdParty, token, now, width, height}: {thirdParty: ThirdParty; token: OAuthToken; now: Date; width: number; height: number}) => {
  const theme = useTheme();
  const lastUsable = isUsable(token, now) && thirdParty.tokens.filter(other => isUsable(other, now)).length === 1;
  return (
    <Pane title="Delete OAuth token" width={width} height={height} active>
      <Text> </Text>
      <Text wrap="wrap">{` Delete the OAuth token ${shortenCredential(token.token)} (created ${formatDate(token.createdAt)}, expires ${formatDate(token.expiresAt)})?`}</Text>
      <Text wrap="wrap">{' The third party can no longer use it once you save (Ctrl+S).'}</Text>
      {lastUsable ? <Text color={theme.warning} wrap="wrap">{` It is the only active token of ${toDisplayText(thirdParty.name)}: its access stops.`}</Text> : null}
      <Text> </Text>
      <Text color={theme.muted}>{' Y or Enter delete · N or Esc keep'}</Text>
    </Pane>
  );
};

export const DeleteThirdPartyDialog = ({dialog, width, height}: {dialog: Extract<LifecycleDialog, {kind: 'deleteThirdParty'}>; width: number; height: number}) => {
  const theme = useTheme();
  const name = toDisplayText(dialog.name);
  return (
    <Pane title="Delete third party" width={width} height={height} active>
      <Text> </Text>
      <Text wrap="wrap">{` Delete ${name} with its client ID, secret and every OAuth token? The data file is written at once; this cannot be undone.`}</Text>
      <Text> </Text>
      <Text wrap="wrap">{' To confirm, type its name:'}</Text>
      <Box>
        <Text color={theme.focus} bold>{` ${FOCUS_MARKER} `}</Text>
        <TextField value={dialog.typed} width={width - 6} focused placeholder={name} />
      </Box>
      <DialogError message={dialog.error} />
    </Pane>
  );
};

export const RotateDialog = ({dialog, thirdParty, width, height}: {dialog: Extract<LifecycleDialog, {kind: 'rotate'}>; thirdParty: ThirdParty; width: number; height: number}) => {
  const theme = useTheme();
  return (
    <Pane title="Rotate client secret" width={width} height={height} active>
      <Text> </Text>
      <Text wrap="wrap">{` A new client secret is generated for ${toDisplayText(thirdParty.name) || 'the new third party'}. The current one keeps working for a grace period, so the third party can switch without an outage.`}</Text>
      <Text> </Text>
      <Box>
        <Text color={theme.focus} bold>{` ${FOCUS_MARKER} `}</Text>
        <Text>{'Grace period  '}</Text>
        <Box width={6}>
          <TextField value={dialog.hours} width={6} focused />
        </Box>
        <Text>{` hours (0 = stops at once; at most ${MAX_GRACE_HOURS})`}</Text>
      </Box>
      <DialogError message={dialog.error} />
      <Text> </Text>
      <Text color={theme.muted} wrap="wrap">{' Send the new secret to the third party (Ctrl+O) after you save.'}</Text>
    </Pane>
  );
};
