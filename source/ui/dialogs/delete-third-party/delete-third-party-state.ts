/** Delete in the list: the third party's name typed to confirm; the deletion, and what comes back. */
import {createThirdParty, toDisplayText, type Environment} from '../../../domain/index.js';
import {draftOf, withThirdParties} from '../../console/draft.js';
import type {ConsoleState} from '../../console/state.js';
import type {TextValue} from '../../widgets/text-editing.js';

export interface DeleteThirdPartyDialog {
  readonly kind: 'deleteThirdParty';
  readonly id: string;
  readonly name: string;
  readonly typed: TextValue;
  readonly error?: string;
}

export type DeleteThirdPartyRequest = {readonly kind: 'deleteThirdParty'; readonly id: string; readonly name: string};

export type DeleteThirdPartyAction =
  | {readonly type: 'deleted'; readonly id: string; readonly name: string; readonly at: Date}
  | {readonly type: 'deleteFailed'; readonly message: string};

/** After a delete: the list without it; the form moves to its neighbour, or to a new record when none is left. */
const afterDelete = (state: ConsoleState, id: string, name: string, at: Date, env: Environment): ConsoleState => {
  const thirdParties = state.thirdParties.filter(thirdParty => thirdParty.id !== id);
  const listIndex = Math.max(0, Math.min(state.listIndex, thirdParties.length - 1));
  const wasOpen = state.draft?.thirdParty.id === id;
  const neighbour = thirdParties[listIndex];
  const base = withThirdParties(state, thirdParties);
  const notice = `Deleted ${toDisplayText(name)}.`;
  const common = {dialog: undefined, request: undefined, status: {kind: 'saved', at} as const, listIndex, notice};
  if (!wasOpen) return {...base, ...common};
  return {
    ...base,
    ...common,
    draft: neighbour ? draftOf(neighbour, false) : draftOf(createThirdParty(env), true),
    focus: neighbour ? 'list' : 'name',
    gridIndex: 0,
    revealed: false,
    errors: {},
    validateLive: false,
  };
};

export const reduceDeleteThirdParty = (state: ConsoleState, action: DeleteThirdPartyAction, env: Environment): ConsoleState => {
  switch (action.type) {
    case 'deleted':
      return afterDelete(state, action.id, action.name, action.at, env);
    case 'deleteFailed': {
      const {dialog} = state;
      return {
        ...state,
        request: undefined,
        status: {kind: 'failed', message: action.message},
        dialog: dialog?.kind === 'deleteThirdParty' ? {...dialog, error: `Not deleted: ${action.message}`} : dialog,
      };
    }
  }
};
