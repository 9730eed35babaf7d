/** The conflict dialog names the third party whole: a long name wraps, never cut with "…". */
import test from 'ava';
import {render} from 'ink-testing-library';
import React from 'react';
import {testEnvironment} from '../../../../test/helpers/environment.js';
import {createThirdParty} from '../../../domain/index.js';
import {layoutFor} from '../../console/layout.js';
import {ConflictDialog} from './conflict-dialog.js';

test('a long name in the conflict message is there to its end', t => {
  const env = testEnvironment('2026-11-27T10:00:00.000Z', 'fixture');
  const name = 'Municipal Water and Wastewater Authority of the Greater Metropolitan Region Ltd';
  const theirs = createThirdParty(env, name);
  const layout = layoutFor(80, 24);
  const {lastFrame, unmount} = render(
    <ConflictDialog
      dialog={{
        kind: 'conflict',
        choice: 0,
        conflict: {thirdPartyId: theirs.id, mine: theirs, theirs, changedBy: {actor: 'bob@host', at: env.now(), action: 'update'}},
      }}
      width={layout.formWidth}
      height={layout.paneRows + 2}
    />,
  );
  const frame = lastFrame() ?? '';
  unmount();
  t.false(frame.includes('…'));
  t.regex(frame.replaceAll(/[\s│]+/g, ' '), /Greater Metropolitan Region Ltd was changed by bob@host/);
});
