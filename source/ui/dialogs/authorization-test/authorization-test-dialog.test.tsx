/** The authorization test's steps wrap: an answer never ends cut off with "…". */
import test from 'ava';
import {render} from 'ink-testing-library';
import React from 'react';
import type {AuthorizationTestResult} from '../../live/live-sources.js';
import {AuthorizationTestDialog} from './authorization-test-dialog.js';

const words = (text: string): string => text.replaceAll(/[\s│┌┐└┘─]+/g, ' ').trim();

/** The dialog of Acme's test with these results, drawn once. */
const drawn = (result: AuthorizationTestResult, width: number, height: number): string => {
  const {lastFrame, unmount} = render(
    <AuthorizationTestDialog
      dialog={{kind: 'authorizationTest', thirdPartyId: 'tp1', name: 'Acme', result}}
      width={width}
      height={height}
    />,
  );
  const frame = lastFrame() ?? '';
  unmount();
  return frame;
};

test("the authorization test's answer of a step wraps to its last word", t => {
  const answer = '400 invalid_grant: the code was issued for another callback URL than the one in this request';
  const frame = drawn(
    {ok: false, steps: [{name: 'token', ok: false, answer, ms: 12}], failed: {step: 'token', lookAt: 'the callback URL'}},
    60,
    20,
  );
  t.false(/…\s*(12 ms)?\s*│/.test(frame), 'no line of the answer is cut with "…"');
  t.true(words(frame).includes('for another callback URL than the one in this request'), 'the answer is there to its end');
  t.regex(frame, /issued +12 ms/, 'the time stays beside the answer');
});

test('a name too long for the title leaves it "Automatic authorization test", never cut with "…"', t => {
  const name = 'Municipal Water and Wastewater Authority of the Greater Metropolitan Region Ltd';
  const {lastFrame, unmount} = render(
    <AuthorizationTestDialog dialog={{kind: 'authorizationTest', thirdPartyId: 'tp1', name, result: undefined}} width={58} height={21} />,
  );
  const frame = lastFrame() ?? '';
  unmount();
  t.regex(frame.split('\n')[0]!, /^┌ Automatic authorization test ─+┐$/);
});

test('each step has its mark, a space and its name, with the marks the README uses (✔ and ✘)', t => {
  const frame = drawn(
    {
      ok: false,
      steps: [
        {name: 'discovery', ok: true, answer: '200', ms: 3},
        {name: 'authorize', ok: false, answer: '400 invalid_request', ms: 4},
      ],
      failed: {step: 'authorize', lookAt: 'the callback URL'},
    },
    58,
    21,
  );
  t.regex(frame, /│ ✔ discovery +200/);
  t.regex(frame, /│ ✘ authorize +400 invalid_request/);
  t.false(/[✓✗]/.test(frame), frame);
});
