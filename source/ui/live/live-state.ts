/**
 * What comes in from outside the console's own keys, as the reducer takes it: the data file as
 * another writer (the server, another console) left it, and the requests waiting for approval.
 * Records not being edited are refreshed in place; the one with unsaved edits keeps them (its
 * save is merged or asks, as before: the store kept the version the edits were made on).
 */
import {compareByName, placeByName, type PublicAddress, type Refreshed, type ThirdParty} from '../../domain/index.js';
import {draftOf, freshDraft, withThirdParties} from '../console/draft.js';
import type {ConsoleState} from '../console/state.js';
import {toDisplayText} from '../../domain/index.js';
import {showAuthorizationTested} from '../dialogs/authorization-test/authorization-test-state.js';
import {lookForServerAgain} from '../test-access/test-access-state.js';
import type {ApprovalDecision, ApprovalsView, AuthorizationTestResult} from './live-sources.js';

export type LiveAction =
  | {readonly type: 'refreshed'; readonly refreshed: Refreshed}
  | {readonly type: 'approvals'; readonly view: ApprovalsView}
  | {
      readonly type: 'decided';
      readonly id: string;
      readonly name: string;
      readonly decision: ApprovalDecision;
      readonly ok: boolean;
    }
  | {readonly type: 'publicAddress'; readonly address: PublicAddress; readonly saved: string | undefined}
  /** The server running on this machine started, stopped or moved (its server file says so). */
  | {readonly type: 'serverMoved'}
  | {readonly type: 'settingsSaved'; readonly ok: boolean; readonly message: string}
  | {readonly type: 'authorizationTested'; readonly thirdPartyId: string; readonly result: AuthorizationTestResult};

export type LiveRequest = {
  readonly kind: 'decide';
  readonly id: string;
  readonly name: string;
  readonly decision: ApprovalDecision;
};

/** "Acme Payments: token issued by automatic authorization (and 2 more changes)". */
export const refreshNotice = (refreshed: Refreshed): string | undefined => {
  const [first, ...rest] = refreshed.changes;
  if (!first) return undefined;
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more ${rest.length === 1 ? 'change' : 'changes'})`;
  return `${toDisplayText(first.summary)}${more}`;
};

/**
 * The refreshed records in name order, from the list shown: a refresh keeps unchanged records as
 * the same objects, so they keep their order and only the new objects are placed (sorting 5,000
 * names took ~15-20 ms of each live refresh).
 */
export const inNameOrder = (shown: readonly ThirdParty[], all: readonly ThirdParty[]): ThirdParty[] => {
  const now = new Set(all);
  const before = new Set(shown);
  const fresh = all.filter(thirdParty => !before.has(thirdParty));
  if (fresh.length > 100) return [...all].sort(compareByName);
  const list = shown.filter(thirdParty => now.has(thirdParty));
  for (const thirdParty of fresh) list.splice(placeByName(list, thirdParty), 0, thirdParty);
  return list;
};

export const showRefreshed = (state: ConsoleState, refreshed: Refreshed): ConsoleState => {
  const listed = state.thirdParties[state.listIndex]?.id;
  const thirdParties = inNameOrder(state.thirdParties, refreshed.database.thirdParties);
  const base = withThirdParties(state, thirdParties);
  const found = thirdParties.findIndex(thirdParty => thirdParty.id === listed);
  const listIndex = Math.max(0, Math.min(found === -1 ? state.listIndex : found, thirdParties.length - 1));
  const notice = refreshNotice(refreshed) ?? state.notice;
  const {draft} = state;
  // Unsaved edits (or a new record) stay as typed; their save compares with the file as before.
  if (!draft || draft.modified || draft.isNew) return {...base, listIndex, notice};
  const fresh = thirdParties.find(thirdParty => thirdParty.id === draft.thirdParty.id);
  if (fresh) {
    const next = freshDraft(draft, fresh);
    return {...base, listIndex, notice, draft: next, gridIndex: Math.min(state.gridIndex, Math.max(0, fresh.tokens.length - 1))};
  }
  // Deleted elsewhere: the form shows the record now highlighted in the list.
  const neighbour = thirdParties[listIndex];
  return {
    ...base,
    listIndex,
    notice,
    draft: neighbour ? draftOf(neighbour, false) : undefined,
    focus: 'list',
    gridIndex: 0,
    errors: {},
    validateLive: false,
  };
};

const decidedNotice = (action: Extract<LiveAction, {type: 'decided'}>): string =>
  action.ok
    ? `${toDisplayText(action.name)}: request ${action.decision === 'approve' ? 'approved' : 'denied'}.`
    : `${toDisplayText(action.name)}: the request no longer waits (decided elsewhere or timed out), or the server did not answer.`;

export const reduceLiveAction = (state: ConsoleState, action: LiveAction): ConsoleState => {
  switch (action.type) {
    case 'refreshed':
      return showRefreshed(state, action.refreshed);
    case 'approvals': {
      const {dialog} = state;
      // The list moves under the highlight: it stays on the same request while that one waits.
      if (dialog?.kind !== 'approvals') return {...state, approvals: action.view};
      const current = state.approvals?.pending[dialog.index]?.id;
      const found = action.view.pending.findIndex(request => request.id === current);
      const index = Math.max(0, Math.min(found === -1 ? dialog.index : found, action.view.pending.length - 1));
      return {...state, approvals: action.view, dialog: {...dialog, index}};
    }
    case 'decided':
      return {...state, request: undefined, notice: decidedNotice(action)};
    // The server on this machine started or stopped (use-live.ts): the test panel looks for it again.
    case 'serverMoved':
      return state.dialog?.kind === 'testAccess' ? {...state, dialog: lookForServerAgain(state.dialog)} : state;
    case 'publicAddress':
      return state.publicAddress?.url === action.address.url &&
        state.publicAddress.source === action.address.source &&
        state.savedIssuer === action.saved
        ? state
        : {...state, publicAddress: action.address, savedIssuer: action.saved};
    case 'settingsSaved':
      return action.ok
        ? {...state, request: undefined, dialog: state.dialog?.kind === 'settings' ? undefined : state.dialog, notice: action.message}
        : {
            ...state,
            request: undefined,
            dialog: state.dialog?.kind === 'settings' ? {...state.dialog, error: action.message} : state.dialog,
          };
    case 'authorizationTested':
      return showAuthorizationTested(state, action.thirdPartyId, action.result);
  }
};
