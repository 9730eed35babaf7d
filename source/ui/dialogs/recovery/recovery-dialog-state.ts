/**
 * At start: unsaved changes that a session left when it ended without saving (SSH dropped,
 * SIGTERM). Restore puts them back in the form, unsaved; Discard drops them; Later leaves the
 * recovery file for the next start.
 */
import type {RecoveredChanges} from '../../../domain/index.js';
import {draftOf} from '../../console/draft.js';
import type {ConsoleState} from '../../console/state.js';

export const RECOVERY_CHOICES = ['Restore', 'Discard', 'Later'] as const;

export interface RecoveryDialog {
  readonly kind: 'recovery';
  readonly recovered: RecoveredChanges;
  readonly choice: number;
}

/** The recovery file is removed once its changes are back in the form or discarded. */
export type RecoveryRequest = {readonly kind: 'settleRecovery'; readonly restored: boolean};

/** A button of the dialog pressed (recovery-keys.ts binds the keys). */
export const chooseRecovery = (state: ConsoleState, dialog: RecoveryDialog, index: number): ConsoleState => {
  if (index === 2) return {...state, dialog: undefined, notice: 'The unsaved changes are kept; they are offered again at the next start.'};
  if (index === 1)
    return {...state, dialog: undefined, request: {kind: 'settleRecovery', restored: false}, notice: 'The unsaved changes were discarded.'};
  const {thirdParty} = dialog.recovered;
  const listIndex = state.thirdParties.findIndex(candidate => candidate.id === thirdParty.id);
  const savedOne = state.thirdParties[listIndex];
  const draft = {...draftOf(thirdParty, listIndex === -1), modified: true, restored: true, ...(savedOne ? {original: savedOne} : {})};
  return {
    ...state,
    dialog: undefined,
    listIndex: listIndex === -1 ? state.listIndex : listIndex,
    draft,
    focus: 'name',
    gridIndex: 0,
    errors: {},
    validateLive: false,
    // The changes now live in the form (and go back to a recovery file if this session ends too).
    request: {kind: 'settleRecovery', restored: true},
    notice: 'Restored the unsaved changes: check them, then save with Ctrl+S.',
  };
};
