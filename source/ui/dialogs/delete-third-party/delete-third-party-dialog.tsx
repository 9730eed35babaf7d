/** Delete on a list row: the admin types the third party's name to confirm. */
import {Box, Text} from 'ink';
import React from 'react';
import {toDisplayText} from '../../../domain/index.js';
import {DialogError} from '../../widgets/dialog-error.js';
import {Pane} from '../../widgets/pane.js';
import {Paragraph} from '../../widgets/paragraph.js';
import {TextField} from '../../widgets/text-field.js';
import {FOCUS_MARKER, useTheme} from '../../widgets/theme.js';
import type {DeleteThirdPartyDialog as Dialog} from './delete-third-party-state.js';
import type {DialogEntry} from '../dialog-entry.js';
import {deleteThirdPartyKeys} from './delete-third-party-keys.js';

export const DeleteThirdPartyDialog = ({dialog, width, height}: {dialog: Dialog; width: number; height: number}) => {
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

export const deleteThirdPartyEntry: DialogEntry<'deleteThirdParty'> = {
  keys: deleteThirdPartyKeys,
  place: 'beside',
  View: DeleteThirdPartyDialog,
};
