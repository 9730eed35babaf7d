/**
 * Tokens issued by the authorization server (automatic authorization, ARCHITECTURE.md): the same
 * rows as the admin's, never expiring, at most one live per third party. Pure; new records.
 */
import type {Approval, OAuthToken, ThirdParty} from './types.js';

/** The approval setting; a third party saved before schema 2 asks. */
export const approvalOf = (thirdParty: Pick<ThirdParty, 'approval'>): Approval => thirdParty.approval ?? 'ask';

export const isAutomaticToken = (token: Pick<OAuthToken, 'origin'>): boolean => token.origin === 'automatic';

/** What the Expires column and the sheet say of a token that never expires. */
export const neverExpiresText = (token: Pick<OAuthToken, 'origin'>): string =>
  isAutomaticToken(token) ? 'does not expire (automatic)' : 'never';

export interface AutomaticIssue {
  readonly thirdParty: ThirdParty;
  readonly token: OAuthToken;
  /** Earlier automatic tokens whose Active this issue cleared. */
  readonly replaced: readonly OAuthToken[];
}

/**
 * A token issued by automatic authorization: created now, never expiring, Active. It replaces
 * the third party's earlier live automatic token (its Active is cleared), so that each third
 * party has at most one. A test token replaces nothing: the test must not stop the real one.
 */
export const issueAutomaticToken = (
  thirdParty: ThirdParty,
  issued: {readonly id: string; readonly token: string},
  now: Date,
  test = false,
): AutomaticIssue => {
  const token: OAuthToken = {
    id: issued.id,
    token: issued.token,
    createdAt: now.toISOString(),
    expiresAt: null,
    active: true,
    origin: 'automatic',
    ...(test ? {test: true} : {}),
  };
  const replaced: OAuthToken[] = [];
  const tokens = thirdParty.tokens.map(existing => {
    if (test || !existing.active || !isAutomaticToken(existing) || existing.test) return existing;
    replaced.push(existing);
    return {...existing, active: false};
  });
  return {thirdParty: {...thirdParty, tokens: [token, ...tokens]}, token, replaced};
};

/** Active cleared: what revocation (RFC 7009) and a reused authorization code do to a token. */
export const deactivateToken = (thirdParty: ThirdParty, tokenId: string): ThirdParty => ({
  ...thirdParty,
  tokens: thirdParty.tokens.map(token => (token.id === tokenId ? {...token, active: false} : token)),
});

/** When the third party's application last obtained a token by itself (tests left out). */
export const lastAutomaticAuthorization = (thirdParty: Pick<ThirdParty, 'tokens'>): string | undefined => {
  let last: string | undefined;
  for (const token of thirdParty.tokens) {
    if (isAutomaticToken(token) && !token.test && (last === undefined || token.createdAt > last)) last = token.createdAt;
  }
  return last;
};
