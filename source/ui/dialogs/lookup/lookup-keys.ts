/**
 * `/` in the list, Ctrl+E anywhere: type part of a name and the list shows only the matches, with
 * their count. Enter goes back to the list on the highlighted match and the filter stays until
 * Esc there (as in k9s, lazygit and less); Esc while typing cancels it.
 */
import {closeDialog, dialogOf} from '../../console/draft.js';
import type {ConsoleState} from '../../console/state.js';
import {typingHint} from '../../keys/binding.js';
import type {KeyContext, KeyInput} from '../../console/bindings.js';
import {follow, movedListIndex} from '../../list/list-cursor.js';
import {filterFor} from '../../list/list-filter.js';
import {editText, textValue} from '../../widgets/text-editing.js';
import type {DialogEntry} from '../dialog-entry.js';

export const openLookup = (state: ConsoleState): ConsoleState => ({
  ...state,
  dialog: {kind: 'lookup', query: textValue(state.filter?.query ?? ''), before: {listIndex: state.listIndex}},
});

const move =
  (direction: string) =>
  ({state, pages}: KeyInput): ConsoleState => ({...state, listIndex: movedListIndex(state, direction, pages.list)});

/** Back to the list on the highlighted match; the filter stays. */
const apply = ({state}: KeyInput): ConsoleState => {
  const {filter} = state;
  if (filter?.matches.length === 0) return {...state, notice: 'No third party has that in its name.'};
  return follow({...closeDialog(state), focus: 'list'});
};

/** Esc while typing: no filter, the highlight where it was before. */
const cancel = ({state}: KeyInput): ConsoleState => {
  const {before} = dialogOf(state, 'lookup');
  return {...closeDialog(state), filter: undefined, listIndex: before.listIndex};
};

const typeQuery = ({state, key}: KeyInput): ConsoleState | undefined => {
  const dialog = dialogOf(state, 'lookup');
  const edit = editText(dialog.query, key.name, key.text);
  if (!edit) return undefined;
  const typed = {...state, dialog: {...dialog, query: edit.value}};
  if (edit.value.text === dialog.query.text) return typed;
  const filter = filterFor(state.searchNames, edit.value.text);
  // The highlight on the first match, as lazygit does.
  return {...typed, filter, listIndex: filter ? (filter.matches[0] ?? state.listIndex) : dialog.before.listIndex};
};

export const lookupKeys: KeyContext = {
  id: 'lookup',
  title: 'In the filter (/ or Ctrl+E)',
  global: 'exits',
  bindings: [
    typingHint('type part of a name: the list shows the matches and counts them', 'filter'),
    {keys: ['up'], keyLabel: '↑↓', description: 'the match above', label: 'choose', handler: move('up')},
    {keys: ['down'], description: 'the next match', handler: move('down')},
    {keys: ['pageup'], description: 'a page up', handler: move('pageUp')},
    {keys: ['pagedown'], description: 'a page down', handler: move('pageDown')},
    {
      keys: ['return'],
      description: 'back to the list on the chosen match; the filter stays until Esc there',
      label: 'keep filter',
      handler: apply,
    },
    {keys: ['escape'], description: 'no filter: the whole list again', label: 'cancel', handler: cancel},
  ],
  type: typeQuery,
};

/** Typed in the list (list/third-party-list.tsx): the form stays beside it and shows the notice. */
export const lookupEntry: DialogEntry<'lookup'> = {keys: lookupKeys, place: 'list', showsNotice: true, View: () => null};
