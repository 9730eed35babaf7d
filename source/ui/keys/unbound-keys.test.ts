/** A key bound nowhere says so and points at F1 (README: "A key that cannot act says why"). */
import test from 'ava';
import {PAGES_80X24, reducerConsole} from '../../../test/helpers/console-reducer.js';
import {KEYS} from '../../../test/helpers/pty-console.js';
import {renderConsole} from '../../../test/helpers/render-console.js';
import type {ConsoleState} from '../console/state.js';

/** The state less its notice: what a key must not change when it cannot act. */
const withoutNotice = (state: ConsoleState) => ({...state, notice: undefined});

for (const [key, shown] of [
  ['x', 'x'],
  ['f5', 'F5'],
  ['ctrl+z', 'Ctrl+Z'],
  ['ctrl+p', 'Ctrl+P'],
  ['meta+x', 'Alt+X'],
] as const) {
  test(`${shown} in the list does nothing but say so, pointing at F1`, t => {
    const ui = reducerConsole();
    const before = ui.state;
    ui.press(key);
    t.is(ui.state.notice, `${shown} does nothing here; F1 lists the keys.`);
    t.deepEqual(withoutNotice(ui.state), withoutNotice(before));
  });
}

test('an unknown escape sequence says so too', t => {
  const ui = reducerConsole();
  ui.press('unknown');
  t.is(ui.state.notice, 'That key does nothing here; F1 lists the keys.');
});

test('Ctrl+P acts in the test panel, and says why it cannot for a third party without a callback URL', t => {
  const ui = reducerConsole();
  ui.press('ctrl+t', 'ctrl+p');
  t.regex(ui.state.notice ?? '', /No callback URL saved/);
});

test('a console-wide key in a dialog that does not take it says to close the dialog first', t => {
  const ui = reducerConsole();
  ui.press('return', 'tab', 'tab', 'return');
  t.is(ui.state.dialog?.kind, 'expiry');
  ui.press('ctrl+g');
  t.is(ui.state.notice, 'Ctrl+G does not work in this dialog; Esc closes it first.');
  t.is(ui.state.dialog?.kind, 'expiry');
});

test('a letter typed into a field is typed, not refused', t => {
  const ui = reducerConsole();
  ui.press('return', 'x');
  t.is(ui.state.draft?.name.text, 'Acme Paymentsx');
  t.is(ui.state.notice, undefined);
});

test('at 80×24 a key that does nothing in a dialog says so in the footer, where the dialog shows no notices', async t => {
  const ui = await renderConsole({size: {columns: 80, rows: 24}});
  await ui.waitFor('Third Party Name');
  ui.press(KEYS.f1);
  await ui.waitFor('┌ Help');
  ui.press('\u001B[15~');
  const frame = await ui.waitFor('F5 does nothing here');
  ui.unmount();
  t.regex(frame.split('\n').at(-1)!, /^ F5 does nothing here; Esc closes the help\. · \S/);
});

test('letters read together (typed fast over SSH) act one by one where they are keys: "jj" in the list, "/history" in the help', t => {
  const ui = reducerConsole();
  ui.dispatch({type: 'key', key: {name: 'text', text: 'jj'}, pages: PAGES_80X24});
  t.is(ui.state.listIndex, 1);
  t.is(ui.state.notice, undefined);
  ui.press('f1');
  ui.dispatch({type: 'key', key: {name: 'text', text: '/history'}, pages: PAGES_80X24});
  t.is(ui.state.dialog?.kind === 'help' ? ui.state.dialog.search?.query.text : '', 'history');
});
