/**
 * The requests waiting for approval (approval "ask"): the dialog lists them live as the server
 * announces them; Enter approves the highlighted one, D denies it. The decision goes to the
 * server as a request (`decide`), carried out by use-live.ts.
 */
import type {ConsoleState} from '../../console/state.js';
import type {ApprovalDecision, WaitingRequest} from '../../live/live-sources.js';

export interface ApprovalsDialog {
  readonly kind: 'approvals';
  readonly index: number;
}

export const waitingRequests = (state: ConsoleState): readonly WaitingRequest[] => state.approvals?.pending ?? [];

/** Why there is nothing to approve, in the admin's words; undefined when requests wait. */
export const nothingWaiting = (state: ConsoleState): string | undefined => {
  if (waitingRequests(state).length > 0) return undefined;
  const approvals = state.approvals;
  if (!approvals?.connected) return `No requests: ${approvals?.why ?? 'no server running for this data file (tpa serve)'}.`;
  return 'No authorization requests wait for approval.';
};

export const openApprovals = (state: ConsoleState): ConsoleState => ({...state, dialog: {kind: 'approvals', index: 0}});

export const highlightedRequest = (state: ConsoleState): WaitingRequest | undefined =>
  state.dialog?.kind === 'approvals' ? waitingRequests(state)[state.dialog.index] : undefined;

export const decideHighlighted = (state: ConsoleState, decision: ApprovalDecision): ConsoleState => {
  const request = highlightedRequest(state);
  if (!request) return state;
  return {...state, request: {kind: 'decide', id: request.id, name: request.thirdPartyName, decision}};
};

/** "3 min", "45 s": how long a request has waited. */
export const waitedText = (since: string, now: Date): string => {
  const seconds = Math.max(0, Math.round((now.getTime() - Date.parse(since)) / 1000));
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min`;
};
