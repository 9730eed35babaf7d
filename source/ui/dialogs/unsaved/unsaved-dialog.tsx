/** Asked before unsaved changes would be lost: Save, Discard or Cancel. */
import {Box, Text} from 'ink';
import React from 'react';
import type {PendingAction} from '../../console/state.js';
import {UNSAVED_CHOICES} from './unsaved-state.js';
import {Pane} from '../../widgets/pane.js';
import {Paragraph} from '../../widgets/paragraph.js';
import {ChoiceButtons} from '../../widgets/choice-buttons.js';
import {KeyLine} from '../../keys/key-line.js';
import {unsavedKeys} from './unsaved-keys.js';
import type {DialogEntry} from '../dialog-entry.js';
import {toDisplayText} from '../../../domain/index.js';

const QUESTION: Record<PendingAction['kind'], string> = {
  quit: 'before you quit?',
  open: 'before you open another third party?',
  new: 'before you start a new third party?',
};

export const UnsavedDialog = ({
  name,
  then,
  choice,
  width,
  height,
}: {
  name: string;
  then: PendingAction;
  choice: number;
  width: number;
  height: number;
}) => {
  return (
    <Pane title="Unsaved changes" width={width} height={height} active>
      <Text> </Text>
      <Paragraph>{`Save the changes to ${name} ${QUESTION[then.kind]}`}</Paragraph>
      <Text> </Text>
      <ChoiceButtons labels={UNSAVED_CHOICES} choice={choice} />
      <Text> </Text>
      <Box paddingX={1}>
        <KeyLine context={unsavedKeys} width={width - 4} />
      </Box>
    </Pane>
  );
};

export const unsavedEntry: DialogEntry<'unsaved'> = {
  keys: unsavedKeys,
  place: 'beside',
  View: ({dialog, state, width, height}) =>
    state.draft ? (
      <UnsavedDialog
        name={toDisplayText(state.draft.name.text.trim()) || 'the new third party'}
        then={dialog.then}
        choice={dialog.choice}
        width={width}
        height={height}
      />
    ) : null,
};
