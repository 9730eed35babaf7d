/** Ctrl+K: a new client secret; the previous one keeps working for the hours typed (the grace). */
import {DEFAULT_GRACE_HOURS, parseGraceHours, rotateClientSecret} from '../../../domain/index.js';
import {changeDraft, closeDialog, dialogOf, typeInDialog} from '../../console/draft.js';
import type {ConsoleState} from '../../console/state.js';
import {typingHint} from '../../keys/binding.js';
import type {KeyContext, KeyInput} from '../../console/bindings.js';
import {textValue} from '../../widgets/text-editing.js';

export const openRotate = (state: ConsoleState): ConsoleState =>
  state.draft ? {...state, dialog: {kind: 'rotate', hours: textValue(String(DEFAULT_GRACE_HOURS))}} : state;

const rotate = ({state, env}: KeyInput): ConsoleState => {
  const dialog = dialogOf(state, 'rotate');
  const parsed = parseGraceHours(dialog.hours.text);
  if (!parsed.ok) return {...state, dialog: {...dialog, error: parsed.message}};
  const neverSaved = state.draft?.isNew ?? true;
  const changed = changeDraft(closeDialog(state), draft => ({
    ...draft,
    thirdParty: rotateClientSecret(draft.thirdParty, env, parsed.hours, neverSaved),
  }));
  return {...changed, notice: 'Client secret rotated; save with Ctrl+S.'};
};

export const rotateSecretKeys: KeyContext = {
  id: 'rotate',
  title: 'Rotating the client secret',
  global: 'exits',
  bindings: [
    typingHint('type how many hours the previous secret keeps working', 'hours'),
    {keys: ['return'], description: 'rotate the secret', label: 'rotate', handler: rotate},
    {keys: ['escape'], description: 'keep the secret', label: 'cancel', handler: ({state}) => closeDialog(state)},
  ],
  type: typeInDialog('rotate', 'hours'),
};
