import test from 'ava';
import {addToken, createThirdParty} from '../../domain/index.js';
import {reducerConsole, waitingRequest, type ReducerConsole} from '../../../test/helpers/console-reducer.js';
import {footerLine} from '../key-contexts.js';
import {fitHints} from './footer.js';

const line = (hints: {key: string; text: string}[]) => ` ${hints.map(hint => `${hint.key} ${hint.text}`).join(' · ')}`;

test('a narrow line drops the later hints, never the kept ways out', t => {
  const hints = [
    {key: 'Tab', text: 'next'},
    {key: '^S', text: 'save'},
    {key: '^Q', text: 'quit', kept: true},
    {key: 'F1', text: 'more', kept: true},
  ];
  const shown = fitHints(hints, 30);
  t.deepEqual(
    shown.map(hint => hint.text),
    ['next', 'quit', 'more'],
  );
  t.true(line(shown).length <= 30);
});

/** The footer as drawn at 80 columns for the console's state. */
const footerAt80 = (ui: ReducerConsole): string => {
  const {hints} = footerLine({state: ui.state, now: ui.env.now()});
  return line(fitHints(hints, 80));
};

test('in the token grid at 80 columns the footer keeps Tab and ^S', t => {
  const ui = reducerConsole();
  ui.press('return', 'tab', 'tab');
  t.is(ui.state.focus, 'grid');
  const footer = footerAt80(ui);
  t.regex(footer, /Tab next/, footer);
  t.regex(footer, /\^S save/, footer);
  t.regex(footer, /Space active/, footer);
  t.true(footer.length <= 80);
});

test('in every focus zone at 80 columns the footer names Tab and ^S', t => {
  const ui = reducerConsole(env => [{...addToken(createThirdParty(env, 'Acme Payments'), env), callbackUrl: 'https://acme.example/cb'}]);
  ui.press('return');
  const seen = new Set<string>();
  while (!seen.has(ui.state.focus)) {
    seen.add(ui.state.focus);
    const footer = footerAt80(ui);
    t.regex(footer, /Tab next.*\^S save|\^S save.*Tab next/, `${ui.state.focus}: ${footer}`);
    ui.press('tab');
  }
  t.true(seen.has('grid') && seen.has('approval'));
});

test('Ctrl+W: once the last waiting request is decided, the footer offers no Enter approve or D deny', t => {
  const ui = reducerConsole();
  const request = waitingRequest(ui.saved[0]!, 'r1');
  ui.dispatch({type: 'approvals', view: {connected: true, pending: [request]}});
  ui.press('ctrl+w');
  t.regex(footerAt80(ui), /Enter approve · D deny/);
  ui.press('return');
  ui.dispatch({type: 'decided', id: 'r1', name: request.thirdPartyName, decision: 'approve', ok: true});
  ui.dispatch({type: 'approvals', view: {connected: true, pending: []}});
  const footer = footerAt80(ui);
  t.notRegex(footer, /approve|deny/, footer);
  t.regex(footer, /Esc close/);
});

test('the test panel of a third party without a callback URL offers no ^P auto flow, and names Enter', t => {
  const ui = reducerConsole();
  ui.press('j', 'ctrl+t');
  t.is(ui.state.dialog?.kind, 'testAccess');
  ui.dispatch({type: 'testAccess', event: {kind: 'serverFound', url: 'http://127.0.0.1:8787'}});
  const footer = footerAt80(ui);
  t.notRegex(footer, /\^P/, footer);
  t.regex(footer, /Enter test via server/, footer);
});

test('the test panel of a third party with a callback URL offers ^P and names Enter', t => {
  const ui = reducerConsole(env => [{...addToken(createThirdParty(env, 'Acme Payments'), env), callbackUrl: 'https://acme.example/cb'}]);
  ui.press('ctrl+t');
  ui.dispatch({type: 'testAccess', event: {kind: 'serverFound', url: 'http://127.0.0.1:8787'}});
  const footer = footerAt80(ui);
  t.regex(footer, /\^P auto flow/, footer);
  t.regex(footer, /Enter test via server/, footer);
});
