/** Keys of the automatic-authorization test's results. */
import {closeDialog, dialogOf} from '../../console/draft.js';
import type {KeyContext} from '../../console/bindings.js';
import {startAuthorizationTest} from './authorization-test-state.js';

export const authorizationTestKeys: KeyContext = {
  id: 'authorizationTest',
  title: 'In the automatic-authorization test',
  global: 'exits',
  bindings: [
    {
      keys: ['return'],
      description: 'run the test again',
      label: 'again',
      disabledReason: ({state}) => (dialogOf(state, 'authorizationTest').result ? undefined : 'The test is still running.'),
      handler: ({state}) => startAuthorizationTest(state, dialogOf(state, 'authorizationTest').thirdPartyId),
    },
    {keys: ['escape'], description: 'close the test', label: 'close', handler: ({state}) => closeDialog(state)},
  ],
};
