/**
 * What keys do to the console, shared by the contexts that bind them: moving, opening,
 * saving, leaving a record (asking first when it has unsaved changes), adding a token.
 */
import {addToken, createThirdParty, hasErrors, type Environment} from '../../domain/index.js';
import type {KeyPress} from '../keys/keys.js';
import {FORM_ZONES, type FocusZone} from '../keys/keymap.js';
import {editText} from '../widgets/text-editing.js';
import {changeDraft, draftOf, draftThirdParty, invalidStatus, validated} from './draft.js';
import type {ConsoleState, Draft, PendingAction, Status} from './state.js';

export const clamp = (value: number, count: number): number => Math.max(0, Math.min(value, count - 1));

export const moveIndex = (index: number, count: number, action: string, page: number): number => {
  switch (action) {
    case 'up':
      return clamp(index - 1, count);
    case 'down':
      return clamp(index + 1, count);
    case 'pageUp':
      return clamp(index - page, count);
    case 'pageDown':
      return clamp(index + page, count);
    case 'first':
      return 0;
    case 'last':
      return Math.max(0, count - 1);
    default:
      return index;
  }
};

/** The zones Tab visits: the grid only when it has rows, the approval only with a callback URL, the form only when a record is open. */
export const tabZones = (state: ConsoleState): FocusZone[] => {
  if (!state.draft) return ['list'];
  const hasTokens = state.draft.thirdParty.tokens.length > 0;
  const automatic = state.draft.callbackUrl.text.trim() !== '';
  return ['list', ...FORM_ZONES.filter(zone => (zone !== 'grid' || hasTokens) && (zone !== 'approval' || automatic))];
};

export const moveFocus = (state: ConsoleState, step: number): ConsoleState => {
  const zones = tabZones(state);
  const index = zones.indexOf(state.focus);
  const next = zones[(index + step + zones.length) % zones.length] ?? 'list';
  return {...state, focus: next};
};

export const FIELD_ORDER = ['name', 'callbackUrl'] as const;

export const requestSave = (state: ConsoleState, then: PendingAction | undefined): ConsoleState => {
  // Nothing changed: nothing is written, and no history entry says otherwise.
  if (state.draft && !state.draft.isNew && !state.draft.modified)
    return {...state, notice: 'Nothing to save: no changes since the last save.'};
  const {draft} = state;
  if (!draft) return state;
  const errors = validated(state, draft);
  if (hasErrors(errors)) {
    return {
      ...state,
      dialog: undefined,
      errors,
      validateLive: true,
      focus: FIELD_ORDER.find(field => errors[field]) ?? state.focus,
      status: invalidStatus(errors),
    };
  }
  return {
    ...state,
    // A dialog open stays (Ctrl+S reaches only those that keep it: the test panel, which then tests
    // what was saved, and the help, from their binding tables); the unsaved question closes itself first.
    errors: {},
    status: {kind: 'saving'},
    request: {kind: 'save', thirdParty: draftThirdParty(draft), then},
  };
};

/** A refused or failed save belongs to the record left behind, not to the next one. */
export const settledStatus = (status: Status): Status => (status.kind === 'invalid' || status.kind === 'failed' ? {kind: 'idle'} : status);

/** A record newly in the form: the cursor in its name, secrets masked, no messages from the last one. */
export const withDraftOpen = (state: ConsoleState, draft: Draft): ConsoleState => ({
  ...state,
  draft,
  focus: 'name',
  gridIndex: 0,
  revealed: false,
  errors: {},
  validateLive: false,
  dialog: undefined,
  status: settledStatus(state.status),
});

export const open = (state: ConsoleState, id: string): ConsoleState => {
  const listIndex = state.thirdParties.findIndex(thirdParty => thirdParty.id === id);
  const thirdParty = state.thirdParties[listIndex];
  if (!thirdParty) return state;
  return {...withDraftOpen(state, draftOf(thirdParty, false)), listIndex};
};

export const startNew = (state: ConsoleState, env: Environment): ConsoleState => withDraftOpen(state, draftOf(createThirdParty(env), true));

export const perform = (state: ConsoleState, action: PendingAction, env: Environment): ConsoleState => {
  switch (action.kind) {
    case 'quit':
      return {...state, dialog: undefined, request: {kind: 'exit'}};
    case 'open':
      return open(state, action.id);
    case 'new':
      return startNew(state, env);
  }
};

/** Leaving the record in the form: ask first when it has unsaved changes. */
export const leaveDraft = (state: ConsoleState, then: PendingAction, env: Environment): ConsoleState =>
  state.draft?.modified ? {...state, dialog: {kind: 'unsaved', then, choice: 0}} : perform(state, then, env);

export const addTokenToDraft = (state: ConsoleState, env: Environment): ConsoleState => {
  if (!state.draft) return state;
  const next = changeDraft(state, draft => ({...draft, thirdParty: addToken(draft.thirdParty, env)}));
  const token = next.draft?.thirdParty.tokens[0];
  const expires = token?.expiresAt ? new Date(token.expiresAt).toLocaleDateString('en-CA') : 'never';
  return {...next, gridIndex: 0, notice: `OAuth token added; it expires ${expires}. Save with Ctrl+S.`};
};

export const editField = (state: ConsoleState, field: 'name' | 'callbackUrl', key: KeyPress): ConsoleState | undefined => {
  const draft = state.draft;
  if (!draft) return undefined;
  const edit = editText(draft[field], key.name, key.text);
  if (!edit) return undefined;
  const notice = edit.refused ? 'Control characters and escape sequences are not accepted; they were left out.' : undefined;
  if (edit.value.text === draft[field].text) return {...state, draft: {...draft, [field]: edit.value}, notice};
  return {...changeDraft(state, current => ({...current, [field]: edit.value})), notice};
};
