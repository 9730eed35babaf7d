/** Ctrl+K: the grace period of the previous secret, in hours. */
import {Box, Text} from 'ink';
import React from 'react';
import {MAX_GRACE_HOURS, toDisplayText, type ThirdParty} from '../../../domain/index.js';
import {DialogError} from '../../widgets/dialog-error.js';
import {Pane} from '../../widgets/pane.js';
import {Paragraph} from '../../widgets/paragraph.js';
import {TextField} from '../../widgets/text-field.js';
import {FOCUS_MARKER, useTheme} from '../../widgets/theme.js';
import type {RotateDialog as Dialog} from './rotate-secret-state.js';
import type {DialogEntry} from '../dialog-entry.js';
import {rotateSecretKeys} from './rotate-secret-keys.js';

export const RotateDialog = ({
  dialog,
  thirdParty,
  width,
  height,
}: {
  dialog: Dialog;
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

export const rotateEntry: DialogEntry<'rotate'> = {
  keys: rotateSecretKeys,
  place: 'beside',
  View: ({dialog, state, width, height}) =>
    state.draft ? <RotateDialog dialog={dialog} thirdParty={state.draft.thirdParty} width={width} height={height} /> : null,
};
