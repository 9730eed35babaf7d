/**
 * The token lifecycle's dialogs (expiry, delete a token or a third party, rotate the secret,
 * Copy OAuth Information, history): their state, the side effects they ask for, and what comes
 * back. Each dialog's keys live in its own folder (dialogs/<name>/<name>-keys.ts).
 */
import {createThirdParty, EXPIRY_PRESETS, toDisplayText, type AuditEntry, type Environment, type ThirdParty} from '../../domain/index.js';
import {draftOf, withThirdParties} from '../console/draft.js';
import type {ConsoleState} from '../console/state.js';
import type {TextValue} from '../widgets/text-editing.js';

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
      /** The newest usable token the sheet carries; none for a third party with a callback URL that has none. */
      readonly tokenId: string | undefined;
      readonly revealed: boolean;
      readonly step: SendStep;
      readonly path: TextValue;
      readonly message?: DialogMessage;
      /** The first row of the sheet shown (↑↓ PgUp PgDn Home End scroll). */
      readonly top?: number;
    }
  | {
      readonly kind: 'history';
      readonly id: string;
      readonly name: string;
      readonly entries: readonly AuditEntry[] | undefined;
      readonly error?: string;
      /** The first row shown (↑↓ PgUp PgDn Home End scroll). */
      readonly top?: number;
    };

export type LifecycleRequest =
  | {readonly kind: 'deleteThirdParty'; readonly id: string; readonly name: string}
  | {
      readonly kind: 'copySheet';
      readonly thirdPartyId: string;
      readonly tokenId: string | undefined;
      readonly text: string;
      readonly name: string;
    }
  | {
      readonly kind: 'writeSheet';
      readonly thirdPartyId: string;
      readonly tokenId: string | undefined;
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

/** The third party as saved: the open one when it has no unsaved changes (no scan of the list), else looked up. */
export const savedThirdParty = (state: ConsoleState, id: string): ThirdParty | undefined =>
  state.draft?.thirdParty.id === id && !state.draft.modified && !state.draft.isNew
    ? state.draft.thirdParty
    : state.thirdParties.find(thirdParty => thirdParty.id === id);

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
        // Keys act while the history is read: another request may have been made since.
        request: state.request?.kind === 'history' ? undefined : state.request,
        dialog: dialog?.kind === 'history' && dialog.id === action.id ? {...dialog, entries: action.entries} : dialog,
      };
    case 'historyFailed':
      return {
        ...state,
        request: state.request?.kind === 'history' ? undefined : state.request,
        dialog: dialog?.kind === 'history' ? {...dialog, entries: [], error: action.message} : dialog,
      };
    case 'notice':
      return {...state, notice: action.text};
  }
};
