/**
 * Every dialog, one entry per kind of `Dialog` (ARCHITECTURE.md, The console): its keys, its view
 * and where the view goes. key-contexts.ts takes the keys from here, app.tsx the views. A new
 * dialog is a folder with its state, keys, view and entry, and one line here (the compiler asks
 * for it once its kind is in `Dialog`).
 */
import type {ReactNode} from 'react';
import type {Dialog} from '../console/state.js';
import {testAccessEntry} from '../test-access/test-access-panel.js';
import {approvalsEntry} from './approvals/approvals-dialog.js';
import {authorizationTestEntry} from './authorization-test/authorization-test-dialog.js';
import {conflictEntry} from './conflict/conflict-dialog.js';
import {deleteThirdPartyEntry} from './delete-third-party/delete-third-party-dialog.js';
import {deleteTokenEntry} from './delete-token/delete-token-dialog.js';
import type {DialogEntry, DialogViewProps} from './dialog-entry.js';
import {expiryEntry} from './expiry/expiry-menu.js';
import {helpEntry} from './help/help-dialog.js';
import {historyEntry} from './history/history-dialog.js';
import {lookupEntry} from './lookup/lookup-keys.js';
import {recoveryEntry} from './recovery/recovery-dialog.js';
import {rotateEntry} from './rotate-secret/rotate-secret-dialog.js';
import {sendEntry} from './send/send-sheet.js';
import {settingsEntry} from './settings/settings-dialog.js';
import {unsavedEntry} from './unsaved/unsaved-dialog.js';

export const DIALOGS: {readonly [K in Dialog['kind']]: DialogEntry<K>} = {
  help: helpEntry,
  unsaved: unsavedEntry,
  lookup: lookupEntry,
  expiry: expiryEntry,
  deleteToken: deleteTokenEntry,
  deleteThirdParty: deleteThirdPartyEntry,
  rotate: rotateEntry,
  send: sendEntry,
  history: historyEntry,
  testAccess: testAccessEntry,
  conflict: conflictEntry,
  recovery: recoveryEntry,
  approvals: approvalsEntry,
  authorizationTest: authorizationTestEntry,
  settings: settingsEntry,
};

/** The entry of the open dialog, its view taking any dialog. */
interface AnyEntry extends Omit<DialogEntry<Dialog['kind']>, 'View'> {
  readonly View: (props: DialogViewProps) => ReactNode;
}

// TypeScript does not tie a union member's kind to the mapped table's entry: DIALOGS[dialog.kind] takes exactly this dialog.
export const dialogEntry = (dialog: Dialog): AnyEntry => DIALOGS[dialog.kind] as unknown as AnyEntry;
