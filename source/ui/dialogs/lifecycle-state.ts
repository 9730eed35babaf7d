/**
 * The token lifecycle in the console: the expiry menu, deleting a token or a third party,
 * rotating the client secret, sending the OAuth information (Ctrl+O) and the history. Each
 * dialog's keys are a pure function of the state, as in console-state.ts, which hands these
 * dialogs, requests and results over to here.
 */
import {
  createThirdParty,
  deleteToken,
  DEFAULT_GRACE_HOURS,
  EXPIRY_PRESETS,
  expiryForPreset,
  newestUsableToken,
  oauthSheet,
  parseExpiryDate,
  parseGraceHours,
  rotateClientSecret,
  sendRefusal,
  setTokenExpiry,
  shortenCredential,
  toDisplayText,
  withoutUnsafeCharacters,
  type AuditEntry,
  type Environment,
  type ThirdParty,
} from '../../domain/index.js';
import {changeDraft, draftOf, withThirdParties} from '../console/draft.js';
import type {ConsoleState, Pages} from '../console/state.js';
import {formatDate} from '../widgets/format.js';
import {actionFor, dialogActionFor} from '../keys/keymap.js';
import type {KeyPress} from '../keys/keys.js';
import {editText, textValue, type TextValue} from '../widgets/text-editing.js';

export interface DialogMessage {
  readonly text: string;
  readonly tone: 'info' | 'error';
}

/** The expiry menu's last item: a typed date. */
export const EXPIRY_DATE_CHOICE = EXPIRY_PRESETS.length;

export type SendStep = 'sheet' | 'path' | 'overwrite';

export type LifecycleDialog =
  | {readonly kind: 'expiry'; readonly tokenId: string; readonly choice: number; readonly date: TextValue; readonly error?: string}
  | {readonly kind: 'deleteToken'; readonly tokenId: string}
  | {readonly kind: 'deleteThirdParty'; readonly id: string; readonly name: string; readonly typed: TextValue; readonly error?: string}
  | {readonly kind: 'rotate'; readonly hours: TextValue; readonly error?: string}
  | {
      readonly kind: 'send';
      readonly thirdPartyId: string;
      readonly tokenId: string;
      readonly revealed: boolean;
      readonly step: SendStep;
      readonly path: TextValue;
      readonly message?: DialogMessage;
    }
  | {
      readonly kind: 'history';
      readonly id: string;
      readonly name: string;
      readonly entries: readonly AuditEntry[] | undefined;
      readonly error?: string;
    };

export type LifecycleRequest =
  | {readonly kind: 'deleteThirdParty'; readonly id: string; readonly name: string}
  | {readonly kind: 'copySheet'; readonly thirdPartyId: string; readonly tokenId: string; readonly text: string; readonly name: string}
  | {
      readonly kind: 'writeSheet';
      readonly thirdPartyId: string;
      readonly tokenId: string;
      readonly text: string;
      readonly name: string;
      readonly path: string;
      readonly overwrite: boolean;
    }
  | {readonly kind: 'history'; readonly id: string; readonly limit: number};

/** What the side effects report back. */
export type LifecycleAction =
  | {readonly type: 'deleted'; readonly id: string; readonly name: string; readonly at: Date}
  | {readonly type: 'deleteFailed'; readonly message: string}
  | {readonly type: 'sendOutcome'; readonly step: SendStep; readonly message: DialogMessage}
  | {readonly type: 'historyLoaded'; readonly id: string; readonly entries: readonly AuditEntry[]}
  | {readonly type: 'historyFailed'; readonly message: string}
  | {readonly type: 'notice'; readonly text: string};

const LIFECYCLE_DIALOGS: ReadonlySet<string> = new Set(['expiry', 'deleteToken', 'deleteThirdParty', 'rotate', 'send', 'history']);

export const isLifecycleDialog = (dialog: {readonly kind: string} | undefined): dialog is LifecycleDialog =>
  dialog !== undefined && LIFECYCLE_DIALOGS.has(dialog.kind);

const focusedToken = (state: ConsoleState) => state.draft?.thirdParty.tokens[state.gridIndex];

/** The third party as saved: the open one when it has no unsaved changes (no scan of the list), else looked up. */
export const savedThirdParty = (state: ConsoleState, id: string): ThirdParty | undefined =>
  state.draft?.thirdParty.id === id && !state.draft.modified && !state.draft.isNew
    ? state.draft.thirdParty
    : state.thirdParties.find(thirdParty => thirdParty.id === id);

// Opening the dialogs (keys of the keymap, from console-state.ts).

/** Enter on a grid row. */
export const openExpiryMenu = (state: ConsoleState): ConsoleState => {
  const token = focusedToken(state);
  return token ? {...state, dialog: {kind: 'expiry', tokenId: token.id, choice: 0, date: textValue('')}} : state;
};

/** Delete: on a grid row the token, on a list row the third party; elsewhere it says where it works. */
export const openDelete = (state: ConsoleState): ConsoleState => {
  if (state.focus === 'grid') {
    const token = focusedToken(state);
    return token ? {...state, dialog: {kind: 'deleteToken', tokenId: token.id}} : state;
  }
  if (state.focus === 'list') {
    const target = state.thirdParties[state.listIndex];
    if (!target) return state;
    return {...state, dialog: {kind: 'deleteThirdParty', id: target.id, name: target.name, typed: textValue('')}};
  }
  return {...state, notice: 'Del deletes a token (grid) or a third party (list).'};
};

export const openRotate = (state: ConsoleState): ConsoleState =>
  state.draft ? {...state, dialog: {kind: 'rotate', hours: textValue(String(DEFAULT_GRACE_HOURS))}} : state;

/** A file name in the working folder that says whose sheet it is. */
export const defaultSheetFile = (name: string): string => {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${slug || 'third-party'}-oauth.txt`;
};

/** Ctrl+O: refused with the reason unless the record is saved and has an active, unexpired token. */
export const openSend = (state: ConsoleState, now: Date): ConsoleState => {
  const {draft} = state;
  if (!draft) return state;
  const saved = draft.isNew ? undefined : savedThirdParty(state, draft.thirdParty.id);
  const refusal = sendRefusal(saved ?? draft.thirdParty, saved !== undefined && !draft.modified, now);
  if (refusal || !saved) return {...state, notice: refusal};
  const token = newestUsableToken(saved, now)!;
  return {
    ...state,
    dialog: {
      kind: 'send',
      thirdPartyId: saved.id,
      tokenId: token.id,
      revealed: false,
      step: 'sheet',
      path: textValue(defaultSheetFile(saved.name)),
    },
  };
};

/** Ctrl+Y: the history of the highlighted third party (list) or of the open one. */
export const openHistory = (state: ConsoleState, pages: Pages): ConsoleState => {
  const target =
    state.focus === 'list' ? state.thirdParties[state.listIndex] : state.draft && !state.draft.isNew ? state.draft.thirdParty : undefined;
  if (!target) return {...state, notice: 'No history yet: it starts with the first save.'};
  const saved = savedThirdParty(state, target.id) ?? target;
  return {
    ...state,
    dialog: {kind: 'history', id: saved.id, name: saved.name, entries: undefined},
    // Only what fits is read: each entry takes at least a line.
    request: {kind: 'history', id: saved.id, limit: Math.max(1, pages.list)},
  };
};

// The dialogs' keys.

const applyExpiry = (state: ConsoleState, tokenId: string, expiresAt: Date | null): ConsoleState => {
  const changed = changeDraft({...state, dialog: undefined}, draft => ({
    ...draft,
    thirdParty: setTokenExpiry(draft.thirdParty, tokenId, expiresAt),
  }));
  const set = expiresAt === null ? 'Set to never expire' : `Expiry set to ${formatDate(expiresAt.toISOString())}`;
  return {...changed, notice: `${set}; save with Ctrl+S.`};
};

const reduceExpiry = (state: ConsoleState, dialog: Extract<LifecycleDialog, {kind: 'expiry'}>, key: KeyPress, now: Date): ConsoleState => {
  const action = actionFor(key.name, key.text);
  if (action === 'close') return {...state, dialog: undefined};
  if (action === 'up' || action === 'down') {
    const choice = (dialog.choice + (action === 'up' ? -1 : 1) + EXPIRY_DATE_CHOICE + 1) % (EXPIRY_DATE_CHOICE + 1);
    return {...state, dialog: {...dialog, choice, error: undefined}};
  }
  if (action === 'activate') {
    if (dialog.choice < EXPIRY_DATE_CHOICE)
      return applyExpiry(state, dialog.tokenId, expiryForPreset(EXPIRY_PRESETS[dialog.choice]!.preset, now));
    const parsed = parseExpiryDate(dialog.date.text, now);
    return parsed.ok ? applyExpiry(state, dialog.tokenId, parsed.expiresAt) : {...state, dialog: {...dialog, error: parsed.message}};
  }
  // Typing a date goes to the date field, from wherever the menu is.
  const typesDate =
    dialog.choice === EXPIRY_DATE_CHOICE || ((key.name === 'text' || key.name === 'paste') && /^[\d-]/.test(key.text.trim()));
  if (!typesDate) return state;
  const edit = editText(dialog.date, key.name, key.text);
  if (!edit) return state;
  return {...state, dialog: {...dialog, choice: EXPIRY_DATE_CHOICE, date: edit.value, error: undefined}};
};

const reduceDeleteToken = (state: ConsoleState, dialog: Extract<LifecycleDialog, {kind: 'deleteToken'}>, key: KeyPress): ConsoleState => {
  const action = actionFor(key.name, key.text);
  const letter = key.name === 'text' ? key.text.toLowerCase() : '';
  if (action === 'close' || letter === 'n') return {...state, dialog: undefined};
  if (action !== 'activate' && letter !== 'y') return state;
  const token = state.draft?.thirdParty.tokens.find(candidate => candidate.id === dialog.tokenId);
  const changed = changeDraft({...state, dialog: undefined}, draft => ({
    ...draft,
    thirdParty: deleteToken(draft.thirdParty, dialog.tokenId),
  }));
  const left = changed.draft?.thirdParty.tokens.length ?? 0;
  return {
    ...changed,
    gridIndex: Math.max(0, Math.min(state.gridIndex, left - 1)),
    focus: left === 0 ? 'addToken' : state.focus,
    notice: `Token ${token ? shortenCredential(token.token) : ''} deleted; save with Ctrl+S.`,
  };
};

/** The name as it can be typed: characters no field accepts are left out of the comparison too. */
const typeableName = (name: string): string => withoutUnsafeCharacters(name).trim();

const reduceDeleteThirdParty = (
  state: ConsoleState,
  dialog: Extract<LifecycleDialog, {kind: 'deleteThirdParty'}>,
  key: KeyPress,
): ConsoleState => {
  const action = actionFor(key.name, key.text);
  if (action === 'close') return {...state, dialog: undefined};
  if (action === 'activate') {
    if (dialog.typed.text.trim() !== typeableName(dialog.name)) {
      return {...state, dialog: {...dialog, error: 'The name does not match: type it exactly as shown, or Esc to keep the third party.'}};
    }
    return {...state, status: {kind: 'saving'}, request: {kind: 'deleteThirdParty', id: dialog.id, name: dialog.name}};
  }
  const edit = editText(dialog.typed, key.name, key.text);
  return edit ? {...state, dialog: {...dialog, typed: edit.value, error: undefined}} : state;
};

const reduceRotate = (
  state: ConsoleState,
  dialog: Extract<LifecycleDialog, {kind: 'rotate'}>,
  key: KeyPress,
  env: Environment,
): ConsoleState => {
  const action = actionFor(key.name, key.text);
  if (action === 'close') return {...state, dialog: undefined};
  if (action === 'activate') {
    const parsed = parseGraceHours(dialog.hours.text);
    if (!parsed.ok) return {...state, dialog: {...dialog, error: parsed.message}};
    const neverSaved = state.draft?.isNew ?? true;
    const changed = changeDraft({...state, dialog: undefined}, draft => ({
      ...draft,
      thirdParty: rotateClientSecret(draft.thirdParty, env, parsed.hours, neverSaved),
    }));
    return {...changed, notice: 'Client secret rotated; save with Ctrl+S.'};
  }
  const edit = editText(dialog.hours, key.name, key.text);
  return edit ? {...state, dialog: {...dialog, hours: edit.value, error: undefined}} : state;
};

const reduceSend = (state: ConsoleState, dialog: Extract<LifecycleDialog, {kind: 'send'}>, key: KeyPress): ConsoleState => {
  const action = actionFor(key.name, key.text);
  const thirdParty = savedThirdParty(state, dialog.thirdPartyId);
  const token = thirdParty?.tokens.find(candidate => candidate.id === dialog.tokenId);
  if (!thirdParty || !token) return {...state, dialog: undefined};
  const sheet = {thirdPartyId: thirdParty.id, tokenId: token.id, text: oauthSheet(thirdParty, token), name: thirdParty.name};
  switch (dialog.step) {
    case 'sheet': {
      if (action === 'close') return {...state, dialog: undefined};
      if (action === 'reveal') return {...state, dialog: {...dialog, revealed: !dialog.revealed}};
      const sheetAction = dialogActionFor('send sheet', key.name, key.text);
      if (sheetAction === 'copySheet') return {...state, dialog: {...dialog, message: undefined}, request: {kind: 'copySheet', ...sheet}};
      if (sheetAction === 'writeSheet') return {...state, dialog: {...dialog, step: 'path', message: undefined}};
      return state;
    }
    case 'path': {
      if (action === 'close') return {...state, dialog: {...dialog, step: 'sheet', message: undefined}};
      if (action === 'activate') {
        if (dialog.path.text.trim() === '')
          return {...state, dialog: {...dialog, message: {text: 'Type the name of the file to write.', tone: 'error'}}};
        return {
          ...state,
          dialog: {...dialog, message: undefined},
          request: {kind: 'writeSheet', ...sheet, path: dialog.path.text.trim(), overwrite: false},
        };
      }
      const edit = editText(dialog.path, key.name, key.text);
      return edit ? {...state, dialog: {...dialog, path: edit.value, message: undefined}} : state;
    }
    case 'overwrite': {
      const letter = key.name === 'text' ? key.text.toLowerCase() : '';
      if (letter === 'y')
        return {
          ...state,
          dialog: {...dialog, message: undefined},
          request: {kind: 'writeSheet', ...sheet, path: dialog.path.text.trim(), overwrite: true},
        };
      if (letter === 'n' || action === 'close') return {...state, dialog: {...dialog, step: 'path', message: undefined}};
      return state;
    }
  }
};

export const reduceLifecycleDialogKey = (state: ConsoleState, dialog: LifecycleDialog, key: KeyPress, env: Environment): ConsoleState => {
  switch (dialog.kind) {
    case 'expiry':
      return reduceExpiry(state, dialog, key, env.now());
    case 'deleteToken':
      return reduceDeleteToken(state, dialog, key);
    case 'deleteThirdParty':
      return reduceDeleteThirdParty(state, dialog, key);
    case 'rotate':
      return reduceRotate(state, dialog, key, env);
    case 'send':
      return reduceSend(state, dialog, key);
    case 'history': {
      const action = actionFor(key.name, key.text);
      return action === 'close' || action === 'activate' || action === 'history' ? {...state, dialog: undefined} : state;
    }
  }
};

// What the side effects report.

/** After a delete: the list without it; the form moves to its neighbour, or to a new record when none is left. */
const afterDelete = (state: ConsoleState, id: string, name: string, at: Date, env: Environment): ConsoleState => {
  const thirdParties = state.thirdParties.filter(thirdParty => thirdParty.id !== id);
  const listIndex = Math.max(0, Math.min(state.listIndex, thirdParties.length - 1));
  const wasOpen = state.draft?.thirdParty.id === id;
  const neighbour = thirdParties[listIndex];
  const base = withThirdParties(state, thirdParties);
  const notice = `Deleted ${toDisplayText(name)}.`;
  const common = {dialog: undefined, request: undefined, status: {kind: 'saved', at} as const, listIndex, notice};
  if (!wasOpen) return {...base, ...common};
  return {
    ...base,
    ...common,
    draft: neighbour ? draftOf(neighbour, false) : draftOf(createThirdParty(env), true),
    focus: neighbour ? 'list' : 'name',
    gridIndex: 0,
    revealed: false,
    errors: {},
    validateLive: false,
  };
};

export const reduceLifecycleAction = (state: ConsoleState, action: LifecycleAction, env: Environment): ConsoleState => {
  const {dialog} = state;
  switch (action.type) {
    case 'deleted':
      return afterDelete(state, action.id, action.name, action.at, env);
    case 'deleteFailed':
      return {
        ...state,
        request: undefined,
        status: {kind: 'failed', message: action.message},
        dialog: dialog?.kind === 'deleteThirdParty' ? {...dialog, error: `Not deleted: ${action.message}`} : dialog,
      };
    case 'sendOutcome':
      return {
        ...state,
        request: undefined,
        dialog: dialog?.kind === 'send' ? {...dialog, step: action.step, message: action.message} : dialog,
      };
    case 'historyLoaded':
      return {
        ...state,
        request: undefined,
        dialog: dialog?.kind === 'history' && dialog.id === action.id ? {...dialog, entries: action.entries} : dialog,
      };
    case 'historyFailed':
      return {...state, request: undefined, dialog: dialog?.kind === 'history' ? {...dialog, entries: [], error: action.message} : dialog};
    case 'notice':
      return {...state, notice: action.text};
  }
};
