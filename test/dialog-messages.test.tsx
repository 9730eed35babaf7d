/** Messages in dialogs wrap: they never end cut off with "…" (only pane titles, which are borders, may). */
import test from 'ava';
import {render} from 'ink-testing-library';
import React from 'react';
import {addToken, createThirdParty} from '../source/domain/index.js';
import {createConsoleReducer, initialConsoleState} from '../source/ui/console/console-reducer.js';
import {TestAccessPanel} from '../source/ui/test-access/test-access-panel.js';
import {testEnvironment} from './helpers/environment.js';
import {AuthorizationTestDialog} from '../source/ui/dialogs/authorization-test/authorization-test-dialog.js';

const words = (text: string): string => text.replaceAll(/[\s│┌┐└┘─]+/g, ' ').trim();

test("the authorization test's answer of a step wraps to its last word", t => {
  const answer = '400 invalid_grant: the code was issued for another callback URL than the one in this request';
  const {lastFrame, unmount} = render(
    <AuthorizationTestDialog
      dialog={{
        kind: 'authorizationTest',
        thirdPartyId: 'tp1',
        name: 'Acme',
        result: {ok: false, steps: [{name: 'token', ok: false, answer, ms: 12}], failed: {step: 'token', lookAt: 'the callback URL'}},
      }}
      width={60}
      height={20}
    />,
  );
  const frame = lastFrame() ?? '';
  unmount();
  t.false(/…\s*(12 ms)?\s*│/.test(frame), 'no line of the answer is cut with "…"');
  t.true(words(frame).includes('for another callback URL than the one in this request'), 'the answer is there to its end');
  t.regex(frame, /issued +12 ms/, 'the time stays beside the answer');
});

test("Ctrl+T's panel: what the server said wraps to its last word", t => {
  const env = testEnvironment('2026-11-27T10:00:00.000Z', 'fixture');
  const acme = addToken({...createThirdParty(env, 'Acme Payments'), enabled: true}, env);
  const reduce = createConsoleReducer(env);
  const pages = {list: 17, grid: 7, helpRows: 80, helpPage: 18};
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
