/** Keys of the settings dialog (Ctrl+L). */
import {closeDialog, dialogOf} from '../../console/draft.js';
import type {KeyContext, KeyInput} from '../../keys/binding.js';
import {editText} from '../../widgets/text-editing.js';
import {requestSaveSettings} from './settings-state.js';

const typeIssuer = ({state, key}: KeyInput) => {
  const dialog = dialogOf(state, 'settings');
  const edit = editText(dialog.issuer, key.name, key.text);
  return edit ? {...state, dialog: {...dialog, issuer: edit.value, error: undefined}} : undefined;
};

export const settingsKeys: KeyContext = {
  id: 'settings',
  title: 'In the settings',
  global: 'exits',
  bindings: [
    {
      keys: [],
      keyLabel: 'type',
      description: 'type the public address (empty: the running server’s)',
      label: 'address',
      handler: ({state}) => state,
    },
    {
      keys: ['return', 'ctrl+s'],
      description: 'save the settings in the data file',
      label: 'save',
      handler: ({state}) => requestSaveSettings(state),
    },
    {keys: ['escape'], description: 'close without saving', label: 'cancel', handler: ({state}) => closeDialog(state)},
  ],
  type: typeIssuer,
};
