/**
 * Where a key can be pressed in the console, each reached by keys from a console on four third
 * parties that opens on the list (the reducer, no terminal): for tests that press one key in many
 * places (test/readme-keys.test.ts).
 */
import {addToken, createThirdParty, type ThirdParty} from '../../source/domain/index.js';
import type {ConsoleState} from '../../source/ui/console/state.js';
import {showAuthorizationTested} from '../../source/ui/dialogs/authorization-test/authorization-test-state.js';
import {historyEntries, reducerConsole, waitingRequest, type ReducerConsole} from './console-reducer.js';
import type {TestEnvironment} from './environment.js';

// A console on four third parties: Acme (callback URL, three tokens, saved: every form zone is there).
export const fixture = (env: TestEnvironment): ThirdParty[] => {
  let acme: ThirdParty = {...createThirdParty(env, 'Acme Payments'), enabled: true, callbackUrl: 'https://acme.example/cb'};
  for (let count = 0; count < 3; count++) acme = addToken(acme, env);
  return [acme, ...['Beta Bank', 'City Utilities', 'Delta Mail'].map(name => createThirdParty(env, name))];
};

const TABS = {name: 0, addToken: 1, grid: 2, enabled: 3, callbackUrl: 4, approval: 5, saveButton: 6} as const;
const inForm = (zone: keyof typeof TABS) => (ui: ReducerConsole) => ui.press('return', ...Array.from({length: TABS[zone]}, () => 'tab'));

const historyLoaded = (ui: ReducerConsole) =>
  ui.dispatch({type: 'historyLoaded', id: ui.saved[0]!.id, entries: historyEntries(ui.saved[0]!, 20)});

const waiting = (ui: ReducerConsole) =>
  ui.dispatch({
    type: 'approvals',
    view: {connected: true, pending: [waitingRequest(ui.saved[0]!, 'r1'), waitingRequest(ui.saved[0]!, 'r2')]},
  });

/** Where a key is pressed, reached from a console that opens on the list with Acme highlighted. */
export const PLACES = {
  list: () => {},
  listMiddle: ui => ui.press('down'),
  listFiltered: ui => ui.press('/', 'a', 'return'),
  listWithEdits: ui => ui.press('return', 'x', 'shift+tab'),
  listServer: waiting,
  name: inForm('name'),
  nameEdited: ui => ui.press('return', 'x'),
  addToken: inForm('addToken'),
  grid: inForm('grid'),
  gridMiddle: ui => ui.press('return', 'tab', 'tab', 'down'),
  enabled: inForm('enabled'),
  callbackUrl: inForm('callbackUrl'),
  approval: inForm('approval'),
  saveButtonEdited: ui => ui.press('return', 'x', ...Array.from({length: TABS.saveButton}, () => 'tab')),
  testAccess: ui => ui.press('ctrl+t'),
  testAccessEdited: ui => ui.press('return', 'x', 'ctrl+t'),
  helpEdited: ui => ui.press('return', 'x', 'f1'),
  testAccessServer: ui => {
    ui.press('ctrl+t');
    ui.dispatch({type: 'testAccess', event: {kind: 'serverFound', url: 'http://127.0.0.1:8787'}});
  },
  authorizationTest: ui => {
    ui.press('ctrl+t', 'ctrl+p');
    ui.state = showAuthorizationTested(ui.state, ui.saved[0]!.id, {ok: true, steps: []});
  },
  send: ui => ui.press('ctrl+o'),
  sendEnd: ui => ui.press('ctrl+o', 'end'),
  history: ui => {
    ui.press('ctrl+y');
    historyLoaded(ui);
  },
  historyEnd: ui => {
    ui.press('ctrl+y');
    historyLoaded(ui);
    ui.press('end');
  },
  approvals: ui => {
    waiting(ui);
    ui.press('ctrl+w');
  },
  settings: ui => ui.press('f2'),
  help: ui => ui.press('f1'),
  helpFound: ui => ui.press('f1', '/', ...'tab', 'return'),
  lookup: ui => ui.press('ctrl+e'),
  expiry: ui => ui.press('return', 'tab', 'tab', 'return'),
  deleteToken: ui => ui.press('return', 'tab', 'tab', 'delete'),
  deleteThirdParty: ui => ui.press('delete'),
  rotate: ui => ui.press('return', 'ctrl+k'),
  unsaved: ui => ui.press('return', 'x', 'ctrl+n'),
} satisfies Record<string, (ui: ReducerConsole) => void>;

export type Place = keyof typeof PLACES;
export const DIALOGS: Place[] = [
  'testAccess',
  'authorizationTest',
  'send',
  'history',
  'approvals',
  'settings',
  'help',
  'lookup',
  'expiry',
  'deleteToken',
  'deleteThirdParty',
  'rotate',
  'unsaved',
];
export const FORM_ZONES: Place[] = ['name', 'addToken', 'grid', 'enabled', 'callbackUrl', 'approval'];

/** The state at a place, and after one key there. */
export const pressAt = (place: Place, key: string): {before: ConsoleState; after: ConsoleState} => {
  const ui = reducerConsole(fixture);
  PLACES[place](ui);
  const before = ui.state;
  ui.press(key);
  return {before, after: ui.state};
};
