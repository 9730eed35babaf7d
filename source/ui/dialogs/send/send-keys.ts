/**
 * Ctrl+O, Copy OAuth Information: the sheet for the third party, copied to the clipboard
 * (OSC 52) or written to a file only its owner can read. From the list it is the highlighted
 * third party's; from the form the open one's, once saved.
 */
import {join} from 'node:path';
import {newestUsableToken, oauthSheet, sendRefusal} from '../../../domain/index.js';
import {closeDialog, dialogOf, savedThirdParty, tokenOf} from '../../console/draft.js';
import {addressOf} from '../../console/public-address.js';
import type {ConsoleState} from '../../console/state.js';
import {typingHint} from '../../keys/binding.js';
import type {KeyContext, KeyInput, KeyView} from '../../console/bindings.js';
import {scrollBindings} from '../../widgets/scroll.js';
import {editText, textValue} from '../../widgets/text-editing.js';
import type {SendStep} from './send-state.js';
import {scrolledSheet, sheetPage} from './send-sheet-rows.js';

/** A file name that says whose sheet it is. */
export const defaultSheetFile = (name: string): string => {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${slug || 'third-party'}-oauth.txt`;
};

/**
 * Refused with the reason unless the third party is saved and, without a callback URL, has an
 * active, unexpired token (domain/oauth-sheet.ts). The file it offers is beside the data file,
 * its full path shown.
 */
export const openSend = (state: ConsoleState, now: Date): ConsoleState => {
  const {draft} = state;
  const listed = state.focus === 'list' && !state.dialog ? state.thirdParties[state.listIndex] : undefined;
  const id = listed?.id ?? (draft && !draft.isNew ? draft.thirdParty.id : undefined);
  const saved = id === undefined ? undefined : savedThirdParty(state, id);
  const unsaved = draft !== undefined && (draft.isNew || draft.modified) && (listed === undefined || listed.id === draft.thirdParty.id);
  const subject = saved ?? draft?.thirdParty;
  if (!subject) return {...state, notice: 'No third party to send yet: Ctrl+N starts one.'};
  const refusal = sendRefusal(subject, saved !== undefined && !unsaved, now);
  if (refusal || !saved) return {...state, notice: refusal};
  const file = defaultSheetFile(saved.name);
  return {
    ...state,
    dialog: {
      kind: 'send',
      thirdPartyId: saved.id,
      tokenId: newestUsableToken(saved, now)?.id,
      revealed: false,
      step: 'sheet',
      path: textValue(state.sheetFolder ? join(state.sheetFolder, file) : file),
      top: 0,
    },
  };
};

/** The sheet as it is sent: secret and token in full, at the public address. */
const sheetOf = (state: ConsoleState) => {
  const dialog = dialogOf(state, 'send');
  const thirdParty = savedThirdParty(state, dialog.thirdPartyId);
  if (!thirdParty) return undefined;
  const token = tokenOf(thirdParty, dialog.tokenId);
  // The token was deleted meanwhile (another console): this sheet is no longer what was shown.
  if (dialog.tokenId !== undefined && !token) return undefined;
  const text = oauthSheet(thirdParty, token, addressOf(state).url);
  return {thirdPartyId: thirdParty.id, tokenId: token?.id, text, name: thirdParty.name};
};

const step =
  (...steps: SendStep[]) =>
  ({state}: KeyView): boolean =>
    state.dialog?.kind === 'send' && steps.includes(state.dialog.step);

const toStep = (state: ConsoleState, next: SendStep): ConsoleState => ({
  ...state,
  dialog: {...dialogOf(state, 'send'), step: next, message: undefined},
});

const write =
  (overwrite: boolean) =>
  ({state}: KeyInput): ConsoleState => {
    const dialog = dialogOf(state, 'send');
    const sheet = sheetOf(state);
    if (!sheet) return closeDialog(state);
    if (dialog.path.text.trim() === '')
      return {...state, dialog: {...dialog, message: {text: 'Type the name of the file to write.', tone: 'error'}}};
    return {
      ...state,
      dialog: {...dialog, message: undefined},
      request: {kind: 'writeSheet', ...sheet, path: dialog.path.text.trim(), overwrite},
    };
  };

const copy = ({state}: KeyInput): ConsoleState => {
  const sheet = sheetOf(state);
  return sheet
    ? {...state, dialog: {...dialogOf(state, 'send'), message: undefined}, request: {kind: 'copySheet', ...sheet}}
    : closeDialog(state);
};

const typePath = ({state, key}: KeyInput): ConsoleState | undefined => {
  const dialog = dialogOf(state, 'send');
  if (dialog.step !== 'path') return undefined;
  const edit = editText(dialog.path, key.name, key.text);
  return edit ? {...state, dialog: {...dialog, path: edit.value, message: undefined}} : undefined;
};

const sheet = step('sheet');

/** ↑↓ PgUp PgDn Home End scroll the sheet while it is shown (in the file name they edit the name). */
const scrollKeys = scrollBindings(
  ({state, pages}: KeyInput, by: number): ConsoleState => ({...state, dialog: scrolledSheet(state, dialogOf(state, 'send'), pages, by)}),
  ({state, pages}: KeyInput) => sheetPage(dialogOf(state, 'send'), pages.paneWidth, pages.helpPage),
).map(binding => ({...binding, when: sheet}));
const path = step('path');
const overwrite = step('overwrite');

export const sendKeys: KeyContext = {
  id: 'send',
  title: 'In Copy OAuth Information',
  global: 'exits',
  bindings: [
    {keys: ['c'], when: sheet, description: 'copy to the clipboard (OSC 52, over SSH too)', label: 'copy', handler: copy},
    {
      keys: ['w'],
      when: sheet,
      description: 'write to a file only you can read',
      label: 'write file',
      handler: ({state}) => toStep(state, 'path'),
    },
    {
      keys: ['ctrl+r'],
      when: sheet,
      description: 'reveal or mask the secret and the token',
      label: ({state}) => (state.dialog?.kind === 'send' && state.dialog.revealed ? 'mask' : 'reveal'),
      handler: ({state, pages}) => {
        const dialog = dialogOf(state, 'send');
        // Masked, the sheet may be shorter: its first row stays within it.
        return {...state, dialog: scrolledSheet(state, {...dialog, revealed: !dialog.revealed}, pages, 0)};
      },
    },
    {keys: ['escape'], when: sheet, description: 'close', label: 'close', handler: ({state}) => closeDialog(state)},
    ...scrollKeys,
    typingHint('type the name of the file', 'file name', {when: path}),
    {keys: ['return'], when: path, description: 'write the file', label: 'write', handler: write(false)},
    {keys: ['escape'], when: path, description: 'back to the sheet', label: 'back', handler: ({state}) => toStep(state, 'sheet')},
    {keys: ['y'], when: overwrite, description: 'overwrite the file', label: 'overwrite', handler: write(true)},
    {
      keys: ['n', 'escape'],
      keyLabel: 'N/Esc',
      when: overwrite,
      description: 'choose another name',
      label: 'another name',
      handler: ({state}) => toStep(state, 'path'),
    },
  ],
  type: typePath,
};
