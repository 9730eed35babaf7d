/** Delete on a list row: the admin types the third party's name, then it is deleted from the file at once. */
import {withoutUnsafeCharacters} from '../../../domain/index.js';
import {closeDialog, dialogOf, typeInDialog} from '../../console/draft.js';
import type {ConsoleState} from '../../console/state.js';
import {typingHint} from '../../keys/binding.js';
import type {KeyContext, KeyInput} from '../../console/bindings.js';
import {textValue} from '../../widgets/text-editing.js';

export const openDeleteThirdParty = (state: ConsoleState): ConsoleState => {
  const target = state.thirdParties[state.listIndex];
  return target ? {...state, dialog: {kind: 'deleteThirdParty', id: target.id, name: target.name, typed: textValue('')}} : state;
};

/** The name as it can be typed: characters no field accepts are left out of the comparison too. */
const typeableName = (name: string): string => withoutUnsafeCharacters(name).trim();

const confirm = ({state}: KeyInput): ConsoleState => {
  const dialog = dialogOf(state, 'deleteThirdParty');
  if (dialog.typed.text.trim() !== typeableName(dialog.name)) {
    return {...state, dialog: {...dialog, error: 'The name does not match: type it exactly as shown, or Esc to keep the third party.'}};
  }
  return {...state, status: {kind: 'saving'}, request: {kind: 'deleteThirdParty', id: dialog.id, name: dialog.name}};
};

export const deleteThirdPartyKeys: KeyContext = {
  id: 'deleteThirdParty',
  title: 'Deleting a third party',
  global: 'exits',
  bindings: [
    typingHint('type the name of the third party', 'the name'),
    {keys: ['return'], description: 'delete it, once the name matches', label: 'delete', handler: confirm},
    {keys: ['escape'], description: 'keep the third party', label: 'keep', handler: ({state}) => closeDialog(state)},
  ],
  type: typeInDialog('deleteThirdParty', 'typed'),
};
