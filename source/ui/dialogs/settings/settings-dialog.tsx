/** F2: the authorization server's public address, kept in the data file's settings. */
import {Box, Text} from 'ink';
import React from 'react';
import {Pane} from '../../widgets/pane.js';
import {Paragraph} from '../../widgets/paragraph.js';
import {TextField} from '../../widgets/text-field.js';
import {FOCUS_MARKER, useTheme} from '../../widgets/theme.js';
import type {SettingsDialog as Dialog} from './settings-state.js';
import type {DialogEntry} from '../dialog-entry.js';
import {settingsKeys} from './settings-keys.js';

export const SettingsDialog = ({dialog, width, height}: {dialog: Dialog; width: number; height: number}) => {
  const theme = useTheme();
  return (
    <Pane title="Settings" width={width} height={height} active>
      <Paragraph>
        Public address of the authorization server (issuer): what third parties reach, e.g. your TLS reverse proxy. Discovery, the OAuth
        sheet and the form use it. Empty: the address tpa serve listens on. tpa serve --issuer sets it too.
      </Paragraph>
      <Text> </Text>
      <Box>
        <Text color={theme.focus} bold>{` ${FOCUS_MARKER} Issuer `}</Text>
        <TextField value={dialog.issuer} width={Math.max(1, width - 12)} focused placeholder="the running server's address" />
      </Box>
      {dialog.error ? <Paragraph color={theme.error}>{dialog.error}</Paragraph> : null}
    </Pane>
  );
};

export const settingsEntry: DialogEntry<'settings'> = {keys: settingsKeys, place: 'beside', View: SettingsDialog};
