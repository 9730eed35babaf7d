/** Keys in the list: / filters as in k9s, lazygit and less; the filter stays until Esc. */
import test from 'ava';
import {createThirdParty} from '../../domain/index.js';
import {reducerConsole} from '../../../test/helpers/console-reducer.js';

const three = () =>
  reducerConsole(env => [
    createThirdParty(env, 'Acme Payments'),
    createThirdParty(env, 'City Utilities'),
    createThirdParty(env, 'City Water'),
  ]);

const listed = (ui: ReturnType<typeof three>) => ui.state.thirdParties[ui.state.listIndex]?.name;

test('/ filters the list; after Enter the filter stays, ↑↓ move among the matches only, Esc clears it', t => {
  const ui = three();
  ui.press('/');
  ui.type('city');
  t.deepEqual(ui.state.filter?.matches, [1, 2]);
  ui.press('return');
  t.is(ui.state.dialog, undefined, 'typing is over');
  t.is(ui.state.filter?.query, 'city', 'the filter stays');
  t.is(ui.state.focus, 'list');
  t.is(listed(ui), 'City Utilities');
  t.is(ui.state.draft?.thirdParty.name, 'City Utilities', 'the form follows the highlight');
  ui.press('down', 'down');
  t.is(listed(ui), 'City Water');
  ui.press('up', 'up', 'home');
  t.is(listed(ui), 'City Utilities', 'Acme Payments is filtered out');
  ui.press('escape');
  t.is(ui.state.filter, undefined);
  t.is(listed(ui), 'City Utilities', 'the highlight stays on the same third party');
  ui.press('up');
  t.is(listed(ui), 'Acme Payments');
});

test('/ again edits the filter in place; Esc while typing clears it; Enter on an empty filter clears it', t => {
  const ui = three();
  ui.press('/');
  ui.type('water');
  ui.press('return', '/');
  t.is(ui.state.dialog?.kind, 'lookup');
  t.is(ui.state.dialog?.kind === 'lookup' ? ui.state.dialog.query.text : '', 'water');
  ui.press('escape');
  t.is(ui.state.filter, undefined);
  t.is(ui.state.dialog, undefined);
  ui.press('/', 'return');
  t.is(ui.state.filter, undefined);
});

test('Ctrl+E from the form filters the same way and comes back to the list on the match', t => {
  const ui = three();
  ui.press('return');
  t.is(ui.state.focus, 'name');
  ui.press('ctrl+e');
  ui.type('water');
  ui.press('return');
  t.is(ui.state.focus, 'list');
  t.is(listed(ui), 'City Water');
  t.is(ui.state.filter?.matches.length, 1);
});

test('no match: Enter says so and the filter stays open for typing', t => {
  const ui = three();
  ui.press('/');
  ui.type('zzz');
  ui.press('return');
  t.is(ui.state.dialog?.kind, 'lookup');
  t.regex(ui.state.notice ?? '', /No third party has that in its name/);
});
