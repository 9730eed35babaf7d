/**
 * Everything the console shows and how each key changes it, as one reducer. Side effects
 * (writing the file, leaving the program) are not done here: the reducer asks for them in
 * `request`, and `use-console.ts` carries them out and reports back with an action.
 */
import {
  addToken,
  compareByName,
  createThirdParty,
  hasErrors,
  nameKey,
  toggleTokenActive,
  type Environment,
  type ThirdParty,
} from '../../domain/index.js';
import {reduceConflictKey, showConflict, showMerged, showReloaded} from '../dialogs/conflict/conflict-dialog-state.js';
import {reduceRecoveryKey} from '../dialogs/recovery/recovery-dialog-state.js';
import {actionFor, HELP_LINES, TEXT_ZONES, type FocusZone} from '../keys/keymap.js';
import type {KeyPress} from '../keys/keys.js';
import {
  openDelete,
  openExpiryMenu,
  openHistory,
  openRotate,
  openSend,
  reduceLifecycleAction,
  reduceLifecycleDialogKey,
} from '../dialogs/lifecycle-state.js';
import {editText, textValue, type TextValue} from '../widgets/text-editing.js';
import {openTestAccess, reduceTestAccessEvent, reduceTestAccessKey} from '../test-access/test-access-state.js';
import {changeDraft, draftOf, draftThirdParty, mergedNotice, validated, withThirdParties} from './draft.js';
import {
  UNSAVED_CHOICES,
  type ConsoleAction,
  type ConsoleState,
  type Dialog,
  type Draft,
  type Pages,
  type PendingAction,
  type StartFindings,
  type Status,
} from './state.js';

const FORM_ZONES: readonly FocusZone[] = ['name', 'addToken', 'grid', 'enabled', 'callbackUrl'];

export const initialConsoleState = (saved: readonly ThirdParty[], env: Environment, findings: StartFindings = {}): ConsoleState => {
  const started = startState(saved, env);
  const warning = findings.warnings?.length ? findings.warnings.join(' ') : undefined;
  const dialog: Dialog | undefined = findings.recovered ? {kind: 'recovery', recovered: findings.recovered, choice: 0} : undefined;
  return {...started, warning, dialog};
};

const startState = (saved: readonly ThirdParty[], env: Environment): ConsoleState => {
  const thirdParties = [...saved].sort(compareByName);
  const base: ConsoleState = withThirdParties(
    {
      thirdParties: [],
      names: new Map(),
      searchNames: [],
      listIndex: 0,
      draft: undefined,
      focus: 'list',
      gridIndex: 0,
      revealed: false,
      errors: {},
      validateLive: false,
      dialog: undefined,
      status: {kind: 'idle'},
      notice: undefined,
      request: undefined,
    },
    thirdParties,
  );
  const first = thirdParties[0];
  // An empty file starts on a new third party with the cursor in its name: step 2 of the procedure.
  return first ? {...base, draft: draftOf(first, false)} : {...base, draft: draftOf(createThirdParty(env), true), focus: 'name'};
};

const clamp = (value: number, count: number): number => Math.max(0, Math.min(value, count - 1));

const moveIndex = (index: number, count: number, action: string, page: number): number => {
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

/** The zones Tab visits: the grid only when it has rows, the form only when a record is open. */
const tabZones = (state: ConsoleState): FocusZone[] => {
  if (!state.draft) return ['list'];
  const hasTokens = state.draft.thirdParty.tokens.length > 0;
  return ['list', ...FORM_ZONES.filter(zone => zone !== 'grid' || hasTokens)];
};

const moveFocus = (state: ConsoleState, step: number): ConsoleState => {
  const zones = tabZones(state);
  const index = zones.indexOf(state.focus);
  const next = zones[(index + step + zones.length) % zones.length] ?? 'list';
  return {...state, focus: next};
};

const FIELD_ORDER = ['name', 'callbackUrl'] as const;

const requestSave = (state: ConsoleState, then: PendingAction | undefined): ConsoleState => {
  const {draft} = state;
  if (!draft) return state;
  const errors = validated(state, draft);
  if (hasErrors(errors)) {
    const count = Object.keys(errors).length;
    return {
      ...state,
      dialog: undefined,
      errors,
      validateLive: true,
      focus: FIELD_ORDER.find(field => errors[field]) ?? state.focus,
      status: {kind: 'invalid', message: `Not saved: ${count === 1 ? 'a field needs' : `${count} fields need`} attention.`},
    };
  }
  return {
    ...state,
    dialog: undefined,
    errors: {},
    status: {kind: 'saving'},
    request: {kind: 'save', thirdParty: draftThirdParty(draft), then},
  };
};

/** A refused or failed save belongs to the record left behind, not to the next one. */
const settledStatus = (status: Status): Status => (status.kind === 'invalid' || status.kind === 'failed' ? {kind: 'idle'} : status);

/** A record newly in the form: the cursor in its name, secrets masked, no messages from the last one. */
const withDraftOpen = (state: ConsoleState, draft: Draft): ConsoleState => ({
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

const open = (state: ConsoleState, id: string): ConsoleState => {
  const listIndex = state.thirdParties.findIndex(thirdParty => thirdParty.id === id);
  const thirdParty = state.thirdParties[listIndex];
  if (!thirdParty) return state;
  return {...withDraftOpen(state, draftOf(thirdParty, false)), listIndex};
};

const startNew = (state: ConsoleState, env: Environment): ConsoleState => withDraftOpen(state, draftOf(createThirdParty(env), true));

const perform = (state: ConsoleState, action: PendingAction, env: Environment): ConsoleState => {
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
const leaveDraft = (state: ConsoleState, then: PendingAction, env: Environment): ConsoleState =>
  state.draft?.modified ? {...state, dialog: {kind: 'unsaved', then, choice: 0}} : perform(state, then, env);

const addTokenToDraft = (state: ConsoleState, env: Environment): ConsoleState => {
  if (!state.draft) return state;
  const next = changeDraft(state, draft => ({...draft, thirdParty: addToken(draft.thirdParty, env)}));
  const token = next.draft?.thirdParty.tokens[0];
  const expires = token?.expiresAt ? new Date(token.expiresAt).toLocaleDateString('en-CA') : 'never';
  return {...next, gridIndex: 0, notice: `OAuth token added; it expires ${expires}. Save with Ctrl+S.`};
};

const lookupMatches = (state: ConsoleState, query: string): number[] => {
  const needle = nameKey(query);
  const matches: number[] = [];
  state.searchNames.forEach((name, index) => {
    if (name.includes(needle)) matches.push(index);
  });
  return matches;
};

const reduceDialogKey = (state: ConsoleState, dialog: Dialog, key: KeyPress, env: Environment, pages: Pages): ConsoleState => {
  const action = actionFor(key.name, key.text);
  switch (dialog.kind) {
    case 'help': {
      if (action === 'close' || action === 'help' || action === 'activate') return {...state, dialog: undefined};
      // The help scrolls when the keys do not all fit; the pane clamps the end.
      const top = dialog.top ?? 0;
      const step =
        action === 'up' ? -1 : action === 'down' ? 1 : action === 'pageUp' ? -pages.list : action === 'pageDown' ? pages.list : 0;
      return step === 0 ? state : {...state, dialog: {...dialog, top: Math.max(0, Math.min(top + step, HELP_LINES.length - pages.list))}};
    }
    case 'unsaved': {
      const choose = (choice: number): ConsoleState =>
        choice === 0 ? requestSave(state, dialog.then) : choice === 1 ? perform(state, dialog.then, env) : {...state, dialog: undefined};
      const letter = key.name === 'text' ? key.text.toLowerCase() : '';
      const lettered = UNSAVED_CHOICES.findIndex(choice => choice[0]?.toLowerCase() === letter);
      if (lettered !== -1) return choose(lettered);
      if (action === 'close') return choose(2);
      if (action === 'activate') return choose(dialog.choice);
      const step = key.name === 'left' || action === 'previousField' ? -1 : key.name === 'right' || action === 'nextField' ? 1 : 0;
      if (step === 0) return state;
      return {...state, dialog: {...dialog, choice: (dialog.choice + step + UNSAVED_CHOICES.length) % UNSAVED_CHOICES.length}};
    }
    case 'conflict':
      return reduceConflictKey(state, dialog, key);
    case 'recovery':
      return reduceRecoveryKey(state, dialog, key);
    case 'lookup': {
      if (action === 'close') return {...state, dialog: undefined};
      if (action === 'activate') {
        const listIndex = dialog.matches[dialog.index];
        const match = listIndex === undefined ? undefined : state.thirdParties[listIndex];
        if (!match) return {...state, notice: 'No third party has that in its name.'};
        return leaveDraft({...state, dialog: undefined, listIndex: listIndex!}, {kind: 'open', id: match.id}, env);
      }
      if (action && ['up', 'down', 'pageUp', 'pageDown'].includes(action)) {
        return {...state, dialog: {...dialog, index: moveIndex(dialog.index, dialog.matches.length, action, pages.list)}};
      }
      const edit = editText(dialog.query, key.name, key.text);
      if (!edit || edit.value.text === dialog.query.text) return edit ? {...state, dialog: {...dialog, query: edit.value}} : state;
      return {...state, dialog: {...dialog, query: edit.value, matches: lookupMatches(state, edit.value.text), index: 0}};
    }
    case 'testAccess': {
      if (action === 'quit') return leaveDraft({...state, dialog: undefined}, {kind: 'quit'}, env);
      const result = reduceTestAccessKey(dialog, key, state.thirdParties, env.now());
      return {...state, dialog: result.dialog, notice: result.notice};
    }
    default:
      return reduceLifecycleDialogKey(state, dialog, key, env);
  }
};

const editField = (state: ConsoleState, field: 'name' | 'callbackUrl', key: KeyPress): ConsoleState | undefined => {
  const draft = state.draft;
  if (!draft) return undefined;
  const edit = editText(draft[field], key.name, key.text);
  if (!edit) return undefined;
  const notice = edit.refused ? 'Control characters and escape sequences are not accepted; they were left out.' : undefined;
  if (edit.value.text === draft[field].text) return {...state, draft: {...draft, [field]: edit.value}, notice};
  return {...changeDraft(state, current => ({...current, [field]: edit.value})), notice};
};

export const reduceKey = (state: ConsoleState, key: KeyPress, env: Environment, pages: Pages): ConsoleState => {
  if (state.status.kind === 'saving' || state.request) return state;
  const cleared: ConsoleState = state.notice === undefined ? state : {...state, notice: undefined};
  if (cleared.dialog) return reduceDialogKey(cleared, cleared.dialog, key, env, pages);

  const {focus, draft} = cleared;
  if ((TEXT_ZONES as readonly string[]).includes(focus)) {
    const edited = editField(cleared, focus as 'name' | 'callbackUrl', key);
    if (edited) return edited;
  }

  const action = actionFor(key.name, key.text);
  switch (action) {
    case 'save':
      return requestSave(cleared, undefined);
    case 'quit':
      return leaveDraft(cleared, {kind: 'quit'}, env);
    case 'newThirdParty':
      return leaveDraft(cleared, {kind: 'new'}, env);
    case 'lookup':
      return {...cleared, dialog: {kind: 'lookup', query: textValue(''), matches: cleared.thirdParties.map((_, index) => index), index: 0}};
    case 'help':
      return {...cleared, dialog: {kind: 'help'}};
    case 'addToken':
      return addTokenToDraft(cleared, env);
    case 'delete':
      return openDelete(cleared);
    case 'rotateSecret':
      return openRotate(cleared);
    case 'send':
      return openSend(cleared, env.now());
    case 'history':
      return openHistory(cleared, pages);
    case 'testAccess': {
      // The focused third party: the highlighted one in the list, else the one in the form.
      const listed = focus === 'list' ? cleared.thirdParties[cleared.listIndex] : undefined;
      const target = listed
        ? {id: listed.id, name: listed.name, modified: draft?.thirdParty.id === listed.id && draft.modified}
        : draft && {id: draft.thirdParty.id, name: draft.name.text, modified: draft.modified};
      return {...cleared, dialog: openTestAccess(cleared.thirdParties, target, env.now())};
    }
    case 'reveal':
      return draft ? {...cleared, revealed: !cleared.revealed} : cleared;
    case 'nextField':
      return moveFocus(cleared, 1);
    case 'previousField':
      return moveFocus(cleared, -1);
    case 'up':
    case 'down':
    case 'pageUp':
    case 'pageDown':
    case 'first':
    case 'last':
      if (focus === 'list') return {...cleared, listIndex: moveIndex(cleared.listIndex, cleared.thirdParties.length, action, pages.list)};
      if (focus === 'grid' && draft)
        return {...cleared, gridIndex: moveIndex(cleared.gridIndex, draft.thirdParty.tokens.length, action, pages.grid)};
      return cleared;
    case 'activate': {
      if (focus === 'list') {
        const target = cleared.thirdParties[cleared.listIndex];
        if (!target) return cleared;
        if (draft && !draft.isNew && draft.thirdParty.id === target.id) return {...cleared, focus: 'name'};
        return leaveDraft(cleared, {kind: 'open', id: target.id}, env);
      }
      if (focus === 'addToken') return addTokenToDraft(cleared, env);
      if (focus === 'grid') return openExpiryMenu(cleared);
      if (focus === 'name' || focus === 'callbackUrl') return moveFocus(cleared, 1);
      return cleared;
    }
    case 'toggle': {
      if (focus === 'addToken') return addTokenToDraft(cleared, env);
      if (focus === 'enabled')
        return changeDraft(cleared, current => ({...current, thirdParty: {...current.thirdParty, enabled: !current.thirdParty.enabled}}));
      const token = draft?.thirdParty.tokens[cleared.gridIndex];
      if (focus === 'grid' && token)
        return changeDraft(cleared, current => ({...current, thirdParty: toggleTokenActive(current.thirdParty, token.id)}));
      return cleared;
    }
    default:
      return cleared;
  }
};

/** The saved record, placed in name order; the list keeps pointing at it. */
const upsertSorted = (thirdParties: readonly ThirdParty[], saved: ThirdParty): ThirdParty[] => {
  const rest = thirdParties.filter(thirdParty => thirdParty.id !== saved.id);
  let low = 0;
  let high = rest.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareByName(rest[middle]!, saved) < 0) low = middle + 1;
    else high = middle;
  }
  rest.splice(low, 0, saved);
  return rest;
};

export const createConsoleReducer =
  (env: Environment) =>
  (state: ConsoleState, action: ConsoleAction): ConsoleState => {
    switch (action.type) {
      case 'key':
        return reduceKey(state, action.key, env, action.pages);
      case 'saved': {
        const request = state.request;
        // Merged with another console's saves: the whole list as the file now has it.
        const thirdParties = action.all ? [...action.all].sort(compareByName) : upsertSorted(state.thirdParties, action.thirdParty);
        const previous = state.draft;
        const fresh = draftOf(action.thirdParty, false);
        // The stored text is trimmed; the cursor stays where the admin left it.
        const keepCursor = (before: TextValue, after: TextValue): TextValue => ({
          ...after,
          cursor: Math.min(before.cursor, after.text.length),
        });
        const saved: ConsoleState = {
          ...withThirdParties(state, thirdParties),
          listIndex: thirdParties.findIndex(thirdParty => thirdParty.id === action.thirdParty.id),
          draft: previous && {
            ...fresh,
            name: keepCursor(previous.name, fresh.name),
            callbackUrl: keepCursor(previous.callbackUrl, fresh.callbackUrl),
          },
          status: {kind: 'saved', at: action.at},
          errors: {},
          validateLive: false,
          request: undefined,
          warning: undefined,
          notice: action.merged?.length ? mergedNotice(action.merged) : state.notice,
        };
        return request?.kind === 'save' && request.then ? perform(saved, request.then, env) : saved;
      }
      case 'saveFailed':
        return {
          ...state,
          request: undefined,
          status: {kind: 'failed', message: action.message},
          ...(action.errors ? {errors: action.errors, validateLive: true} : {}),
        };
      case 'testAccess':
        return state.dialog?.kind === 'testAccess' ? {...state, dialog: reduceTestAccessEvent(state.dialog, action.event)} : state;
      case 'requestHandled':
        return {...state, request: undefined};
      case 'saveConflict':
        return showConflict(state, action.conflict);
      case 'reloaded':
        return showReloaded(state, action.database, action.openId, action.notice);
      case 'merged':
        return showMerged(state, action.all, action.names);
      default:
        return reduceLifecycleAction(state, action, env);
    }
  };
