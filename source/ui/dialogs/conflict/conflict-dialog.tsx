/** Another console, a command or the server saved this third party first: who and when, and what to do with this version. */
import {Box, Text} from 'ink';
import React from 'react';
import {toDisplayText} from '../../../domain/index.js';
import {ChoiceButtons} from '../../widgets/choice-buttons.js';
import {
  CONFLICT_CHOICES,
  conflictTitle,
  describeChangedBy,
  FILE_DELETED_CHOICES,
  type ConflictDialog as ConflictDialogState,
} from './conflict-dialog-state.js';
import {formatDate, formatTime} from '../../widgets/format.js';
import {Pane} from '../../widgets/pane.js';
import {KeyLine} from '../../keys/key-line.js';
import {CONFLICT_BINDINGS, conflictKeys, FILE_DELETED_BINDINGS} from './conflict-keys.js';
import type {DialogEntry} from '../dialog-entry.js';

const when = (date: Date) => `${formatDate(date.toISOString())} ${formatTime(date)}`;

export const ConflictDialog = ({dialog, width, height}: {dialog: ConflictDialogState; width: number; height: number}) => {
  const {conflict} = dialog;
  // A message: the name wraps with it, whole.
  const name = toDisplayText((conflict.theirs ?? conflict.mine).name) || 'This third party';
  const what = conflict.theirs ? 'changed' : 'deleted';
  const title = conflictTitle(conflict);
  if (conflict.fileDeleted) {
    return (
      <Pane title="The data file was deleted" width={width} height={height} active>
        <Box flexDirection="column" paddingX={1}>
          <Text> </Text>
          <Text wrap="wrap">The data file was deleted (or moved away) after you opened it. Your changes were not saved.</Text>
          <Text> </Text>
          <ChoiceButtons labels={FILE_DELETED_CHOICES} choice={dialog.choice} />
          <Text> </Text>
          <Text wrap="wrap">Write everything: write the file again with every third party this console has, your changes included.</Text>
          <Text wrap="wrap">Keep mine in a copy: write all of them to a file of its own (0600) beside it; the data file stays gone.</Text>
          <Text wrap="wrap">Cancel: keep editing; nothing is saved.</Text>
          <Text> </Text>
          <KeyLine context={{bindings: FILE_DELETED_BINDINGS}} width={width - 4} />
        </Box>
      </Pane>
    );
  }
  return (
    <Pane title={title.title} shortTitle={title.short} width={width} height={height} active>
      <Box flexDirection="column" paddingX={1}>
        <Text> </Text>
        <Text wrap="wrap">{`${name} was ${what} by ${describeChangedBy(conflict, when)}, after you opened it. Your changes were not saved.`}</Text>
        <Text> </Text>
        <ChoiceButtons labels={CONFLICT_CHOICES} choice={dialog.choice} />
        <Text> </Text>
        <Text wrap="wrap">Reload theirs: show the saved version; your changes are dropped.</Text>
        <Text wrap="wrap">Keep mine in a copy: write your version to a file of its own (0600) beside the data file, then show theirs.</Text>
        <Text wrap="wrap">Cancel: keep editing; nothing is saved.</Text>
        <Text> </Text>
        <KeyLine context={{bindings: CONFLICT_BINDINGS}} width={width - 4} />
      </Box>
    </Pane>
  );
};

export const conflictEntry: DialogEntry<'conflict'> = {keys: conflictKeys, place: 'beside', View: ConflictDialog};
