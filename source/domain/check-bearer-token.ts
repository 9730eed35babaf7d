/**
 * The check of an OAuth token presented alone (RFC 6750 bearer use): the token-side rules of
 * `checkAccess`, with the third party the token was issued to.
 */
import {findIssuedToken, type AccessIndex, type IssuedToken} from './access-index.js';
import {tokenState} from './tokens.js';

export type BearerVerdict =
  | {readonly valid: true; readonly issued: IssuedToken}
  | {readonly valid: false; readonly why: 'unknown' | 'disabled' | 'inactive' | 'expired'; readonly issued?: IssuedToken};

export const checkBearerToken = (token: string, index: AccessIndex, now: Date): BearerVerdict => {
  const issued = findIssuedToken(index, token);
  if (!issued) return {valid: false, why: 'unknown'};
  if (!issued.thirdParty.enabled) return {valid: false, why: 'disabled', issued};
  const state = tokenState(issued.token, now);
  if (state !== 'active') return {valid: false, why: state, issued};
  return {valid: true, issued};
};
