/**
 * Everything the console shows and how each key changes it, as one reducer. Side effects
 * (writing the file, leaving the program) are not done here: the reducer asks for them in
 * `request`, and `use-console.ts` carries them out and reports back with an action.
 */
import {compareByName, createThirdParty, placeByName, type Environment, type ThirdParty} from '../../domain/index.js';
import {showConflict, showMerged, showReloaded} from '../dialogs/conflict/conflict-dialog-state.js';
import {reduceDeleteThirdParty} from '../dialogs/delete-third-party/delete-third-party-state.js';
import {reduceHistory} from '../dialogs/history/history-state.js';
import {reduceSend} from '../dialogs/send/send-state.js';
import {dispatchKey} from '../key-contexts.js';
import type {KeyPress} from '../keys/keys.js';
import {noticeAfterLookup, reduceTestAccessEvent, refillTestFields} from '../test-access/test-access-state.js';
import {reduceLiveAction} from '../live/live-state.js';
import {perform} from './actions.js';
import {draftOf, freshDraft, mergedNotice, withThirdParties} from './draft.js';
import {holdKey, isBusy, releaseHeldKeys} from './held-keys.js';
import type {ConsoleAction, ConsoleState, Dialog, Pages, StartFindings} from './state.js';

export const initialConsoleState = (saved: readonly ThirdParty[], env: Environment, findings: StartFindings = {}): ConsoleState => {
  const started = startState(saved, env);
  const warning = findings.warnings?.length ? findings.warnings.join(' ') : undefined;
  const dialog: Dialog | undefined = findings.recovered ? {kind: 'recovery', recovered: findings.recovered, choice: 0} : undefined;
  return {...started, warning, dialog, sheetFolder: findings.sheetFolder};
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

export const reduceKey = (state: ConsoleState, key: KeyPress, env: Environment, pages: Pages): ConsoleState => {
  if (isBusy(state)) return holdKey(state, key, pages);
  const cleared: ConsoleState = state.notice === undefined ? state : {...state, notice: undefined};
  return dispatchKey({state: cleared, key, env, pages, now: env.now()});
};

/** The saved record, placed in name order; the list keeps pointing at it. */
const upsertSorted = (thirdParties: readonly ThirdParty[], saved: ThirdParty): ThirdParty[] => {
  const rest = thirdParties.filter(thirdParty => thirdParty.id !== saved.id);
  rest.splice(placeByName(rest, saved), 0, saved);
  return rest;
};

export const createConsoleReducer = (env: Environment) => {
  const press = (state: ConsoleState, key: KeyPress, pages: Pages) => reduceKey(state, key, env, pages);
  const reduce = reduceAction(env);
  // Whatever ended a save or a request, the keys held meanwhile are pressed next (held-keys.ts).
  return (state: ConsoleState, action: ConsoleAction): ConsoleState => releaseHeldKeys(reduce(state, action), press);
};

const reduceAction =
  (env: Environment) =>
  (state: ConsoleState, action: ConsoleAction): ConsoleState => {
    switch (action.type) {
      case 'key':
        return reduceKey(state, action.key, env, action.pages);
      case 'saved': {
        const request = state.request;
        // Merged with another console's saves: the whole list as the file now has it.
        const thirdParties = action.all ? [...action.all].sort(compareByName) : upsertSorted(state.thirdParties, action.thirdParty);
        const saved: ConsoleState = {
          ...withThirdParties(state, thirdParties),
          listIndex: thirdParties.findIndex(thirdParty => thirdParty.id === action.thirdParty.id),
          // The stored text is trimmed; the cursors stay where the admin left them.
          draft: state.draft && freshDraft(state.draft, action.thirdParty),
          status: {kind: 'saved', at: action.at},
          errors: {},
          validateLive: false,
          request: undefined,
          warning: undefined,
          notice: action.merged?.length || action.mergedFields ? mergedNotice(action.merged ?? [], action.mergedFields) : state.notice,
        };
        if (request?.kind === 'save' && request.then) return perform(saved, request.then, env);
        // Saved from the test panel: the panel now tests what was saved.
        const {dialog} = saved;
        if (dialog?.kind !== 'testAccess') return saved;
        const panel = {...dialog, thirdPartyId: dialog.thirdPartyId ?? action.thirdParty.id, unsaved: false};
        return {...saved, dialog: refillTestFields(panel, thirdParties, action.at).dialog};
      }
      case 'saveFailed':
        return {
          ...state,
          request: undefined,
          status: {kind: 'failed', message: action.message},
          ...(action.errors ? {errors: action.errors, validateLive: true} : {}),
        };
      case 'testAccess':
        if (state.dialog?.kind !== 'testAccess') return state;
        return {
          ...state,
          dialog: reduceTestAccessEvent(state.dialog, action.event),
          notice: noticeAfterLookup(state.notice, action.event),
        };
      case 'requestHandled':
        return {...state, request: undefined};
      case 'saveConflict':
        return showConflict(state, action.conflict);
      case 'reloaded':
        return showReloaded(state, action.database, action.openId, action.notice);
      case 'merged':
        return showMerged(state, action.all, action.names);
      case 'refreshed':
      case 'approvals':
      case 'decided':
      case 'serverMoved':
      case 'authorizationTested':
      case 'publicAddress':
      case 'settingsSaved':
        return reduceLiveAction(state, action);
      case 'deleted':
      case 'deleteFailed':
        return reduceDeleteThirdParty(state, action, env);
      case 'sendOutcome':
        return reduceSend(state, action);
      case 'historyLoaded':
      case 'historyFailed':
        return reduceHistory(state, action);
      case 'notice':
        return {...state, notice: action.text};
    }
  };
