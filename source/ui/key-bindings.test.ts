/** The binding tables as the reducer runs them: every key shown does something, and the keys the issue lists work. */
import test from 'ava';
import {addToken, createThirdParty} from '../domain/index.js';
import {initialConsoleState} from './console/console-reducer.js';
import type {ConsoleState} from './console/state.js';
import {ALL_CONTEXTS, contextFor, footerLine} from './key-contexts.js';
import {isShown} from './keys/binding.js';
import type {Binding} from './console/bindings.js';
import {showAuthorizationTested} from './dialogs/authorization-test/authorization-test-state.js';
import {helpRows} from './dialogs/help/help-lines.js';
import {historyEntries, PAGES_80X24, reducerConsole, waitingRequest, type ReducerConsole} from '../../test/helpers/console-reducer.js';

const PAGES = PAGES_80X24;

const setUp = reducerConsole;

type Console = ReducerConsole;

/** Everything a person would notice: the state without the derived indexes. */
const visible = (state: ConsoleState): string => JSON.stringify({...state, names: undefined, searchNames: undefined});

/** One way to reach each context, from a console on Acme (with a token) and City Utilities. */
const reach: Record<string, (ui: Console) => void> = {
  list: () => {},
  name: ui => ui.press('return'),
  addToken: ui => ui.press('return', 'tab'),
  grid: ui => ui.press('return', 'tab', 'tab'),
  enabled: ui => ui.press('return', 'tab', 'tab', 'tab'),
  callbackUrl: ui => ui.press('return', 'tab', 'tab', 'tab', 'tab'),
  // The approval setting is there only with a callback URL.
  approval: ui => {
    ui.state = initialConsoleState([{...ui.saved[0]!, callbackUrl: 'https://acme.example/cb'}, ...ui.saved.slice(1)], ui.env);
    ui.press('return', 'tab', 'tab', 'tab', 'tab', 'tab');
  },
  saveButton: ui => ui.press('return', 'tab', 'tab', 'tab', 'tab', 'tab'),
  settings: ui => ui.press('f2'),
  approvals: ui => {
    // A running server with two requests waiting.
    const pending = [waitingRequest(ui.saved[0]!, 'r1'), waitingRequest(ui.saved[0]!, 'r2')];
    ui.dispatch({type: 'approvals', view: {connected: true, pending}});
    ui.press('ctrl+w');
  },
  authorizationTest: ui => {
    // Automatic authorization needs a saved callback URL.
    ui.state = initialConsoleState([{...ui.saved[0]!, callbackUrl: 'https://acme.example/cb'}, ...ui.saved.slice(1)], ui.env);
    ui.press('ctrl+t', 'ctrl+p');
    // The server answered (use-console.ts carries the request out; here the result comes back at once).
    ui.state = showAuthorizationTested(ui.state, ui.saved[0]!.id, {ok: true, steps: []});
  },
  help: ui => ui.press('f1'),
  unsaved: ui => ui.press('return', 'x', 'ctrl+n'),
  lookup: ui => ui.press('ctrl+e'),
  expiry: ui => ui.press('return', 'tab', 'tab', 'return'),
  deleteToken: ui => ui.press('return', 'tab', 'tab', 'delete'),
  deleteThirdParty: ui => ui.press('delete'),
  rotate: ui => ui.press('return', 'ctrl+k'),
  // With a callback URL: the sheet with the flow is longer than a page, so that every scroll key can move.
  send: ui => {
    ui.state = initialConsoleState([{...ui.saved[0]!, callbackUrl: 'https://acme.example/cb'}, ...ui.saved.slice(1)], ui.env);
    ui.press('ctrl+o');
  },
  // More rows than a page (PAGES.helpPage), so that every scroll key can move.
  history: ui => {
    ui.press('ctrl+y');
    ui.dispatch({type: 'historyLoaded', id: ui.saved[0]!.id, entries: historyEntries(ui.saved[0]!, 20)});
  },
  testAccess: ui => ui.press('ctrl+t'),
  conflict: ui => {
    ui.press('return', 'x', 'ctrl+s');
    const mine = ui.state.draft!.thirdParty;
    ui.dispatch({
      type: 'saveConflict',
      conflict: {thirdPartyId: mine.id, mine, theirs: ui.saved[0], changedBy: {actor: 'bob@host', at: new Date(), action: 'update'}},
    });
  },
  recovery: ui => {
    ui.state = initialConsoleState(ui.saved, ui.env, {
      recovered: {thirdParty: {...ui.saved[0]!, name: 'Acme Pay'}, original: ui.saved[0]!, savedAt: new Date(), changedSince: false},
    });
  },
};

test('every context is reachable, and every key its footer or F1 shows does something there', t => {
  const seen = new Set<string>();
  for (const [id, go] of Object.entries(reach)) {
    const probe = setUp();
    go(probe);
    const context = contextFor(probe.state);
    t.is(context.id, id, `reached ${id}`);
    seen.add(context.id);
    const view = {state: probe.state, now: probe.env.now()};
    const shown = context.bindings.filter((binding: Binding) => isShown(binding, view) && binding.keys.length > 0);
    for (const binding of shown) {
      for (const key of binding.keys) {
        // A move at the first row has nowhere to go: it must act from the last row, or the second.
        const acts = [[], ['end'], ['down']].some(first => {
          const ui = setUp();
          go(ui);
          ui.press(...first);
          if (contextFor(ui.state).id !== id) return false;
          const before = visible(ui.state);
          ui.press(key);
          return visible(ui.state) !== before;
        });
        t.true(acts, `${id}: ${key} (${binding.description}) does nothing`);
      }
    }
    // Every hint of the footer is a key of this context or a console-wide key that applies here.
    const {hints} = footerLine(view);
    t.true(hints.length > 0, id);
    t.true(
      hints.some(hint => hint.key === '^Q' && hint.text === 'quit'),
      `${id}: the footer says how to quit`,
    );
    if (id !== 'help') t.like(hints.at(-1), {key: 'F1', text: 'more'}, `${id}: the footer ends with F1 more`);
  }
  t.deepEqual([...seen].sort(), ALL_CONTEXTS.map(context => context.id).sort(), 'the walk visits every registered context');
});

test('the history scrolls by line, page, Home and End, to its last row and no further; the footer says how', t => {
  const ui = setUp();
  ui.press('ctrl+y');
  ui.dispatch({type: 'historyLoaded', id: ui.saved[0]!.id, entries: historyEntries(ui.saved[0]!, 20)});
  const top = () => (ui.state.dialog?.kind === 'history' ? ui.state.dialog.top : -1);
  t.is(top(), 0);
  ui.press('down', 'down');
  t.is(top(), 2);
  ui.press('up');
  t.is(top(), 1);
  ui.press('pagedown');
  t.is(top(), 1 + PAGES.helpPage);
  // 40 rows, 18 a page: the last page starts at row 22.
  ui.press('pagedown', 'down');
  t.is(top(), 40 - PAGES.helpPage);
  ui.press('home');
  t.is(top(), 0);
  ui.press('end');
  t.is(top(), 40 - PAGES.helpPage);
  ui.press('pageup');
  t.is(top(), 40 - 2 * PAGES.helpPage);
  const {hints} = footerLine({state: ui.state, now: ui.env.now()});
  t.true(hints.some(hint => hint.key === '↑↓' && hint.text === 'scroll'));
  ui.press('escape');
  t.is(ui.state.dialog, undefined);
});

test('Space on an expired token says it has expired and how to add one; nothing changes', t => {
  const ui = setUp(env => {
    env.setNow('2026-01-01T10:00:00.000Z');
    const acme = addToken({...createThirdParty(env, 'Acme Payments'), enabled: true}, env);
    env.setNow('2026-11-27T10:00:00.000Z');
    return [acme];
  });
  ui.press('return', 'tab', 'tab');
  t.is(ui.state.focus, 'grid');
  const before = ui.state.draft;
  ui.press('space');
  t.is(ui.state.draft, before);
  t.regex(ui.state.notice ?? '', /expired.*Add OAuth Token/);
});

test('Backspace on a grid row deletes as Delete does; Enter on Enabled toggles it', t => {
  const ui = setUp();
  ui.press('return', 'tab', 'tab', 'backspace');
  t.is(ui.state.dialog?.kind, 'deleteToken');
  ui.press('escape', 'tab', 'return');
  t.is(ui.state.focus, 'enabled');
  t.false(ui.state.draft!.thirdParty.enabled);
  ui.press('return');
  t.true(ui.state.draft!.thirdParty.enabled);
  t.false(ui.state.draft!.modified, 'toggled twice: as saved');
});

test("Esc in a field puts back the field's saved value; typing then erasing leaves the record unmodified", t => {
  const ui = setUp();
  ui.press('return');
  ui.type(' Ltd');
  t.true(ui.state.draft!.modified);
  ui.press('backspace', 'backspace', 'backspace', 'backspace');
  t.false(ui.state.draft!.modified);
  ui.type('XY');
  ui.press('escape');
  t.is(ui.state.draft!.name.text, 'Acme Payments');
  t.false(ui.state.draft!.modified);
});

test('Ctrl+S with no change writes nothing and says so', t => {
  const ui = setUp();
  ui.press('return', 'ctrl+s');
  t.is(ui.state.request, undefined);
  t.regex(ui.state.notice ?? '', /Nothing to save/);
});

test('Ctrl+Q works in a dialog: asks when something is unsaved, else quits', t => {
  const ui = setUp();
  ui.press('return', 'tab', 'tab', 'return');
  t.is(ui.state.dialog?.kind, 'expiry');
  ui.press('ctrl+q');
  t.is(ui.state.request?.kind, 'exit');

  const edited = setUp();
  edited.press('return', 'x', 'tab', 'tab', 'return', 'ctrl+q');
  t.deepEqual(edited.state.dialog?.kind === 'unsaved' && edited.state.dialog.then, {kind: 'quit'});
});

test('the form follows the list cursor; j, k move, / filters, q quits; not while the form has unsaved changes', t => {
  const ui = setUp();
  t.is(ui.state.draft!.thirdParty.name, 'Acme Payments');
  ui.press('j');
  t.is(ui.state.listIndex, 1);
  t.is(ui.state.draft!.thirdParty.name, 'City Utilities');
  t.is(ui.state.focus, 'list');
  ui.press('k');
  t.is(ui.state.draft!.thirdParty.name, 'Acme Payments');
  ui.press('/');
  t.is(ui.state.dialog?.kind, 'lookup');
  ui.press('escape', 'return', 'x', 'shift+tab', 'j');
  t.is(ui.state.draft!.name.text, 'Acme Paymentsx', 'the unsaved form stays');
  ui.press('q');
  t.is(ui.state.dialog?.kind, 'unsaved');
});

test('Ctrl+O from the list acts on the highlighted third party', t => {
  const ui = setUp(env => [
    addToken({...createThirdParty(env, 'Acme Payments'), enabled: true}, env),
    addToken({...createThirdParty(env, 'City Utilities'), enabled: true}, env),
  ]);
  ui.press('return', 'x', 'shift+tab', 'j');
  t.is(ui.state.listIndex, 1);
  ui.press('ctrl+o');
  const dialog = ui.state.dialog;
  t.is(dialog?.kind, 'send');
  t.is(dialog?.kind === 'send' ? dialog.thirdPartyId : undefined, ui.saved[1]!.id);
});

test('Ctrl+S saves from the test panel and from the help (README: the test panel and the help), which stay open', t => {
  for (const [key, kind] of [
    ['ctrl+t', 'testAccess'],
    ['f1', 'help'],
  ] as const) {
    const ui = setUp();
    ui.press('return', 'x', key);
    t.is(ui.state.dialog?.kind, kind);
    ui.press('ctrl+s');
    t.is(ui.state.request?.kind, 'save', kind);
    t.is(ui.state.dialog?.kind, kind);
  }
});

test('the help scrolls to its last line and no further; Esc goes back to where F1 was pressed', t => {
  const ui = setUp();
  ui.press('ctrl+e', 'f1', 'end');
  t.is(ui.state.dialog?.kind === 'help' ? ui.state.dialog.top : -1, PAGES.helpRows.length - PAGES.helpPage);
  ui.press('pagedown');
  t.is(ui.state.dialog?.kind === 'help' ? ui.state.dialog.top : -1, PAGES.helpRows.length - PAGES.helpPage);
  ui.press('escape');
  t.is(ui.state.dialog?.kind, 'lookup');
});

test('F1 has a legend for every mark and the Connect procedure, wrapped to the width', t => {
  const rows = helpRows(56);
  const text = rows.map(row => `${row.keys} ${row.text}`).join('\n');
  for (const mark of ['●', '○', '✗', '!', '[x]', '[ ]', 'expired'])
    t.true(
      rows.some(row => row.keys === mark),
      mark,
    );
  t.regex(text, /Copy OAuth Information/);
  t.true(
    rows.every(row => row.text.length <= 56),
    'nothing is cut off: every line fits',
  );
  t.true(
    ALL_CONTEXTS.every(context => rows.some(row => row.kind === 'heading' && row.text === context.title)),
    'every context has its section',
  );
});

test('"Looking for the server again…" goes away once the server answers', t => {
  const ui = setUp();
  ui.press('ctrl+t');
  ui.dispatch({type: 'testAccess', event: {kind: 'serverAbsent', why: 'not running'}});
  ui.press('return');
  t.is(ui.state.notice, 'Looking for the server again…');
  ui.dispatch({type: 'testAccess', event: {kind: 'serverFound', url: 'http://127.0.0.1:8080'}});
  t.is(ui.state.notice, undefined);
});

test('looking again and finding no server says so until the next key', t => {
  const ui = setUp();
  ui.press('ctrl+t');
  ui.dispatch({type: 'testAccess', event: {kind: 'serverAbsent', why: 'not running'}});
  ui.press('return');
  ui.dispatch({type: 'testAccess', event: {kind: 'serverAbsent', why: 'not running'}});
  t.is(ui.state.notice, 'Looked again: still no server running.');
});

test('keys act while the history is still being read: Esc closes it, and the read that comes after opens nothing', t => {
  const ui = setUp();
  ui.press('return');
  ui.type('x');
  ui.press('ctrl+y');
  t.is(ui.state.request?.kind, 'history');
  ui.press('escape');
  t.is(ui.state.dialog, undefined, 'Esc closed the history before its entries came');
  // Another request made meanwhile is not cleared by the read that ends after it.
  ui.press('ctrl+s');
  const pending = ui.state.request;
  t.is(pending?.kind, 'save');
  ui.dispatch({type: 'historyLoaded', id: ui.saved[0]!.id, entries: []});
  t.is(ui.state.dialog, undefined);
  t.is(ui.state.request, pending);
});

test('keys typed while a save runs are pressed once it is saved, in order: nothing typed is lost', t => {
  const ui = setUp();
  ui.press('return');
  ui.type('x');
  ui.press('ctrl+s');
  t.is(ui.state.status.kind, 'saving');
  ui.type('yz');
  ui.press('backspace');
  const saved = {...ui.saved[0]!, name: `${ui.saved[0]!.name}x`};
  ui.dispatch({type: 'saved', thirdParty: saved, at: ui.env.now()});
  t.is(ui.state.draft?.name.text, 'Acme Paymentsxy');
  t.is(ui.state.status.kind, 'saved');
});

test('letters read together: once one starts a save, the rest wait for it, as keys typed during a save do', t => {
  const ui = setUp();
  ui.press('return', 'x', 'ctrl+n');
  t.is(ui.state.dialog?.kind, 'unsaved');
  // "s" (save, then go on) and "y" in one read, as a fast typist over SSH sends them.
  ui.dispatch({type: 'key', key: {name: 'text', text: 'sy'}, pages: PAGES});
  t.is(ui.state.status.kind, 'saving');
  t.deepEqual(
    ui.state.heldKeys?.keys.map(({key}) => key),
    [{name: 'text', text: 'y'}],
  );
});

test('keys typed while a save runs that ends in a question are not pressed into it, and the notice says so', t => {
  const ui = setUp();
  ui.press('return');
  ui.type('x');
  ui.press('ctrl+s');
  ui.press('return', 'return');
  const mine = {...ui.saved[0]!, name: 'Acme Paymentsx'};
  ui.dispatch({
    type: 'saveConflict',
    conflict: {
      thirdPartyId: mine.id,
      mine,
      theirs: {...mine, name: 'Theirs'},
      changedBy: {actor: 'bob@host', at: ui.env.now(), action: 'update'},
    },
  });
  t.is(ui.state.dialog?.kind, 'conflict');
  t.is(ui.state.notice, '2 keys pressed meanwhile were not used: the question above comes first.');
});
