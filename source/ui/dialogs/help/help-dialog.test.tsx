/** F1: the Connect procedure first, then every key; / searches it as less does. */
import test from 'ava';
import {reducerConsole} from '../../../../test/helpers/console-reducer.js';
import {KEYS} from '../../../../test/helpers/pty-console.js';
import {renderConsole} from '../../../../test/helpers/render-console.js';
import {helpRows} from './help-lines.js';

const top = (ui: ReturnType<typeof reducerConsole>) => (ui.state.dialog?.kind === 'help' ? ui.state.dialog.top : -1);
const rowText = (index: number) => {
  const row = helpRows(78)[index];
  return row ? `${row.keys} ${row.text}` : '';
};

test('the Connect procedure comes first', t => {
  const rows = helpRows(78);
  t.deepEqual(rows[0], {kind: 'heading', keys: '', text: 'The Connect procedure, with keys'});
  t.regex(rows[1]!.text, /^1\. Open Setup\/Modify Third Party Access/);
  const lastStep = rows.findIndex(row => row.text.startsWith('8. '));
  t.true(lastStep > 0 && lastStep < rows.findIndex(row => row.kind === 'heading' && row.text === 'Everywhere'), 'all eight steps first');
});

test('/ searches the help: the first line with the text comes into view; n finds the next; Esc clears, then closes', t => {
  const ui = reducerConsole();
  ui.press('f1', '/');
  ui.type('ctrl+y');
  const first = top(ui) ?? -1;
  t.true(first > 0);
  t.regex(rowText(first), /Ctrl\+Y/i);
  ui.press('return');
  t.is(ui.state.dialog?.kind, 'help', 'Enter ends the typing; the help stays');
  ui.press('n');
  const second = top(ui) ?? -1;
  t.true(second > first, `${second} after ${first}`);
  t.regex(rowText(second), /ctrl\+y/i);
  ui.press('escape');
  t.is(ui.state.dialog?.kind, 'help', 'the first Esc clears the search');
  t.is(ui.state.dialog?.kind === 'help' ? ui.state.dialog.search : 'none', undefined);
  ui.press('escape');
  t.is(ui.state.dialog, undefined);
});

test('j, k and space are typed into the search, not scrolled by; a search with no match says so', t => {
  const ui = reducerConsole();
  ui.press('f1', '/');
  ui.type('zzz jk');
  t.is(ui.state.dialog?.kind === 'help' ? ui.state.dialog.search?.query.text : '', 'zzz jk');
  t.is(top(ui), 0);
  ui.press('return');
  t.regex(ui.state.notice ?? '', /No line of the help has “zzz jk”/);
});

test('at 80×24 F1 opens on the procedure, and / finds a key further down', async t => {
  const ui = await renderConsole({size: {columns: 80, rows: 24}});
  await ui.waitFor('Third Party Name');
  ui.press(KEYS.f1);
  let frame = await ui.waitFor('┌ Help');
  t.regex(frame, /1\. Open Setup\/Modify Third Party Access/);
  ui.press('/', 'history');
  frame = await ui.waitFor('/history');
  t.regex(frame, /Ctrl\+Y +history: who changed it/);
  ui.unmount();
});
