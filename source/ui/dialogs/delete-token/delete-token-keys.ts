/** Delete on a token row: asks, then takes the token out of the form (saved with Ctrl+S). */
import {deleteToken, shortenCredential} from '../../../domain/index.js';
import {changeDraft, closeDialog, dialogOf, tokenOf} from '../../console/draft.js';
import type {ConsoleState} from '../../console/state.js';
import type {KeyContext, KeyInput} from '../../console/bindings.js';
import {openDeleteThirdParty} from '../delete-third-party/delete-third-party-keys.js';

export const openDeleteToken = (state: ConsoleState): ConsoleState => {
  const token = state.draft?.thirdParty.tokens[state.gridIndex];
  return token ? {...state, dialog: {kind: 'deleteToken', tokenId: token.id}} : state;
};

/** Delete: on a grid row the token, on a list row the third party; elsewhere it says where it works. */
export const openDelete = (state: ConsoleState): ConsoleState => {
  if (state.focus === 'grid') return openDeleteToken(state);
  if (state.focus === 'list') return openDeleteThirdParty(state);
  return {...state, notice: 'Del deletes a token (grid) or a third party (list).'};
};

const confirm = ({state}: KeyInput): ConsoleState => {
  const dialog = dialogOf(state, 'deleteToken');
  const token = tokenOf(state.draft?.thirdParty, dialog.tokenId);
  const changed = changeDraft(closeDialog(state), draft => ({...draft, thirdParty: deleteToken(draft.thirdParty, dialog.tokenId)}));
  const left = changed.draft?.thirdParty.tokens.length ?? 0;
  return {
    ...changed,
    gridIndex: Math.max(0, Math.min(state.gridIndex, left - 1)),
    focus: left === 0 ? 'addToken' : state.focus,
    notice: `Token ${token ? shortenCredential(token.token) : ''} deleted; save with Ctrl+S.`,
  };
};

export const deleteTokenKeys: KeyContext = {
  id: 'deleteToken',
  title: 'Deleting a token',
  global: 'exits',
  bindings: [
    {keys: ['y', 'return'], keyLabel: 'Y/Enter', description: 'delete the token', label: 'delete', handler: confirm},
    {keys: ['n', 'escape'], keyLabel: 'N/Esc', description: 'keep the token', label: 'keep', handler: ({state}) => closeDialog(state)},
  ],
};
