/** Ctrl+Y: the history of the highlighted third party (list) or of the open one; it scrolls as F1 does. */
import {closeDialog} from '../../console/draft.js';
import type {ConsoleState} from '../../console/state.js';
import type {KeyContext, KeyInput} from '../../console/bindings.js';
import {scrollBindings, scrolledTop} from '../../widgets/scroll.js';
import {savedThirdParty} from '../../console/draft.js';
import {historyLines} from './history-lines.js';

/** The newest entries read at most: the history scrolls through them; the audit log has them all. */
export const HISTORY_LIMIT = 500;

export const openHistory = (state: ConsoleState): ConsoleState => {
  const target =
    state.focus === 'list' ? state.thirdParties[state.listIndex] : state.draft && !state.draft.isNew ? state.draft.thirdParty : undefined;
  if (!target) return {...state, notice: 'No history yet: it starts with the first save.'};
  const saved = savedThirdParty(state, target.id) ?? target;
  return {
    ...state,
    dialog: {kind: 'history', id: saved.id, name: saved.name, entries: undefined, top: 0},
    request: {kind: 'history', id: saved.id, limit: HISTORY_LIMIT},
  };
};

/** The history shows as many rows as the help, as wide (the same pane, app.tsx's pages). */
const scroll = ({state, pages}: KeyInput, by: number): ConsoleState => {
  const dialog = state.dialog;
  if (dialog?.kind !== 'history') return state;
  const rows = historyLines(dialog.entries ?? [], pages.helpWidth).length;
  return {...state, dialog: {...dialog, top: scrolledTop(dialog.top ?? 0, by, rows, pages.helpPage)}};
};

export const historyKeys: KeyContext = {
  id: 'history',
  title: 'In the history',
  global: 'exits',
  bindings: [
    ...scrollBindings(scroll, ({pages}) => pages.helpPage),
    {keys: ['escape', 'return', 'ctrl+y'], description: 'close the history', label: 'close', handler: ({state}) => closeDialog(state)},
  ],
};
