import test from 'ava';
import type {SaveConflict} from '../../../domain/index.js';
import {createConsoleReducer, initialConsoleState} from '../../console/console-reducer.js';
import {mergedNotice} from '../../console/draft.js';
import type {ConsoleState} from '../../console/state.js';
import type {KeyPress} from '../../keys/keys.js';
import {unsavedChangesOf} from '../../console/use-unsaved-handoff.js';
import {databaseOf, sampleThirdParties} from '../../../../test/helpers/data-files.js';
import {testEnvironment} from '../../../../test/helpers/environment.js';
import {PAGES_80X24} from '../../../../test/helpers/console-reducer.js';

const env = testEnvironment();
const reduce = createConsoleReducer(env);
const pages = {...PAGES_80X24, list: 10, grid: 5};
const press = (state: ConsoleState, name: string, text = ''): ConsoleState =>
  reduce(state, {type: 'key', key: {name, text} satisfies KeyPress, pages});
const type = (state: ConsoleState, text: string) => press(state, 'text', text);

const [acme, city] = sampleThirdParties(env, ['Acme Payments', 'City Utilities']);

/** Acme open with a changed name, the save answered with a conflict. */
const inConflict = (theirs = {...acme!, name: 'Acme Ltd'}): ConsoleState => {
  let state = initialConsoleState([acme!, city!], env);
  state = press(state, 'return');
  state = type(state, ' 2');
  state = press(state, 'ctrl+s');
  const conflict: SaveConflict = {
    thirdPartyId: acme!.id,
    mine: {...acme!, name: 'Acme Payments 2'},
    theirs,
    changedBy: {actor: 'alice@host', at: new Date(), action: 'update'},
  };
  return reduce(state, {type: 'saveConflict', conflict});
};

test('a conflict opens the dialog and says the save did not happen', t => {
  const state = inConflict();
  t.is(state.dialog?.kind, 'conflict');
  t.is(state.request, undefined);
  t.deepEqual(state.status, {kind: 'failed', message: 'Not saved: another console changed this third party.'});
  t.true(state.draft?.modified);
});

test('K keeps mine in a copy, R reloads theirs; both ask use-console to do it', t => {
  t.like(press(inConflict(), 'text', 'k').request, {kind: 'resolveConflict', keepCopy: true});
  t.like(press(inConflict(), 'text', 'r').request, {kind: 'resolveConflict', keepCopy: false});
  // Enter presses the chosen button; → moves the choice.
  t.like(press(press(inConflict(), 'right'), 'return').request, {kind: 'resolveConflict', keepCopy: true});
});

test('C and Esc cancel: the changes stay in the form, unsaved', t => {
  for (const [name, text] of [
    ['text', 'c'],
    ['escape', ''],
  ] as const) {
    const state = press(inConflict(), name, text);
    t.is(state.dialog, undefined);
    t.is(state.request, undefined);
    t.is(state.draft?.name.text, 'Acme Payments 2');
    t.true(state.draft?.modified);
    t.regex(state.notice ?? '', /Not saved; your changes are still in the form/);
  }
});

test("keys other than the dialog's do nothing while it is open, and say so", t => {
  const state = inConflict();
  t.deepEqual(press(state, 'ctrl+s'), {...state, notice: 'Ctrl+S does not work in this dialog; Esc closes it first.'});
  t.deepEqual(type(state, 'x'), {...state, notice: 'x does nothing here; F1 lists the keys.'});
});

test('reloaded: the list and the form show the file as the other console left it', t => {
  const theirs = {...acme!, name: 'Acme Ltd'};
  const state = reduce(press(inConflict(theirs), 'text', 'r'), {
    type: 'reloaded',
    database: databaseOf([theirs, city!]),
    openId: acme!.id,
    notice: 'Reloaded.',
  });
  t.deepEqual(
    state.thirdParties.map(thirdParty => thirdParty.name),
    ['Acme Ltd', 'City Utilities'],
  );
  t.is(state.draft?.name.text, 'Acme Ltd');
  t.false(state.draft?.modified);
  t.deepEqual(state.status, {kind: 'idle'});
  t.is(state.notice, 'Reloaded.');
});

test('reloaded after the other console deleted it: the first one is shown, the list has the focus', t => {
  const state = reduce(press(inConflict(undefined as never), 'text', 'r'), {
    type: 'reloaded',
    database: databaseOf([city!]),
    openId: acme!.id,
    notice: 'Deleted.',
  });
  t.is(state.draft?.name.text, 'City Utilities');
  t.is(state.focus, 'list');
});

test('a merged save updates the whole list and says whose changes came in', t => {
  let state = initialConsoleState([acme!, city!], env);
  state = press(state, 'return');
  state = type(state, ' 2');
  state = press(state, 'ctrl+s');
  const [dover] = sampleThirdParties(env, ['Dover Water']);
  const saved = {...acme!, name: 'Acme Payments 2'};
  state = reduce(state, {type: 'saved', thirdParty: saved, at: env.now(), all: [saved, city!, dover!], merged: ['Dover Water']});
  t.deepEqual(
    state.thirdParties.map(thirdParty => thirdParty.name),
    ['Acme Payments 2', 'City Utilities', 'Dover Water'],
  );
  t.is(state.notice, "Saved, merged with another console's changes to Dover Water.");
  t.is(mergedNotice(['A', 'B', 'C', 'D', 'E']), "Saved, merged with another console's changes to A, B, C and 2 more.");
  t.is(mergedNotice(['Evil\u001B]0;x\u0007']), "Saved, merged with another console's changes to Evil�.");
});

test('recovered changes at start: Restore puts them in the form, modified, and asks to remove the recovery file', t => {
  const recovered = {thirdParty: {...acme!, name: 'Acme (draft)'}, original: acme!, savedAt: new Date(), changedSince: false};
  let state = initialConsoleState([acme!, city!], env, {recovered});
  t.is(state.dialog?.kind, 'recovery');
  state = type(state, 'r');
  t.is(state.dialog, undefined);
  t.is(state.draft?.name.text, 'Acme (draft)');
  t.true(state.draft?.modified);
  t.false(state.draft?.isNew);
  t.deepEqual(state.request, {kind: 'settleRecovery', restored: true});
  // As typed: an empty callback URL field is '' until it is saved.
  t.deepEqual(unsavedChangesOf(state), {thirdParty: {...acme!, name: 'Acme (draft)', callbackUrl: ''}, original: acme!});
});

test('recovered changes at start: Discard asks to remove them; Later (Esc) leaves them', t => {
  const recovered = {thirdParty: {...acme!, name: 'Acme (draft)'}, original: acme!, savedAt: new Date(), changedSince: true};
  const discarded = type(initialConsoleState([acme!], env, {recovered}), 'd');
  t.deepEqual(discarded.request, {kind: 'settleRecovery', restored: false});
  t.is(discarded.draft?.name.text, 'Acme Payments');
  const later = press(initialConsoleState([acme!], env, {recovered}), 'escape');
  t.is(later.request, undefined);
  t.is(later.dialog, undefined);
});

test('nothing unsaved, nothing handed over; a new record is handed over with no original', t => {
  let state = initialConsoleState([acme!], env);
  t.is(unsavedChangesOf(state), undefined);
  state = press(state, 'ctrl+n');
  state = type(state, 'New one');
  t.is(unsavedChangesOf(state)?.original, null);
  t.is(unsavedChangesOf(state)?.thirdParty.name, 'New one');
});

test('a warning found at start is shown until the next save', t => {
  let state = initialConsoleState([acme!], env, {warnings: ['db.json is open to others.']});
  t.is(state.warning, 'db.json is open to others.');
  state = press(state, 'return');
  state = type(state, ' 2');
  state = press(state, 'ctrl+s');
  state = reduce(state, {type: 'saved', thirdParty: {...acme!, name: 'Acme Payments 2'}, at: env.now()});
  t.is(state.warning, undefined);
});
