/** Ctrl+E or / in the list: type part of a name, ↑↓ to choose among the matches, Enter opens it. */
import {leaveDraft, lookupMatches, moveIndex} from '../../console/actions.js';
import {closeDialog, dialogOf} from '../../console/draft.js';
import type {ConsoleState} from '../../console/state.js';
import {typingHint, type KeyContext, type KeyInput} from '../../keys/binding.js';
import {editText, textValue} from '../../widgets/text-editing.js';

export const openLookup = (state: ConsoleState): ConsoleState => ({
  ...state,
  dialog: {kind: 'lookup', query: textValue(''), matches: state.thirdParties.map((_, index) => index), index: 0},
});

const move =
  (direction: string) =>
  ({state, pages}: KeyInput): ConsoleState => {
    const dialog = dialogOf(state, 'lookup');
    return {...state, dialog: {...dialog, index: moveIndex(dialog.index, dialog.matches.length, direction, pages.list)}};
  };

const openMatch = ({state, env}: KeyInput): ConsoleState => {
  const dialog = dialogOf(state, 'lookup');
  const listIndex = dialog.matches[dialog.index];
  const match = listIndex === undefined ? undefined : state.thirdParties[listIndex];
  if (listIndex === undefined || !match) return {...state, notice: 'No third party has that in its name.'};
  return leaveDraft({...state, dialog: undefined, listIndex}, {kind: 'open', id: match.id}, env);
};

const typeQuery = ({state, key}: KeyInput): ConsoleState | undefined => {
  const dialog = dialogOf(state, 'lookup');
  const edit = editText(dialog.query, key.name, key.text);
  if (!edit) return undefined;
  if (edit.value.text === dialog.query.text) return {...state, dialog: {...dialog, query: edit.value}};
  return {...state, dialog: {...dialog, query: edit.value, matches: lookupMatches(state, edit.value.text), index: 0}};
};

export const lookupKeys: KeyContext = {
  id: 'lookup',
  title: 'In the lookup',
  global: 'exits',
  bindings: [
    typingHint('type part of a name: the list shows the matches', 'filter'),
    {keys: ['up'], keyLabel: '↑↓', description: 'the match above', label: 'choose', handler: move('up')},
    {keys: ['down'], description: 'the next match', handler: move('down')},
    {keys: ['pageup'], description: 'a page up', handler: move('pageUp')},
    {keys: ['pagedown'], description: 'a page down', handler: move('pageDown')},
    {keys: ['return'], description: 'open the chosen third party', label: 'open', handler: openMatch},
    {keys: ['escape'], description: 'close the lookup', label: 'close', handler: ({state}) => closeDialog(state)},
  ],
  type: typeQuery,
};
