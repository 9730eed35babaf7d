/** Ctrl+T's panel: what the server said wraps, never ends cut off with "…". */
import test from 'ava';
import {render} from 'ink-testing-library';
import React from 'react';
import {testEnvironment} from '../../../test/helpers/environment.js';
import {PAGES_80X24} from '../../../test/helpers/console-reducer.js';
import {addToken, createThirdParty} from '../../domain/index.js';
import {createConsoleReducer, initialConsoleState} from '../console/console-reducer.js';
import {TestAccessPanel} from './test-access-panel.js';

const words = (text: string): string => text.replaceAll(/[\s│┌┐└┘─]+/g, ' ').trim();

test("Ctrl+T's panel: what the server said wraps to its last word", t => {
  const env = testEnvironment('2026-11-27T10:00:00.000Z', 'fixture');
  const acme = addToken({...createThirdParty(env, 'Acme Payments'), enabled: true}, env);
  const reduce = createConsoleReducer(env);
  const pages = PAGES_80X24;
  const state = reduce(initialConsoleState([acme], env), {type: 'key', key: {name: 'ctrl+t', text: ''}, pages});
  t.is(state.dialog?.kind, 'testAccess');
  if (state.dialog?.kind !== 'testAccess') return;
  const message = 'connect ECONNREFUSED 127.0.0.1:8787 while sending the introspection request';
  const dialog = {...state.dialog, server: {kind: 'failed', url: 'http://127.0.0.1:8787', message} as const};
  const {lastFrame, unmount} = render(<TestAccessPanel dialog={dialog} notice={undefined} width={50} height={30} />);
  const frame = lastFrame() ?? '';
  unmount();
  t.true(words(frame).includes('while sending the introspection request'), 'the message is there to its end');
});

test('a name too long for the panel\'s title leaves it "Test access", never cut with "…"', t => {
  const env = testEnvironment('2026-11-27T10:00:00.000Z', 'fixture');
  const name = 'Municipal Water and Wastewater Authority of the Greater Metropolitan Region Ltd';
  const acme = addToken({...createThirdParty(env, name), enabled: true}, env);
  const reduce = createConsoleReducer(env);
  const pages = PAGES_80X24;
  const state = reduce(initialConsoleState([acme], env), {type: 'key', key: {name: 'ctrl+t', text: ''}, pages});
  if (state.dialog?.kind !== 'testAccess') return t.fail('the panel is not open');
  const {lastFrame, unmount} = render(<TestAccessPanel dialog={state.dialog} notice={undefined} width={58} height={21} />);
  const frame = lastFrame() ?? '';
  unmount();
  t.regex(frame.split('\n')[0]!, /^┌ Test access ─+┐$/);
});

test('wrapped lines of the panel start where their first line does: never at the border, never after a stray space', t => {
  const env = testEnvironment('2026-11-27T10:00:00.000Z', 'fixture');
  const acme = addToken(createThirdParty(env, 'Acme Payments'), env);
  const state = createConsoleReducer(env)(initialConsoleState([acme], env), {
    type: 'key',
    key: {name: 'ctrl+t', text: ''},
    pages: PAGES_80X24,
  });
  if (state.dialog?.kind !== 'testAccess') return t.fail('the panel is not open');
  const message = 'connect ECONNREFUSED 127.0.0.1:8787 while sending the introspection request to the server';
  const dialog = {...state.dialog, unsaved: true, server: {kind: 'failed', url: 'http://127.0.0.1:8787', message} as const};
  const notice = 'Filled in again with the saved credentials of this third party, as they are in the file now.';
  const {lastFrame, unmount} = render(<TestAccessPanel dialog={dialog} notice={notice} width={58} height={30} />);
  const lines = (lastFrame() ?? '').split('\n');
  unmount();
  for (const words of ['them).', 'third party, as they', 'ECONNREFUSED', 'introspection request']) {
    const line = lines.find(candidate => candidate.includes(words)) ?? '';
    t.regex(line, /^│ \S/, `"${words}" continues its paragraph at its column: ${line}`);
  }
});
