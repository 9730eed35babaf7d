/** The lifecycle dialogs as the pure reducer sees them: exact, no terminal. */
import test from 'ava';
import {addToken, createThirdParty, type ThirdParty} from '../../domain/index.js';
import {createConsoleReducer, initialConsoleState} from '../console/console-reducer.js';
import type {ConsoleAction, ConsoleState} from '../console/state.js';
import {HISTORY_LIMIT} from './history/history-keys.js';
import {parseKey} from '../keys/keys.js';
import {testEnvironment} from '../../../test/helpers/environment.js';
import {PAGES_80X24} from '../../../test/helpers/console-reducer.js';

const PAGES = PAGES_80X24;

const setUp = (thirdParties?: ThirdParty[]) => {
  const env = testEnvironment('2026-11-27T10:00:00.000Z', 'fixture');
  const saved = thirdParties ?? [
    addToken({...createThirdParty(env, 'Acme Payments'), enabled: true}, env),
    createThirdParty(env, 'City Utilities'),
  ];
  const reduce = createConsoleReducer(env);
  let state = initialConsoleState(saved, env);
  const api = {
    env,
    saved,
    get state(): ConsoleState {
      return state;
    },
    dispatch(action: ConsoleAction) {
      state = reduce(state, action);
    },
    /** Keys as the terminal sends them: "\r", "\u001B[3~", "a", "\u000F" (Ctrl+O)… */
    press(...sequences: string[]) {
      for (const sequence of sequences) {
        const keys = sequence.length > 1 && !sequence.startsWith('\u001B') ? [...sequence] : [sequence];
        for (const key of keys) state = reduce(state, {type: 'key', key: parseKey(key), pages: PAGES});
      }
    },
  };
  return api;
};

const ctrl = (letter: string) => String.fromCharCode(letter.charCodeAt(0) - 96);
const DELETE = '\u001B[3~';
const TAB = '\t';

test('Ctrl+O with unsaved changes is refused with the reason; saved, it opens the sheet on the newest active token', t => {
  const ui = setUp();
  ui.press('\r', ctrl('g'), ctrl('o'));
  t.is(ui.state.dialog, undefined);
  t.is(ui.state.notice, 'Save first (Ctrl+S): only saved information is sent.');

  const clean = setUp();
  clean.press('\r', ctrl('o'));
  const dialog = clean.state.dialog;
  t.is(dialog?.kind, 'send');
  if (dialog?.kind !== 'send') return;
  t.is(dialog.tokenId, clean.saved[0]!.tokens[0]!.id);
  t.false(dialog.revealed);
  clean.press(ctrl('r'));
  t.true(clean.state.dialog?.kind === 'send' && clean.state.dialog.revealed);
  clean.press('C');
  const request = clean.state.request;
  t.is(request?.kind, 'copySheet');
  if (request?.kind === 'copySheet') t.true(request.text.includes(clean.saved[0]!.clientSecret), 'what is copied has the secret in full');
});

test('Ctrl+O without an active token is refused; a new record too', t => {
  const env = testEnvironment('2026-11-27T10:00:00.000Z', 'other');
  const ui = setUp([createThirdParty(env, 'Acme Payments')]);
  ui.press('\r', ctrl('o'));
  t.is(ui.state.notice, 'No active, unexpired token to send: add one (Ctrl+G).');
  ui.press(ctrl('n'), ctrl('o'));
  t.is(ui.state.notice, 'Save first (Ctrl+S): only saved information is sent.');
});

test('the expiry menu: typing a digit goes to the date; a bad date keeps the menu open with the reason; Esc changes nothing', t => {
  const ui = setUp();
  ui.press('\r', TAB, TAB, '\r');
  t.is(ui.state.dialog?.kind, 'expiry');
  ui.press('2027-02-29', '\r');
  const dialog = ui.state.dialog;
  t.true(dialog?.kind === 'expiry' && dialog.choice === 5 && dialog.error === 'February 2027 has 28 days.');
  ui.press('\u001B');
  t.is(ui.state.dialog, undefined);
  t.false(ui.state.draft!.modified);
  ui.press('\r', '\u001B[A', '\r'); // ↑ from the first item wraps to the date; empty is refused
  t.true(ui.state.dialog?.kind === 'expiry' && ui.state.dialog.error === 'Type the date as YYYY-MM-DD (year, month, day).');
  ui.press('\u001B[A', '\r'); // never
  t.is(ui.state.draft!.thirdParty.tokens[0]!.expiresAt, null);
  t.true(ui.state.draft!.modified);
  t.is(ui.state.notice, 'Set to never expire; save with Ctrl+S.');
});

test('Delete: on a token asks and removes it from the form; outside the grid and the list it says where it works', t => {
  const ui = setUp();
  ui.press('\r', DELETE);
  t.is(ui.state.notice, undefined, 'in the name field Delete deletes a character');
  ui.press(TAB, DELETE);
  t.is(ui.state.notice, 'Del deletes a token (grid) or a third party (list).');
  ui.press(TAB, DELETE, 'n');
  t.is(ui.state.draft!.thirdParty.tokens.length, 1);
  ui.press(DELETE, 'y');
  t.is(ui.state.draft!.thirdParty.tokens.length, 0);
  t.is(ui.state.focus, 'addToken', 'no rows left: the focus goes to the button');
  t.true(ui.state.draft!.modified);
});

test('deleting a third party: only its exact name asks the store; afterwards the form shows its neighbour', t => {
  const ui = setUp();
  ui.press(DELETE);
  t.is(ui.state.dialog?.kind, 'deleteThirdParty');
  ui.press('Acme', '\r');
  t.true(ui.state.dialog?.kind === 'deleteThirdParty' && ui.state.dialog.error !== undefined);
  t.is(ui.state.request, undefined);
  ui.press(' Payments', '\r');
  t.deepEqual(ui.state.request, {kind: 'deleteThirdParty', id: ui.saved[0]!.id, name: 'Acme Payments'});
  ui.dispatch({type: 'deleted', id: ui.saved[0]!.id, name: 'Acme Payments', at: ui.env.now()});
  t.deepEqual(
    ui.state.thirdParties.map(thirdParty => thirdParty.name),
    ['City Utilities'],
  );
  t.is(ui.state.draft!.thirdParty.name, 'City Utilities');
  t.is(ui.state.notice, 'Deleted Acme Payments.');
  t.is(ui.state.request, undefined);
});

test('rotation: bad hours are refused with the reason; 0 hours keeps no previous secret; a new record never keeps one', t => {
  const ui = setUp();
  const before = ui.saved[0]!.clientSecret;
  ui.press('\r', ctrl('k'), '\u007F\u007F', '1.5', '\r');
  t.true(ui.state.dialog?.kind === 'rotate' && /whole hours/.test(ui.state.dialog.error ?? ''));
  ui.press('\u007F\u007F\u007F', '24', '\r');
  t.is(ui.state.draft!.thirdParty.previousClientSecret?.secret, before);
  t.is(ui.state.draft!.thirdParty.previousClientSecret?.validUntil, '2026-11-28T10:00:00.000Z');
  ui.press(ctrl('k'), '\u007F\u007F', '0', '\r');
  t.is(ui.state.draft!.thirdParty.previousClientSecret, null);

  ui.press(ctrl('n'), 'd'); // "Discard" in the unsaved dialog, then a new record
  ui.press(ctrl('k'), '\r');
  t.is(ui.state.draft!.thirdParty.previousClientSecret, null);
});

test('history: a new record has none yet; a saved one asks the store for its newest entries, bounded', t => {
  const ui = setUp();
  ui.press(ctrl('y'));
  t.deepEqual(ui.state.request, {kind: 'history', id: ui.saved[0]!.id, limit: HISTORY_LIMIT});
  ui.dispatch({type: 'historyLoaded', id: ui.saved[0]!.id, entries: []});
  t.true(ui.state.dialog?.kind === 'history' && ui.state.dialog.entries?.length === 0);
  ui.press('\u001B', ctrl('n'), ctrl('y'));
  t.is(ui.state.notice, 'No history yet: it starts with the first save.');
});
