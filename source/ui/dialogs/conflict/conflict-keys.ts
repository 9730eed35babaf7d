/** Another console saved the same third party first: reload theirs, keep mine in a copy, or cancel. */
import {dialogOf} from '../../console/draft.js';
import type {KeyContext} from '../../keys/binding.js';
import {choiceBindings} from '../../keys/choice-keys.js';
import {CONFLICT_CHOICES, chooseConflict} from './conflict-dialog-state.js';

export const conflictKeys: KeyContext = {
  id: 'conflict',
  title: 'Changed by another console',
  global: 'exits',
  bindings: choiceBindings({
    labels: CONFLICT_CHOICES,
    descriptions: [
      'show the saved version; your changes are dropped',
      'write your version to a file of its own, then show theirs',
      'keep editing; nothing is saved',
    ],
    current: state => dialogOf(state, 'conflict').choice,
    move: (state, choice) => ({...state, dialog: {...dialogOf(state, 'conflict'), choice}}),
    choose: ({state}, index) => chooseConflict(state, dialogOf(state, 'conflict'), index),
  }),
};
