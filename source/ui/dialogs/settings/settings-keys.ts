/** Keys of the settings dialog (F2). */
import {closeDialog, typeInDialog} from '../../console/draft.js';
import {typingHint} from '../../keys/binding.js';
import type {KeyContext} from '../../console/bindings.js';
import {requestSaveSettings} from './settings-state.js';

export const settingsKeys: KeyContext = {
  id: 'settings',
  title: 'In the settings',
  global: 'exits',
  bindings: [
    typingHint('type the public address (empty: the running server’s)', 'address'),
    {
      keys: ['return', 'ctrl+s'],
      description: 'save the settings in the data file',
      label: 'save',
      handler: ({state}) => requestSaveSettings(state),
    },
    {keys: ['escape'], description: 'close without saving', label: 'cancel', handler: ({state}) => closeDialog(state)},
  ],
  type: typeInDialog('settings', 'issuer'),
};
