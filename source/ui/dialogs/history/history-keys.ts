/** Ctrl+Y: the history of the highlighted third party (list) or of the open one. */
import {closeDialog} from '../../console/draft.js';
import type {ConsoleState, Pages} from '../../console/state.js';
import type {KeyContext} from '../../keys/binding.js';
import {savedThirdParty} from '../lifecycle-state.js';

export const openHistory = (state: ConsoleState, pages: Pages): ConsoleState => {
  const target =
    state.focus === 'list' ? state.thirdParties[state.listIndex] : state.draft && !state.draft.isNew ? state.draft.thirdParty : undefined;
  if (!target) return {...state, notice: 'No history yet: it starts with the first save.'};
  const saved = savedThirdParty(state, target.id) ?? target;
  return {
    ...state,
    dialog: {kind: 'history', id: saved.id, name: saved.name, entries: undefined},
    // Only what fits is read: each entry takes at least a line.
    request: {kind: 'history', id: saved.id, limit: Math.max(1, pages.list)},
  };
};

export const historyKeys: KeyContext = {
  id: 'history',
  title: 'In the history',
  global: 'exits',
  bindings: [
    {keys: ['escape', 'return', 'ctrl+y'], description: 'close the history', label: 'close', handler: ({state}) => closeDialog(state)},
  ],
};
