/** Asked before unsaved changes would be lost: Save, Discard or Cancel. */
import {perform, requestSave} from '../../console/actions.js';
import {closeDialog, dialogChoice, dialogOf} from '../../console/draft.js';
import {UNSAVED_CHOICES} from './unsaved-state.js';
import type {KeyContext} from '../../console/bindings.js';
import {choiceBindings} from '../../keys/choice-keys.js';

export const unsavedKeys: KeyContext = {
  id: 'unsaved',
  title: 'Asked about unsaved changes',
  global: 'exits',
  bindings: choiceBindings({
    labels: UNSAVED_CHOICES,
    descriptions: ['save the changes, then go on', 'drop the changes, then go on', 'stay in the form; nothing is lost'],
    ...dialogChoice('unsaved'),
    choose: ({state, env}, index) => {
      const dialog = dialogOf(state, 'unsaved');
      return index === 0
        ? requestSave(closeDialog(state), dialog.then)
        : index === 1
          ? perform(state, dialog.then, env)
          : closeDialog(state);
    },
  }),
};
