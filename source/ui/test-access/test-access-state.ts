/**
 * The test-access panel (Ctrl+T): what a third party says it holds, checked against what is
 * saved, as the server would; and, when the server runs for this data file, the same test
 * through it. Pure: the console's reducer hands keys here; `use-test-access.ts` does the I/O.
 */
import {checkAccess, tokenToTest, type AccessVerdict, type PresentedCredentials, type ThirdParty} from '../../domain/index.js';
import type {KeyPress} from '../keys/keys.js';
import {editText, textValue, type TextValue} from '../widgets/text-editing.js';
import type {ServerTest} from './access-tester.js';

export type TestField = 'clientId' | 'clientSecret' | 'token' | 'callbackUrl';
export const TEST_FIELDS: readonly TestField[] = ['clientId', 'clientSecret', 'token', 'callbackUrl'];
/** Masked on screen unless revealed. */
export const SECRET_FIELDS: readonly TestField[] = ['clientSecret', 'token'];

export type ServerState =
  | {readonly kind: 'looking'}
  | {readonly kind: 'absent'; readonly why: string}
  | {readonly kind: 'ready'; readonly url: string}
  | {readonly kind: 'testing'; readonly url: string; readonly run: number; readonly presented: PresentedCredentials}
  | {readonly kind: 'answered'; readonly url: string; readonly test: ServerTest}
  | {readonly kind: 'failed'; readonly url: string; readonly message: string};

export interface TestAccessDialog {
  readonly kind: 'testAccess';
  /** The saved third party the fields were filled from; undefined for one never saved. */
  readonly thirdPartyId: string | undefined;
  readonly name: string;
  readonly fields: Readonly<Record<TestField, TextValue>>;
  readonly focus: TestField;
  readonly revealed: boolean;
  /** The record in the form has changes that are not saved, so not tested. */
  readonly unsaved: boolean;
  readonly verdict: AccessVerdict;
  readonly server: ServerState;
  /** Counts the tests through the server, so that a late answer to an earlier one is ignored. */
  readonly runs: number;
}

export type TestAccessEvent =
  | {readonly kind: 'serverFound'; readonly url: string}
  | {readonly kind: 'serverAbsent'; readonly why: string}
  | {readonly kind: 'serverAnswered'; readonly run: number; readonly test: ServerTest}
  | {readonly kind: 'serverFailed'; readonly run: number; readonly message: string};

export const presentedOf = (dialog: Pick<TestAccessDialog, 'fields'>): PresentedCredentials => ({
  clientId: dialog.fields.clientId.text,
  clientSecret: dialog.fields.clientSecret.text,
  token: dialog.fields.token.text,
  callbackUrl: dialog.fields.callbackUrl.text.trim(),
});

const savedFields = (saved: ThirdParty | undefined, now: Date): Record<TestField, TextValue> => ({
  clientId: textValue(saved?.clientId ?? ''),
  clientSecret: textValue(saved?.clientSecret ?? ''),
  token: textValue((saved && tokenToTest(saved, now)?.token) ?? ''),
  callbackUrl: textValue(saved?.callbackUrl ?? ''),
});

const checked = (dialog: TestAccessDialog, saved: readonly ThirdParty[], now: Date): TestAccessDialog => ({
  ...dialog,
  verdict: checkAccess(presentedOf(dialog), saved, now),
});

/** An edit makes an earlier answer of the server stale: back to ready. */
const withoutServerAnswer = (server: ServerState): ServerState =>
  server.kind === 'answered' || server.kind === 'failed' || server.kind === 'testing' ? {kind: 'ready', url: server.url} : server;

export const openTestAccess = (
  saved: readonly ThirdParty[],
  target: {readonly id: string; readonly name: string; readonly modified: boolean} | undefined,
  now: Date,
): TestAccessDialog => {
  const savedOne = target && saved.find(thirdParty => thirdParty.id === target.id);
  const fields = savedFields(savedOne, now);
  return {
    kind: 'testAccess',
    thirdPartyId: savedOne?.id,
    name: savedOne?.name ?? target?.name ?? '',
    fields,
    focus: 'clientId',
    revealed: false,
    unsaved: target?.modified ?? false,
    verdict: checkAccess(presentedOf({fields}), saved, now),
    server: {kind: 'looking'},
    runs: 0,
  };
};

export interface PanelResult {
  /** undefined: the panel is closed. */
  readonly dialog: TestAccessDialog | undefined;
  readonly notice?: string;
}

const refused = 'Control characters and escape sequences are not accepted; they were left out.';

const moveField = (dialog: TestAccessDialog, step: number): TestAccessDialog => {
  const index = TEST_FIELDS.indexOf(dialog.focus);
  return {...dialog, focus: TEST_FIELDS[(index + step + TEST_FIELDS.length) % TEST_FIELDS.length]!};
};

/** Tab, ↓: the next field; Shift+Tab, ↑: the one before. */
export const nextTestField = (dialog: TestAccessDialog): PanelResult => ({dialog: moveField(dialog, 1)});
export const previousTestField = (dialog: TestAccessDialog): PanelResult => ({dialog: moveField(dialog, -1)});

export const revealTestFields = (dialog: TestAccessDialog): PanelResult => ({dialog: {...dialog, revealed: !dialog.revealed}});

/** Ctrl+T in the panel: the saved credentials again. */
export const refillTestFields = (dialog: TestAccessDialog, saved: readonly ThirdParty[], now: Date): PanelResult => {
  const savedOne = saved.find(thirdParty => thirdParty.id === dialog.thirdPartyId);
  return {
    dialog: checked({...dialog, fields: savedFields(savedOne, now), server: withoutServerAnswer(dialog.server)}, saved, now),
    notice: 'Filled in again with the saved credentials.',
  };
};

/** Typing, pasting, Ctrl+U in the focused field; undefined when the key does not edit text. */
export const editTestField = (
  dialog: TestAccessDialog,
  key: KeyPress,
  saved: readonly ThirdParty[],
  now: Date,
): PanelResult | undefined => {
  const edit = editText(dialog.fields[dialog.focus], key.name, key.text);
  if (!edit) return undefined;
  const changed = edit.value.text !== dialog.fields[dialog.focus].text;
  const next = {...dialog, fields: {...dialog.fields, [dialog.focus]: edit.value}};
  const result = changed ? checked({...next, server: withoutServerAnswer(dialog.server)}, saved, now) : next;
  return {dialog: result, ...(edit.refused ? {notice: refused} : {})};
};

/** The server started or stopped (the approvals channel says so): look for it again, unless a test through it runs. */
export const lookForServerAgain = (dialog: TestAccessDialog): TestAccessDialog =>
  dialog.server.kind === 'testing' || dialog.server.kind === 'looking' ? dialog : {...dialog, server: {kind: 'looking'}};

/** Enter: the same test through the server, when one was found. */
export const testThroughServer = (dialog: TestAccessDialog): PanelResult => runThroughServer(dialog);

/** Said while the server is looked for again; gone once it answers (or is found absent). */
export const LOOKING_AGAIN = 'Looking for the server again…';
/** What stays after looking again finds none: the lookup can end before a frame shows LOOKING_AGAIN. */
export const STILL_NO_SERVER = 'Looked again: still no server running.';

/** The notice once the server lookup has answered. */
export const noticeAfterLookup = (notice: string | undefined, event: TestAccessEvent): string | undefined =>
  notice !== LOOKING_AGAIN ? notice : event.kind === 'serverAbsent' ? STILL_NO_SERVER : undefined;

const runThroughServer = (dialog: TestAccessDialog): PanelResult => {
  const {server} = dialog;
  switch (server.kind) {
    case 'looking':
      return {dialog, notice: 'Still looking for the server; try again in a moment.'};
    case 'absent':
      return {dialog: {...dialog, server: {kind: 'looking'}}, notice: LOOKING_AGAIN};
    case 'testing':
      return {dialog};
    default: {
      const run = dialog.runs + 1;
      return {dialog: {...dialog, runs: run, server: {kind: 'testing', url: server.url, run, presented: presentedOf(dialog)}}};
    }
  }
};

export const reduceTestAccessEvent = (dialog: TestAccessDialog, event: TestAccessEvent): TestAccessDialog => {
  const {server} = dialog;
  switch (event.kind) {
    case 'serverFound':
      return server.kind === 'looking' ? {...dialog, server: {kind: 'ready', url: event.url}} : dialog;
    case 'serverAbsent':
      return server.kind === 'looking' ? {...dialog, server: {kind: 'absent', why: event.why}} : dialog;
    case 'serverAnswered':
      return server.kind === 'testing' && server.run === event.run
        ? {...dialog, server: {kind: 'answered', url: server.url, test: event.test}}
        : dialog;
    case 'serverFailed':
      return server.kind === 'testing' && server.run === event.run
        ? {...dialog, server: {kind: 'failed', url: server.url, message: event.message}}
        : dialog;
  }
};
