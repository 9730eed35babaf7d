/**
 * The automatic-authorization test (from the Ctrl+T panel, for a third party with a callback
 * URL): the flow its application runs, through the running server, step by step. What the test
 * obtains is revoked at its end and marked as a test in the history (the server does both).
 */
import {savedThirdParty} from '../../console/draft.js';
import type {ConsoleState} from '../../console/state.js';
import type {AuthorizationTestResult, AuthorizationTestTarget} from '../../live/live-sources.js';

export interface AuthorizationTestDialog {
  readonly kind: 'authorizationTest';
  readonly thirdPartyId: string;
  readonly name: string;
  /** undefined while the test runs. */
  readonly result: AuthorizationTestResult | undefined;
}

export type AuthorizationTestRequest = {
  readonly kind: 'authorizationTest';
  readonly thirdPartyId: string;
  readonly target: AuthorizationTestTarget;
};

/** Why the test cannot run for the third party in the panel; undefined when it can. */
export const authorizationTestRefusal = (state: ConsoleState): string | undefined => {
  const id = state.dialog?.kind === 'testAccess' ? state.dialog.thirdPartyId : undefined;
  const saved = id === undefined ? undefined : savedThirdParty(state, id);
  if (!saved) return 'Save the third party first: the test runs with what is saved.';
  if (!saved.callbackUrl) return 'No callback URL saved: this third party uses manual authorization (the token test above).';
  return undefined;
};

export const startAuthorizationTest = (state: ConsoleState, id: string): ConsoleState => {
  const saved = savedThirdParty(state, id);
  if (!saved) return state;
  return {
    ...state,
    dialog: {kind: 'authorizationTest', thirdPartyId: saved.id, name: saved.name, result: undefined},
    request: {
      kind: 'authorizationTest',
      thirdPartyId: saved.id,
      target: {clientId: saved.clientId, clientSecret: saved.clientSecret, callbackUrl: saved.callbackUrl},
    },
  };
};

export const showAuthorizationTested = (state: ConsoleState, thirdPartyId: string, result: AuthorizationTestResult): ConsoleState =>
  state.dialog?.kind === 'authorizationTest' && state.dialog.thirdPartyId === thirdPartyId
    ? {...state, request: undefined, dialog: {...state.dialog, result}}
    : {...state, request: undefined};
