/** At start: unsaved changes from a session that ended without saving. */
import {Box, Text} from 'ink';
import React from 'react';
import {toDisplayText} from '../../../domain/index.js';
import {ChoiceButtons} from '../../widgets/choice-buttons.js';
import {formatDate, formatTime} from '../../widgets/format.js';
import {Pane} from '../../widgets/pane.js';
import {RECOVERY_CHOICES, type RecoveryDialog as RecoveryDialogState} from './recovery-dialog-state.js';
import {useTheme} from '../../widgets/theme.js';
import {KeyLine} from '../../keys/key-line.js';
import {recoveryKeys} from './recovery-keys.js';
import type {DialogEntry} from '../dialog-entry.js';

export const RecoveryDialog = ({dialog, width, height}: {dialog: RecoveryDialogState; width: number; height: number}) => {
  const theme = useTheme();
  const {recovered} = dialog;
  // A message: the name wraps with it, whole.
  const name = toDisplayText(recovered.thirdParty.name.trim()) || 'a new third party';
  const at = `${formatDate(recovered.savedAt.toISOString())} ${formatTime(recovered.savedAt)}`;
  return (
    <Pane title="Unsaved changes found" width={width} height={height} active>
      <Box flexDirection="column" paddingX={1}>
        <Text> </Text>
        <Text wrap="wrap">{`The last session ended at ${at} with unsaved changes to ${name}${recovered.original ? '' : ' (new)'}.`}</Text>
        {recovered.changedSince ? (
          <Text wrap="wrap" color={theme.warning}>
            It has been saved by someone else since: if you restore it, saving shows who changed it and asks what to do.
          </Text>
        ) : null}
        <Text> </Text>
        <ChoiceButtons labels={RECOVERY_CHOICES} choice={dialog.choice} />
        <Text> </Text>
        <Text wrap="wrap">Restore: back in the form, not yet saved. Discard: drop them. Later: ask again at the next start.</Text>
        <Text> </Text>
        <KeyLine context={recoveryKeys} width={width - 4} />
      </Box>
    </Pane>
  );
};

export const recoveryEntry: DialogEntry<'recovery'> = {keys: recoveryKeys, place: 'beside', View: RecoveryDialog};
