/**
 * Another console, a command or the server saved the same third party first: reload theirs, keep mine in a copy, or
 * cancel. When the data file itself was deleted there is nothing to reload: write everything
 * this console has again, keep mine in a copy, or cancel. One context; each set of buttons is
 * there only in its case.
 */
import {dialogChoice, dialogOf} from '../../console/draft.js';
import type {Binding, KeyContext, KeyView} from '../../console/bindings.js';
import {choiceBindings} from '../../keys/choice-keys.js';
import {CONFLICT_CHOICES, chooseConflict, FILE_DELETED_CHOICES} from './conflict-dialog-state.js';

const fileDeleted = ({state}: KeyView): boolean => state.dialog?.kind === 'conflict' && state.dialog.conflict.fileDeleted === true;

const buttons = (labels: readonly string[], descriptions: readonly string[], shown: (view: KeyView) => boolean): Binding[] =>
  choiceBindings({
    labels,
    descriptions,
    ...dialogChoice('conflict'),
    choose: ({state}, index) => chooseConflict(state, dialogOf(state, 'conflict'), index),
  }).map(binding => ({...binding, when: shown}));

/** Another console, a command or the server saved the same third party first. */
export const CONFLICT_BINDINGS: readonly Binding[] = buttons(
  CONFLICT_CHOICES,
  [
    'show the saved version; your changes are dropped',
    'write your version to a file of its own, then show theirs',
    'keep editing; nothing is saved',
  ],
  view => !fileDeleted(view),
);

/** The data file itself was deleted. */
export const FILE_DELETED_BINDINGS: readonly Binding[] = buttons(
  FILE_DELETED_CHOICES,
  [
    'write the data file again with every third party this console has, your change included',
    'write every third party this console has to a file of its own; the data file stays deleted',
    'keep editing; nothing is saved',
  ],
  fileDeleted,
);

export const conflictKeys: KeyContext = {
  id: 'conflict',
  title: 'Changed elsewhere, or the data file deleted',
  global: 'exits',
  bindings: [...CONFLICT_BINDINGS, ...FILE_DELETED_BINDINGS],
};
