/** Keys in the form: its two text fields, the Add OAuth Token button, the Enabled checkbox and the Save button. */
import {addTokenToDraft, editField, moveFocus, requestSave} from '../console/actions.js';
import {changeDraft} from '../console/draft.js';
import type {ConsoleState} from '../console/state.js';
import type {Binding, KeyContext, KeyInput} from '../console/bindings.js';
import {approvalOf} from '../../domain/index.js';
import {textValue} from '../widgets/text-editing.js';

type TextZone = 'name' | 'callbackUrl';

/** The field's value in the file: the record as opened (after a restore from the recovery file, the saved one, not the restored text). */
const savedText = (state: ConsoleState, field: TextZone): string | undefined => {
  const original = state.draft?.original;
  if (!original) return undefined;
  return field === 'name' ? original.name : (original.callbackUrl ?? '');
};

const isAsSaved = (state: ConsoleState, field: TextZone): boolean => state.draft?.[field].text === savedText(state, field);

/**
 * Esc in a field: the field as saved (the rest of the form keeps its changes); in a field that is
 * as saved, back to the list, as Esc leaves a pane in k9s and lazygit.
 */
const restoreField = (state: ConsoleState, field: TextZone): ConsoleState => {
  const saved = savedText(state, field);
  if (saved === undefined) return state;
  if (isAsSaved(state, field)) return {...state, focus: 'list'};
  return {...changeDraft(state, current => ({...current, [field]: textValue(saved)})), notice: 'The field is back to its saved value.'};
};

const fieldKeys = (field: TextZone, title: string): KeyContext => ({
  id: field,
  title,
  global: 'all',
  bindings: [
    {keys: ['return'], description: 'next field', handler: ({state}) => moveFocus(state, 1)},
    {
      keys: ['escape'],
      description: "put back the field's saved value; when it is as saved, back to the list",
      label: ({state}) => (isAsSaved(state, field) ? 'list' : 'undo field'),
      handler: ({state}) => restoreField(state, field),
    },
  ],
  type: ({state, key}: KeyInput) => editField(state, field, key),
});

export const nameKeys = fieldKeys('name', 'In Third Party Name');
export const callbackUrlKeys = fieldKeys('callbackUrl', 'In Callback URL');

/**
 * Esc where nothing is typed (the buttons, Enabled, Approval, the token grid): back to the list,
 * as Esc leaves a pane in k9s and lazygit; the form keeps its changes. No label: F1 lists it, and
 * the footer keeps its room for the zone's own keys.
 */
export const backToList: Binding = {
  keys: ['escape'],
  description: 'back to the list (the form keeps its changes)',
  handler: ({state}) => ({...state, focus: 'list'}),
};

const addToken: Binding = {
  keys: ['return', 'space'],
  description: 'add an OAuth token (six months)',
  label: 'add token',
  handler: ({state, env}) => addTokenToDraft(state, env),
};

export const addTokenKeys: KeyContext = {id: 'addToken', title: 'On [ Add OAuth Token ]', global: 'all', bindings: [addToken, backToList]};

const toggleEnabled = ({state}: KeyInput): ConsoleState =>
  changeDraft(state, current => ({...current, thirdParty: {...current.thirdParty, enabled: !current.thirdParty.enabled}}));

export const enabledKeys: KeyContext = {
  id: 'enabled',
  title: 'On [ ] Enabled',
  global: 'all',
  bindings: [
    {
      keys: ['space', 'return'],
      keyLabel: 'Space',
      description: 'select or clear Enabled (Enter too)',
      label: 'toggle',
      handler: toggleEnabled,
    },
    backToList,
  ],
};

export const saveButtonKeys: KeyContext = {
  id: 'saveButton',
  title: 'On [ Save ]',
  global: 'all',
  bindings: [
    {
      keys: ['return', 'space'],
      keyLabel: 'Enter',
      description: 'save, as Ctrl+S',
      label: 'save',
      handler: ({state}) => requestSave(state, undefined),
    },
    backToList,
  ],
};

/** The approval setting (automatic authorization): ask in the console (the default) or automatic. */
const toggleApproval = ({state}: KeyInput): ConsoleState =>
  changeDraft(state, current => ({
    ...current,
    thirdParty: {...current.thirdParty, approval: approvalOf(current.thirdParty) === 'ask' ? 'automatic' : 'ask'},
  }));

export const approvalKeys: KeyContext = {
  id: 'approval',
  title: 'On Approval',
  global: 'all',
  bindings: [
    {
      keys: ['space', 'return', 'left', 'right'],
      keyLabel: 'Space',
      description: "switch the approval of the application's requests: ask in the console (Ctrl+W) or automatic (Enter, ← → too)",
      label: 'switch',
      handler: toggleApproval,
    },
    backToList,
  ],
};
