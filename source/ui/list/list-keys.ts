/**
 * Keys in the list of third parties. The form beside it follows the cursor (as k9s and lazygit
 * show the highlighted item), unless the form holds unsaved changes; Enter moves into the form.
 */
import {leaveDraft} from '../console/actions.js';
import {follow, movedListIndex} from './list-cursor.js';
import type {ConsoleState} from '../console/state.js';
import {QUIT} from '../console/global-keys.js';
import {openLookup} from '../dialogs/lookup/lookup-keys.js';
import {openDelete} from '../dialogs/delete-token/delete-token-keys.js';
import type {Binding, KeyContext, KeyInput} from '../console/bindings.js';

const move =
  (direction: string) =>
  ({state, pages}: KeyInput): ConsoleState =>
    follow({...state, listIndex: movedListIndex(state, direction, pages.list)});

const none = (state: ConsoleState): string | undefined =>
  state.thirdParties.length === 0 ? 'No third parties yet: Ctrl+N starts one.' : undefined;

const bindings: readonly Binding[] = [
  {
    keys: ['return'],
    description: 'open the highlighted third party in the form',
    label: 'open',
    disabledReason: ({state}) => none(state),
    handler: ({state, env}) => {
      const target = state.thirdParties[state.listIndex];
      if (!target) return state;
      const {draft} = state;
      if (draft && !draft.isNew && draft.thirdParty.id === target.id) return {...state, focus: 'name'};
      return leaveDraft(state, {kind: 'open', id: target.id}, env);
    },
  },
  {keys: ['up', 'k'], keyLabel: '↑↓ j k', description: 'move up the list', label: 'move', handler: move('up')},
  {keys: ['down', 'j'], description: 'move down the list', handler: move('down')},
  {keys: ['pageup'], description: 'a page up', handler: move('pageUp')},
  {keys: ['pagedown'], description: 'a page down', handler: move('pageDown')},
  {keys: ['home'], description: 'the first third party', handler: move('first')},
  {keys: ['end'], description: 'the last third party', handler: move('last')},
  {
    keys: ['/'],
    description: 'filter the list by part of a name (as Ctrl+E); it stays until Esc',
    label: ({state}) => (state.filter ? 'edit filter' : 'filter'),
    handler: ({state}) => openLookup(state),
  },
  {
    keys: ['escape'],
    when: ({state}) => state.filter !== undefined,
    description: 'clear the filter: the whole list again',
    label: 'clear filter',
    handler: ({state}) => ({...state, filter: undefined}),
  },
  {
    keys: ['delete', 'backspace'],
    description: 'delete the highlighted third party; asks for its name first',
    label: 'delete',
    disabledReason: ({state}) => none(state),
    handler: ({state}) => openDelete(state),
  },
  {...QUIT, keys: ['q'], description: 'quit, as Ctrl+Q (in the list, not in text fields)', label: undefined},
];

export const listKeys: KeyContext = {id: 'list', title: 'In the list', bindings, global: 'all'};
