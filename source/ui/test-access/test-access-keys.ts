/** Keys in the test-access panel (Ctrl+T). Ctrl+S saves from here too; the panel then tests what was saved. */
import {closeDialog, dialogOf} from '../console/draft.js';
import type {ConsoleState} from '../console/state.js';
import type {KeyContext, KeyInput} from '../console/bindings.js';
import {authorizationTestRefusal, startAuthorizationTest} from '../dialogs/authorization-test/authorization-test-state.js';
import {
  editTestField,
  nextTestField,
  previousTestField,
  refillTestFields,
  revealTestFields,
  testThroughServer,
  type PanelResult,
  type ServerState,
} from './test-access-state.js';

const panel =
  (change: (input: KeyInput) => PanelResult | undefined) =>
  (input: KeyInput): ConsoleState => {
    const result = change(input);
    return result ? {...input.state, dialog: result.dialog, notice: result.notice} : input.state;
  };

const the = (state: ConsoleState) => dialogOf(state, 'testAccess');

/** What Enter does now: test through the server, or look for one again; nothing while it looks or tests. */
const serverLabel = (server: ServerState): string | undefined =>
  server.kind === 'absent' ? 'look for server' : server.kind === 'looking' || server.kind === 'testing' ? undefined : 'test via server';

const edit = ({state, key, now}: KeyInput) => editTestField(the(state), key, state.thirdParties, now);

export const testAccessKeys: KeyContext = {
  id: 'testAccess',
  title: 'In the test-access panel',
  global: 'saveAndExits',
  bindings: [
    // First: the footer keeps the first keys, and these are the tests.
    {
      keys: ['return'],
      description: 'test through the server, when it runs (else look for it again)',
      label: ({state}) => serverLabel(the(state).server),
      handler: panel(({state}) => testThroughServer(the(state))),
    },
    {
      keys: ['ctrl+p'],
      description: 'automatic authorization test through the running server (a third party with a callback URL)',
      label: ({state}) => (authorizationTestRefusal(state) === undefined ? 'auto flow' : undefined),
      disabledReason: ({state}) => authorizationTestRefusal(state),
      handler: ({state}) => startAuthorizationTest(state, the(state).thirdPartyId ?? ''),
    },
    {keys: ['tab', 'down'], description: 'next field', label: 'next', handler: panel(({state}) => nextTestField(the(state)))},
    {keys: ['shift+tab', 'up'], description: 'previous field', handler: panel(({state}) => previousTestField(the(state)))},
    {keys: ['ctrl+u'], description: 'clear the field (before the cursor)', label: 'clear', handler: panel(edit)},
    {
      keys: ['ctrl+r'],
      description: 'reveal or mask the secret and the token',
      label: 'reveal',
      handler: panel(({state}) => revealTestFields(the(state))),
    },
    {
      keys: ['ctrl+t'],
      description: 'fill in the saved credentials again',
      label: 'refill',
      handler: panel(({state, now}) => refillTestFields(the(state), state.thirdParties, now)),
    },
    {keys: ['escape'], description: 'close the panel', label: 'close', handler: ({state}) => closeDialog(state)},
  ],
  type: input => {
    const result = edit(input);
    return result ? {...input.state, dialog: result.dialog, notice: result.notice} : undefined;
  },
};
