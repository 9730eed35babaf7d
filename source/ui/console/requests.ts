/**
 * The one table of side effects (ARCHITECTURE.md, Keys): every kind of request the
 * reducer can ask for (`state.request`) and its handler, carried out by one effect in
 * use-console.ts. A request kind without a handler does not compile.
 */
import {decide} from '../dialogs/approvals/approvals-requests.js';
import {testAuthorization} from '../dialogs/authorization-test/authorization-test-requests.js';
import {resolveConflict} from '../dialogs/conflict/conflict-requests.js';
import {deleteThirdParty} from '../dialogs/delete-third-party/delete-third-party-requests.js';
import {readHistory} from '../dialogs/history/history-requests.js';
import {settleRecovery} from '../dialogs/recovery/recovery-requests.js';
import {copySheet, writeSheet} from '../dialogs/send/send-requests.js';
import {saveSettings} from '../dialogs/settings/settings-requests.js';
import type {RequestContext, RequestHandler} from './request-context.js';
import {save} from './save-requests.js';
import type {Request} from './state.js';

const HANDLERS: {readonly [K in Request['kind']]: RequestHandler<K>} = {
  save,
  exit: (_request, {exit}) => exit(),
  resolveConflict,
  settleRecovery,
  deleteThirdParty,
  copySheet,
  writeSheet,
  history: readHistory,
  decide,
  authorizationTest: testAuthorization,
  saveSettings,
};

export const runRequest = <K extends Request['kind']>(request: Extract<Request, {kind: K}>, context: RequestContext): void =>
  // TypeScript does not tie a union member's kind to the mapped table's entry; HANDLERS[K] takes exactly this request.
  (HANDLERS[request.kind as K] as RequestHandler<K>)(request, context);
