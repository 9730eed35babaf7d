/** The expiry menu (Enter on a token row): a preset lifetime, or a typed date. */
import {EXPIRY_PRESETS, expiryForPreset, parseExpiryDate, setTokenExpiry} from '../../../domain/index.js';
import {changeDraft, closeDialog, dialogOf} from '../../console/draft.js';
import type {ConsoleState} from '../../console/state.js';
import {typingHint} from '../../keys/binding.js';
import type {KeyContext, KeyInput} from '../../console/bindings.js';
import {formatDate} from '../../widgets/format.js';
import {editText, textValue} from '../../widgets/text-editing.js';
import {EXPIRY_DATE_CHOICE} from './expiry-state.js';

export const openExpiryMenu = (state: ConsoleState): ConsoleState => {
  const token = state.draft?.thirdParty.tokens[state.gridIndex];
  return token ? {...state, dialog: {kind: 'expiry', tokenId: token.id, choice: 0, date: textValue('')}} : state;
};

const applyExpiry = (state: ConsoleState, tokenId: string, expiresAt: Date | null): ConsoleState => {
  const changed = changeDraft(closeDialog(state), draft => ({...draft, thirdParty: setTokenExpiry(draft.thirdParty, tokenId, expiresAt)}));
  const set = expiresAt === null ? 'Set to never expire' : `Expiry set to ${formatDate(expiresAt.toISOString())}`;
  return {...changed, notice: `${set}; save with Ctrl+S.`};
};

const move =
  (step: number) =>
  ({state}: KeyInput): ConsoleState => {
    const dialog = dialogOf(state, 'expiry');
    const choice = (dialog.choice + step + EXPIRY_DATE_CHOICE + 1) % (EXPIRY_DATE_CHOICE + 1);
    return {...state, dialog: {...dialog, choice, error: undefined}};
  };

const set = ({state, now}: KeyInput): ConsoleState => {
  const dialog = dialogOf(state, 'expiry');
  if (dialog.choice < EXPIRY_DATE_CHOICE)
    return applyExpiry(state, dialog.tokenId, expiryForPreset(EXPIRY_PRESETS[dialog.choice]!.preset, now));
  const parsed = parseExpiryDate(dialog.date.text, now);
  return parsed.ok ? applyExpiry(state, dialog.tokenId, parsed.expiresAt) : {...state, dialog: {...dialog, error: parsed.message}};
};

/** Typing a date goes to the date field, from wherever the menu is. */
const typeDate = ({state, key}: KeyInput): ConsoleState | undefined => {
  const dialog = dialogOf(state, 'expiry');
  const typesDate =
    dialog.choice === EXPIRY_DATE_CHOICE || ((key.name === 'text' || key.name === 'paste') && /^[\d-]/.test(key.text.trim()));
  if (!typesDate) return undefined;
  const edit = editText(dialog.date, key.name, key.text);
  return edit ? {...state, dialog: {...dialog, choice: EXPIRY_DATE_CHOICE, date: edit.value, error: undefined}} : undefined;
};

export const expiryKeys: KeyContext = {
  id: 'expiry',
  title: 'In the expiry menu',
  global: 'exits',
  bindings: [
    {keys: ['up'], keyLabel: '↑↓', description: 'the lifetime above', label: 'choose', handler: move(-1)},
    {keys: ['down'], description: 'the next lifetime', handler: move(1)},
    {keys: ['return'], description: 'set the expiry', label: 'set', handler: set},
    typingHint('type a date (YYYY-MM-DD)', 'type a date', {keyLabel: '0-9'}),
    {keys: ['escape'], description: 'leave the expiry as it is', label: 'cancel', handler: ({state}) => closeDialog(state)},
  ],
  type: typeDate,
};
