/** Ctrl+Y: the history of a third party from the audit log; read while keys still act (held-keys.ts). */
import type {AuditEntry} from '../../../domain/index.js';
import type {ConsoleState} from '../../console/state.js';

export interface HistoryDialog {
  readonly kind: 'history';
  readonly id: string;
  readonly name: string;
  readonly entries: readonly AuditEntry[] | undefined;
  readonly error?: string;
  /** The first row shown (↑↓ PgUp PgDn Home End scroll). */
  readonly top?: number;
}

export type HistoryRequest = {readonly kind: 'history'; readonly id: string; readonly limit: number};

export type HistoryAction =
  | {readonly type: 'historyLoaded'; readonly id: string; readonly entries: readonly AuditEntry[]}
  | {readonly type: 'historyFailed'; readonly message: string};

export const reduceHistory = (state: ConsoleState, action: HistoryAction): ConsoleState => {
  const {dialog} = state;
  // Keys act while the history is read: another request may have been made since.
  const request = state.request?.kind === 'history' ? undefined : state.request;
  switch (action.type) {
    case 'historyLoaded':
      return {
        ...state,
        request,
        dialog: dialog?.kind === 'history' && dialog.id === action.id ? {...dialog, entries: action.entries} : dialog,
      };
    case 'historyFailed':
      return {...state, request, dialog: dialog?.kind === 'history' ? {...dialog, entries: [], error: action.message} : dialog};
  }
};
