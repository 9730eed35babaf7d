/** At start: unsaved changes of an earlier session. Restore, discard, or decide later. */
import {dialogChoice, dialogOf} from '../../console/draft.js';
import type {KeyContext} from '../../console/bindings.js';
import {choiceBindings} from '../../keys/choice-keys.js';
import {chooseRecovery, RECOVERY_CHOICES} from './recovery-dialog-state.js';

export const recoveryKeys: KeyContext = {
  id: 'recovery',
  title: 'Unsaved changes from an earlier session',
  global: 'exits',
  bindings: choiceBindings({
    labels: RECOVERY_CHOICES,
    descriptions: ['put them back in the form, unsaved', 'drop them', 'keep them for the next start'],
    ...dialogChoice('recovery'),
    choose: ({state}, index) => chooseRecovery(state, dialogOf(state, 'recovery'), index),
  }),
};
