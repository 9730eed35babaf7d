/**
 * The console-wide keys: they work in the list and the form, and (the ways out, and Ctrl+S
 * where it says so) in dialogs too. Each context says which of them apply (`KeyContext.global`).
 */
import {type GlobalKeys} from '../keys/binding.js';
import type {Binding, KeyInput} from './bindings.js';
import {openDelete} from '../dialogs/delete-token/delete-token-keys.js';
import {openHistory} from '../dialogs/history/history-keys.js';
import {openRotate} from '../dialogs/rotate-secret/rotate-secret-keys.js';
import {openSend} from '../dialogs/send/send-keys.js';
import {openHelp} from '../dialogs/help/help-keys.js';
import {openLookup} from '../dialogs/lookup/lookup-keys.js';
import {nothingWaiting, openApprovals, waitingRequests} from '../dialogs/approvals/approvals-state.js';
import {openSettings} from '../dialogs/settings/settings-state.js';
import {openTestAccess} from '../test-access/test-access-state.js';
import {addTokenToDraft, leaveDraft, moveFocus, requestSave} from './actions.js';
import type {ConsoleState} from './state.js';

/** Quitting from anywhere, a dialog included: asks first when the form has unsaved changes. */
const quit = ({state, env}: KeyInput): ConsoleState =>
  state.dialog?.kind === 'unsaved'
    ? {...state, dialog: {...state.dialog, then: {kind: 'quit'}}}
    : leaveDraft({...state, dialog: undefined}, {kind: 'quit'}, env);

const noRecord = (state: ConsoleState): string | undefined =>
  state.draft ? undefined : 'Open a third party first (Enter in the list), or start one with Ctrl+N.';

/** The third party Ctrl+T tests: the highlighted one in the list, else the one in the form. */
const testAccess = ({state, now}: KeyInput): ConsoleState => {
  const {draft} = state;
  const listed = state.focus === 'list' && !state.dialog ? state.thirdParties[state.listIndex] : undefined;
  const target = listed
    ? {id: listed.id, name: listed.name, modified: draft?.thirdParty.id === listed.id && draft.modified}
    : draft && {id: draft.thirdParty.id, name: draft.name.text, modified: draft.modified};
  return {...state, dialog: openTestAccess(state.thirdParties, target, now)};
};

export const SAVE: Binding = {
  keys: ['ctrl+s'],
  description: 'save the third party in the form (from the list, the form, the test panel and the help)',
  label: 'save',
  disabledReason: ({state}) => noRecord(state),
  handler: ({state}) => requestSave(state, undefined),
};

export const QUIT: Binding = {
  keys: ['ctrl+q', 'ctrl+c'],
  description: 'quit (asks first when there are unsaved changes)',
  label: 'quit',
  handler: quit,
};

/** The terminal convention (bash, nano, less, vim): from anywhere, the whole screen drawn again. */
export const REDRAW: Binding = {
  keys: ['ctrl+l'],
  description: 'draw the whole screen again (after another program wrote over it)',
  handler: ({state}) => ({...state, redraws: (state.redraws ?? 0) + 1}),
};

export const HELP: Binding = {
  keys: ['f1', '?'],
  description: 'help: every key, the marks, the procedure (? too, outside text fields)',
  label: 'more',
  handler: ({state}) => openHelp(state),
};

/** In the order the footer offers them, after the context's own. */
const EVERYWHERE: readonly Binding[] = [
  {
    keys: ['ctrl+w'],
    description: 'requests waiting for approval: approve or deny',
    // First in the footer while requests wait (an application is waiting on its page); the header counts them.
    label: ({state}) => (waitingRequests(state).length > 0 ? 'approve' : undefined),
    disabledReason: ({state}) => (state.approvals?.connected ? undefined : nothingWaiting(state)),
    handler: ({state}) => openApprovals(state),
  },
  {keys: ['tab'], description: 'next field', label: 'next', handler: ({state}) => moveFocus(state, 1)},
  {keys: ['shift+tab'], description: 'previous field', handler: ({state}) => moveFocus(state, -1)},
  SAVE,
  {
    keys: ['ctrl+g'],
    description: 'add an OAuth token (six months)',
    label: 'add token',
    disabledReason: ({state}) => noRecord(state),
    handler: ({state, env}) => addTokenToDraft(state, env),
  },
  {keys: ['ctrl+t'], description: 'test access as the third party would', label: 'test', handler: testAccess},
  {
    keys: ['ctrl+o'],
    description: 'Copy OAuth Information: the sheet to send the third party (the highlighted one in the list)',
    label: 'copy OAuth info',
    handler: ({state, now}) => openSend(state, now),
  },
  {
    keys: ['ctrl+r'],
    description: 'reveal or mask the secrets and tokens',
    label: 'reveal',
    disabledReason: ({state}) => noRecord(state),
    handler: ({state}) => ({...state, revealed: !state.revealed}),
  },
  {keys: ['ctrl+n'], description: 'new third party', label: 'new', handler: ({state, env}) => leaveDraft(state, {kind: 'new'}, env)},
  {
    keys: ['ctrl+e'],
    description: 'filter the list by part of a name (as / in the list); it stays until Esc in the list',
    label: 'filter',
    handler: ({state}) => openLookup(state),
  },
  {
    keys: ['ctrl+k'],
    description: 'rotate the client secret (the previous one keeps working for a while)',
    disabledReason: ({state}) => noRecord(state),
    handler: ({state}) => openRotate(state),
  },
  {keys: ['ctrl+y'], description: 'history: who changed it, and when', handler: ({state}) => openHistory(state)},
  {
    keys: ['f2'],
    description: "settings: the authorization server's public address (issuer)",
    handler: ({state}) => openSettings(state, state.savedIssuer),
  },
  {keys: ['delete'], description: 'delete a token (grid) or a third party (list); asks first', handler: ({state}) => openDelete(state)},
  QUIT,
  HELP,
  REDRAW,
];

export const globalBindings = (which: GlobalKeys): readonly Binding[] =>
  which === 'all' ? EVERYWHERE : which === 'saveAndExits' ? [SAVE, QUIT, HELP, REDRAW] : [QUIT, HELP, REDRAW];

/** The ways out that end every footer line. */
export const EXIT_BINDINGS: readonly Binding[] = [QUIT, HELP];
