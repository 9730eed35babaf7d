/** The console's reducer driven key by key, without a terminal: for tests of what keys do. */
import {addToken, createThirdParty, type AuditEntry, type ThirdParty} from '../../source/domain/index.js';
import {createConsoleReducer, initialConsoleState} from '../../source/ui/console/console-reducer.js';
import type {ConsoleAction, ConsoleState, Pages, StartFindings} from '../../source/ui/console/state.js';
import {helpRows} from '../../source/ui/dialogs/help/help-lines.js';
import type {KeyPress} from '../../source/ui/keys/keys.js';
import {testEnvironment, type TestEnvironment} from './environment.js';

/** The page sizes app.tsx gives at 80×24. */
export const PAGES_80X24: Pages = {
  list: 17,
  grid: 7,
  helpRows: helpRows(78),
  helpPage: 18,
  helpWidth: 78,
  paneWidth: 58,
};

/** The key a binding names, as keys.ts would report it: "return", "ctrl+s", "j", "space". */
const keyPress = (name: string): KeyPress =>
  name === 'space' ? {name, text: ' '} : [...name].length === 1 ? {name: 'text', text: name} : {name, text: ''};

export interface ReducerConsole {
  readonly env: TestEnvironment;
  readonly saved: ThirdParty[];
  state: ConsoleState;
  dispatch(action: ConsoleAction): void;
  /** Keys by name: "return", "ctrl+s", "j", "space". */
  press(...names: string[]): void;
  type(text: string): void;
}

/** Acme Payments (enabled, two tokens) and City Utilities, unless the test gives its own. */
export const reducerConsole = (
  thirdParties?: (env: TestEnvironment) => ThirdParty[],
  findings?: StartFindings,
  pages: Pages = PAGES_80X24,
): ReducerConsole => {
  const env = testEnvironment('2026-11-27T10:00:00.000Z', 'fixture');
  const saved = thirdParties
    ? thirdParties(env)
    : [addToken(addToken({...createThirdParty(env, 'Acme Payments'), enabled: true}, env), env), createThirdParty(env, 'City Utilities')];
  const reduce = createConsoleReducer(env);
  const ui: ReducerConsole = {
    env,
    saved,
    state: initialConsoleState(saved, env, findings),
    dispatch(action) {
      ui.state = reduce(ui.state, action);
    },
    press(...names) {
      for (const name of names) ui.state = reduce(ui.state, {type: 'key', key: keyPress(name), pages});
    },
    type(text) {
      for (const character of text) ui.press(character);
    },
  };
  return ui;
};

/** A request of this third party's application waiting for approval, as the server announces it. */
export const waitingRequest = (thirdParty: ThirdParty, id: string) => ({
  id,
  thirdPartyId: thirdParty.id,
  thirdPartyName: thirdParty.name,
  clientId: thirdParty.clientId,
  remote: '127.0.0.1',
  redirectUri: 'https://acme.example/cb',
  since: '2026-11-27T09:59:00.000Z',
});

/** `count` audit entries of one change each: two rows apiece in the history, more than a page from 10 on. */
export const historyEntries = (thirdParty: ThirdParty, count: number): AuditEntry[] =>
  Array.from({length: count}, (_, index) => ({
    time: '2026-11-27T09:00:00.000Z',
    actor: 'alice@host',
    action: 'update',
    thirdParty: {id: thirdParty.id, name: thirdParty.name},
    changes: [{field: 'enabled', old: index % 2 === 0, new: index % 2 !== 0}],
  }));
