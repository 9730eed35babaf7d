/**
 * Tokens issued by the authorization server (automatic authorization; ARCHITECTURE.md, The
 * authorization server): the same rows as the admin's, never expiring, at most one live per
 * third party. Pure; new records.
 */
import {isUsable} from './tokens.js';
import type {Approval, OAuthToken, ThirdParty, TokenOrigin} from './types.js';

/** The approval setting; a third party saved before schema 2 asks. */
export const approvalOf = (thirdParty: Pick<ThirdParty, 'approval'>): Approval => thirdParty.approval ?? 'ask';

/** The approval setting in the admin's words, as the form and `tpa show` say it. */
export const approvalText = (thirdParty: Pick<ThirdParty, 'approval'>): string =>
  approvalOf(thirdParty) === 'ask' ? 'ask in the console' : 'automatic';

export const isAutomaticToken = (token: Pick<OAuthToken, 'origin'>): boolean => token.origin === 'automatic';

/** Where a token came from; a token saved before schema 2 was added by an admin. */
export const originOf = (token: Pick<OAuthToken, 'origin'>): TokenOrigin => token.origin ?? 'manual';

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
  return {thirdParty: withoutStaleAutomaticTokens({...thirdParty, tokens: [token, ...tokens]}), token, replaced};
};

/** Active cleared: what revocation (RFC 7009) and a reused authorization code do to a token. */
export const deactivateToken = (thirdParty: ThirdParty, tokenId: string): ThirdParty =>
  withoutStaleAutomaticTokens({
    ...thirdParty,
    tokens: thirdParty.tokens.map(token => (token.id === tokenId ? {...token, active: false} : token)),
  });

/** How many replaced (inactive) automatic tokens the grid keeps besides the live one; the audit log keeps them all. */
export const KEPT_REPLACED_TOKENS = 3;

/**
 * The one rule that keeps automatic tokens from piling up in the grid, applied by every write of
 * the authorization server: the tokens an admin added and every Active token stay; of the
 * inactive automatic ones only the newest few (the last replaced), and never a test token once
 * its test revoked it. Order is kept.
 */
export const withoutStaleAutomaticTokens = (thirdParty: ThirdParty): ThirdParty => {
  let replacedKept = 0;
  // Newest first, whatever order the file has.
  const newestFirst = [...thirdParty.tokens].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const dropped = new Set<OAuthToken>();
  for (const token of newestFirst) {
    if (!isAutomaticToken(token) || token.active) continue;
    if (token.test || replacedKept >= KEPT_REPLACED_TOKENS) dropped.add(token);
    else replacedKept++;
  }
  return dropped.size === 0 ? thirdParty : {...thirdParty, tokens: thirdParty.tokens.filter(token => !dropped.has(token))};
};

/** When the third party's application last obtained a token by itself (tests left out). */
export const lastAutomaticAuthorization = (thirdParty: Pick<ThirdParty, 'tokens'>): string | undefined => {
  let last: string | undefined;
  for (const token of thirdParty.tokens) {
    if (isAutomaticToken(token) && !token.test && (last === undefined || token.createdAt > last)) last = token.createdAt;
  }
  return last;
};

/**
 * A third party with a callback URL whose application has not obtained a token yet (and has no
 * usable one an admin added): it gets its token itself, so this is no warning (tpa expiring),
 * only "not authorized yet" (tpa list, the form).
 */
export const awaitingAuthorization = (thirdParty: Pick<ThirdParty, 'callbackUrl' | 'tokens'>, now: Date): boolean =>
  thirdParty.callbackUrl !== null &&
  lastAutomaticAuthorization(thirdParty) === undefined &&
  !thirdParty.tokens.some(token => isUsable(token, now));
