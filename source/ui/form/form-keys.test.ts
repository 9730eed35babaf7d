/** Keys in the form's fields: Esc as a k9s or lazygit user expects it. */
import test from 'ava';
import {addToken, createThirdParty} from '../../domain/index.js';
import {reducerConsole} from '../../../test/helpers/console-reducer.js';

test('Esc in an unchanged field goes back to the list; in a changed one it first puts back the saved value', t => {
  const ui = reducerConsole();
  ui.press('return');
  t.is(ui.state.focus, 'name');
  ui.press('escape');
  t.is(ui.state.focus, 'list', 'unchanged: back to the list');
  ui.press('return');
  ui.type('XY');
  ui.press('escape');
  t.is(ui.state.focus, 'name', 'changed: the field is put back, the cursor stays');
  t.is(ui.state.draft!.name.text, 'Acme Payments');
  ui.press('escape');
  t.is(ui.state.focus, 'list');
});

test('Esc in the callback URL goes back to the list once the field is as saved', t => {
  const ui = reducerConsole();
  ui.press('return', 'tab', 'tab', 'tab', 'tab');
  t.is(ui.state.focus, 'callbackUrl');
  ui.type('https://x.example');
  ui.press('escape');
  t.is(ui.state.draft!.callbackUrl.text, '');
  t.is(ui.state.focus, 'callbackUrl');
  ui.press('escape');
  t.is(ui.state.focus, 'list');
});

test('after a restore from the recovery file, Esc in a field puts back the value in the file', t => {
  const ui = reducerConsole();
  const [acme] = ui.saved;
  const restored = reducerConsole(() => ui.saved, {
    recovered: {thirdParty: {...acme!, name: 'Acme Pay (draft)'}, original: acme!, savedAt: new Date(), changedSince: false},
  });
  restored.press('r');
  // use-console.ts takes the recovery file away and says so at once.
  restored.dispatch({type: 'requestHandled'});
  t.is(restored.state.draft!.name.text, 'Acme Pay (draft)');
  t.is(restored.state.focus, 'name');
  restored.press('escape');
  t.is(restored.state.draft!.name.text, 'Acme Payments', "the file's value, not the restored text");
  t.regex(restored.state.notice ?? '', /back to its saved value/);
});

test('"Not saved: a field needs attention." goes once the field is fixed; with two, it counts down', t => {
  const ui = reducerConsole();
  ui.press('ctrl+n', 'ctrl+s');
  t.deepEqual(ui.state.status, {kind: 'invalid', message: 'Not saved: a field needs attention.'});
  ui.type('Dover Water');
  t.deepEqual(ui.state.errors, {});
  t.deepEqual(ui.state.status, {kind: 'idle'}, 'fixed: the message is gone before the next save');

  const two = reducerConsole();
  two.press('ctrl+n', 'tab', 'tab', 'tab');
  t.is(two.state.focus, 'callbackUrl');
  two.type('ftp://x');
  two.press('ctrl+s');
  t.is(two.state.status.kind === 'invalid' && two.state.status.message, 'Not saved: 2 fields need attention.');
  two.type('Dover Water');
  t.is(two.state.status.kind === 'invalid' && two.state.status.message, 'Not saved: a field needs attention.');
});

test('Esc on the token grid, the buttons, Enabled and Approval goes back to the list, the form keeping its changes', t => {
  for (const [zone, tabs] of [
    ['addToken', 1],
    ['grid', 2],
    ['enabled', 3],
    ['approval', 5],
    ['saveButton', 6],
  ] as const) {
    const ui = reducerConsole(env => [addToken({...createThirdParty(env, 'Acme Payments'), callbackUrl: 'https://acme.example/cb'}, env)]);
    ui.press('return', 'x', ...Array.from({length: tabs}, () => 'tab'));
    t.is(ui.state.focus, zone);
    const edited = ui.state.draft;
    ui.press('escape');
    t.is(ui.state.focus, 'list', `Esc from ${zone}`);
    t.is(ui.state.notice, undefined, `no "does nothing" from ${zone}`);
    t.is(ui.state.draft, edited, 'the form keeps its changes');
  }
});
