/** At start, unsaved changes found: the dialog names the third party whole. */
import test from 'ava';
import {render} from 'ink-testing-library';
import React from 'react';
import {testEnvironment} from '../../../../test/helpers/environment.js';
import {createThirdParty} from '../../../domain/index.js';
import {RecoveryDialog} from './recovery-dialog.js';

test('the recovery dialog names the third party whole: a long name wraps, never cut with "…"', t => {
  const env = testEnvironment('2026-11-27T10:00:00.000Z', 'fixture');
  const name = 'Municipal Water and Wastewater Authority of the Greater Metropolitan Region Ltd';
  const thirdParty = createThirdParty(env, name);
  const {lastFrame, unmount} = render(
    <RecoveryDialog
      dialog={{kind: 'recovery', choice: 0, recovered: {thirdParty, original: thirdParty, savedAt: env.now(), changedSince: false}}}
      width={58}
      height={21}
    />,
  );
  const frame = lastFrame() ?? '';
  unmount();
  t.false(frame.includes('…'));
  t.regex(
    frame.replaceAll(/[\s│]+/g, ' '),
    /unsaved changes to Municipal Water and Wastewater Authority of the Greater Metropolitan Region Ltd\./,
  );
});
