/**
 * The console's state and the actions that change it: types only, so that every feature folder
 * can name them without importing the reducer. Each dialog's own state, requests and actions are
 * declared in its folder and gathered here.
 */
import type {HeldKeys} from './held-keys.js';
import type {
  Database,
  FieldErrors,
  MergedFields,
  NameIndex,
  PublicAddress,
  RecoveredChanges,
  SaveConflict,
  ThirdParty,
} from '../../domain/index.js';
import type {ConflictDialog, ConflictRequest} from '../dialogs/conflict/conflict-dialog-state.js';
import type {RecoveryDialog, RecoveryRequest} from '../dialogs/recovery/recovery-dialog-state.js';
import type {
  DeleteThirdPartyAction,
  DeleteThirdPartyDialog,
  DeleteThirdPartyRequest,
} from '../dialogs/delete-third-party/delete-third-party-state.js';
import type {DeleteTokenDialog} from '../dialogs/delete-token/delete-token-state.js';
import type {ExpiryDialog} from '../dialogs/expiry/expiry-state.js';
import type {HelpRow} from '../dialogs/help/help-row.js';
import type {HelpDialog} from '../dialogs/help/help-state.js';
import type {HistoryAction, HistoryDialog, HistoryRequest} from '../dialogs/history/history-state.js';
import type {LookupDialog} from '../dialogs/lookup/lookup-state.js';
import type {RotateDialog} from '../dialogs/rotate-secret/rotate-secret-state.js';
import type {SendAction, SendDialog, SendRequest} from '../dialogs/send/send-state.js';
import type {UnsavedDialog} from '../dialogs/unsaved/unsaved-state.js';
import type {FocusZone} from '../keys/keymap.js';
import type {KeyPress} from '../keys/keys.js';
import type {TextValue} from '../widgets/text-editing.js';
import type {TestAccessDialog, TestAccessEvent} from '../test-access/test-access-state.js';
import type {ApprovalsDialog} from '../dialogs/approvals/approvals-state.js';
import type {SettingsDialog, SettingsRequest} from '../dialogs/settings/settings-state.js';
import type {AuthorizationTestDialog, AuthorizationTestRequest} from '../dialogs/authorization-test/authorization-test-state.js';
import type {ApprovalsView} from '../live/live-sources.js';
import type {LiveAction, LiveRequest} from '../live/live-state.js';

/** What to do once unsaved changes are saved or discarded. */
export type PendingAction = {readonly kind: 'quit'} | {readonly kind: 'open'; readonly id: string} | {readonly kind: 'new'};

export type Dialog =
  | HelpDialog
  | UnsavedDialog
  | LookupDialog
  | ExpiryDialog
  | DeleteTokenDialog
  | DeleteThirdPartyDialog
  | RotateDialog
  | SendDialog
  | HistoryDialog
  | TestAccessDialog
  | ConflictDialog
  | RecoveryDialog
  | ApprovalsDialog
  | AuthorizationTestDialog
  | SettingsDialog;

/** The list shows only the third parties whose name holds the query (`/`, Ctrl+E), until Esc. */
export interface ListFilter {
  readonly query: string;
  /** Positions in `thirdParties`, in list order. */
  readonly matches: readonly number[];
}

/** The third party in the form, with the two text fields as typed. */
export interface Draft {
  readonly thirdParty: ThirdParty;
  /** The record as opened (saved, or generated for a new one): "modified" is worked out against it. */
  readonly original: ThirdParty;
  /** Unsaved changes restored from an earlier session: modified whatever the comparison says. */
  readonly restored?: boolean;
  readonly name: TextValue;
  readonly callbackUrl: TextValue;
  readonly isNew: boolean;
  readonly modified: boolean;
}

export type Status =
  | {readonly kind: 'idle'}
  | {readonly kind: 'saving'}
  | {readonly kind: 'saved'; readonly at: Date}
  | {readonly kind: 'invalid'; readonly message: string}
  | {readonly kind: 'failed'; readonly message: string};

export type Request =
  | {readonly kind: 'save'; readonly thirdParty: ThirdParty; readonly then: PendingAction | undefined}
  | {readonly kind: 'exit'}
  | DeleteThirdPartyRequest
  | SendRequest
  | HistoryRequest
  | ConflictRequest
  | RecoveryRequest
  | LiveRequest
  | AuthorizationTestRequest
  | SettingsRequest;

export interface ConsoleState {
  /** As saved in the file, in name order. */
  readonly thirdParties: readonly ThirdParty[];
  readonly names: NameIndex;
  /** Lower-cased names, in list order, for the lookup. */
  readonly searchNames: readonly string[];
  readonly listIndex: number;
  /** The list's filter; undefined: the whole list. */
  readonly filter?: ListFilter | undefined;
  readonly draft: Draft | undefined;
  readonly focus: FocusZone;
  readonly gridIndex: number;
  readonly revealed: boolean;
  readonly errors: FieldErrors;
  /** After a refused save, messages follow every edit. */
  readonly validateLive: boolean;
  readonly dialog: Dialog | undefined;
  readonly status: Status;
  /** One line for the admin about the last key (what was done, or why not). */
  readonly notice: string | undefined;
  readonly request: Request | undefined;
  /** Keys pressed while a save or another request runs, pressed when it is done (held-keys.ts). */
  readonly heldKeys?: HeldKeys | undefined;
  /** A problem found at start (a data file others can read, …): shown until the next save. */
  readonly warning?: string | undefined;
  /** The requests waiting for approval on the running server, live (live/). */
  readonly approvals?: ApprovalsView | undefined;
  /** The authorization server's public address (domain/public-address.ts), as live/ finds it; until then the default's. */
  readonly publicAddress?: PublicAddress | undefined;
  /** How many times Ctrl+L asked for the screen to be drawn again (console/use-redraw.ts). */
  readonly redraws?: number;
  /** Where Ctrl+O, W writes the sheet unless told otherwise: beside the data file, or the home folder (cli.tsx). */
  readonly sheetFolder?: string | undefined;
  /** The issuer as the data file's settings have it (F2 edits it); undefined: none set. */
  readonly savedIssuer?: string | undefined;
}

/** Rows that a page key moves, and the help's length at the terminal's width. */
export interface Pages {
  readonly list: number;
  readonly grid: number;
  /** The help's rows as wrapped to `helpWidth` (the help draws them, `/` searches them), and how many of them (or of the history's) show at once. */
  readonly helpRows: readonly HelpRow[];
  readonly helpPage: number;
  /** The columns inside a pane across the whole width (help, history): their lines wrap to it. */
  readonly helpWidth: number;
  /** The right pane's columns, borders included: Ctrl+O's sheet wraps to it. */
  readonly paneWidth: number;
}

export type ConsoleAction =
  | {readonly type: 'key'; readonly key: KeyPress; readonly pages: Pages}
  | {
      readonly type: 'saved';
      readonly thirdParty: ThirdParty;
      readonly at: Date;
      readonly all?: readonly ThirdParty[];
      readonly merged?: readonly string[];
      /** Another writer's change to other fields of this third party, kept with the save. */
      readonly mergedFields?: MergedFields;
    }
  | {readonly type: 'saveFailed'; readonly message: string; readonly errors?: FieldErrors}
  | DeleteThirdPartyAction
  | SendAction
  | HistoryAction
  | {readonly type: 'notice'; readonly text: string}
  | {readonly type: 'testAccess'; readonly event: TestAccessEvent}
  | {readonly type: 'saveConflict'; readonly conflict: SaveConflict}
  | {readonly type: 'reloaded'; readonly database: Database; readonly openId: string | undefined; readonly notice: string}
  | {readonly type: 'merged'; readonly all: readonly ThirdParty[]; readonly names: readonly string[]}
  | {readonly type: 'requestHandled'}
  | LiveAction;

/** What the console finds at start besides the data: warnings, and unsaved changes of an earlier session. */
export interface StartFindings {
  readonly warnings?: readonly string[];
  readonly recovered?: RecoveredChanges | undefined;
  readonly sheetFolder?: string | undefined;
}
