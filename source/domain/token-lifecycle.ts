/** Changing a third party's tokens after they were added: expiry, deletion, sending. Pure; new records. */
import type {OAuthToken, ThirdParty} from './types.js';

const changeToken = (thirdParty: ThirdParty, tokenId: string, change: (token: OAuthToken) => OAuthToken): ThirdParty => ({
  ...thirdParty,
  tokens: thirdParty.tokens.map(token => (token.id === tokenId ? change(token) : token)),
});

/** A new expiry; null: the token never expires. */
export const setTokenExpiry = (thirdParty: ThirdParty, tokenId: string, expiresAt: Date | null): ThirdParty =>
  changeToken(thirdParty, tokenId, token => ({...token, expiresAt: expiresAt === null ? null : expiresAt.toISOString()}));

export const deleteToken = (thirdParty: ThirdParty, tokenId: string): ThirdParty => ({
  ...thirdParty,
  tokens: thirdParty.tokens.filter(token => token.id !== tokenId),
});

/** The token records when the OAuth information holding it was sent. */
export const markTokenSent = (thirdParty: ThirdParty, tokenId: string, at: Date): ThirdParty =>
  changeToken(thirdParty, tokenId, token => ({...token, sentAt: at.toISOString()}));
