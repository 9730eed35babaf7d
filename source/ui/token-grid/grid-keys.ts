/** Keys on a row of the token grid: move, Active, the expiry menu, delete (Backspace too: the Mac's Delete key). */
import {tokenState, toggleTokenActive} from '../../domain/index.js';
import {moveIndex} from '../console/actions.js';
import {changeDraft} from '../console/draft.js';
import type {ConsoleState} from '../console/state.js';
import {openDelete} from '../dialogs/delete-token/delete-token-keys.js';
import {openExpiryMenu} from '../dialogs/expiry/expiry-keys.js';
import {backToList} from '../form/form-keys.js';
import type {Binding, KeyContext, KeyInput, KeyView} from '../console/bindings.js';

const move =
  (direction: string) =>
  ({state, pages}: KeyInput): ConsoleState =>
    state.draft ? {...state, gridIndex: moveIndex(state.gridIndex, state.draft.thirdParty.tokens.length, direction, pages.grid)} : state;

const focusedToken = ({state}: KeyView) => state.draft?.thirdParty.tokens[state.gridIndex];

const expiredReason = (view: KeyView): string | undefined => {
  const token = focusedToken(view);
  return token && tokenState(token, view.now) === 'expired'
    ? 'This token has expired and cannot be made active again; add a new one with Add OAuth Token (Ctrl+G).'
    : undefined;
};

const bindings: readonly Binding[] = [
  {keys: ['up'], keyLabel: '↑↓', description: 'move up the tokens', label: 'move', handler: move('up')},
  {keys: ['down'], description: 'move down the tokens', handler: move('down')},
  {keys: ['pageup'], description: 'a page up', handler: move('pageUp')},
  {keys: ['pagedown'], description: 'a page down', handler: move('pageDown')},
  {keys: ['home'], description: 'the newest token', handler: move('first')},
  {keys: ['end'], description: 'the oldest token', handler: move('last')},
  {
    keys: ['space'],
    description: "select or clear the token's Active box",
    label: 'active',
    disabledReason: expiredReason,
    handler: view => {
      const token = focusedToken(view);
      return token
        ? changeDraft(view.state, current => ({...current, thirdParty: toggleTokenActive(current.thirdParty, token.id)}))
        : view.state;
    },
  },
  {keys: ['return'], description: "change the token's expiry", label: 'expiry', handler: ({state}) => openExpiryMenu(state)},
  {
    keys: ['delete', 'backspace'],
    description: 'delete the token (Backspace too); asks first',
    label: 'delete',
    handler: ({state}) => openDelete(state),
  },
  backToList,
];

export const gridKeys: KeyContext = {id: 'grid', title: 'In the token grid', bindings, global: 'all'};
