/**
 * Lookups by client ID and by OAuth token, built once per loaded data, so that checking access
 * never scans every third party (the server answers each request from these maps).
 */
import {sha256Base64} from './secrets.js';
import type {OAuthToken, ThirdParty} from './types.js';

export interface IssuedToken {
  readonly thirdParty: ThirdParty;
  readonly token: OAuthToken;
}

export interface AccessIndex {
  readonly byClientId: ReadonlyMap<string, ThirdParty>;
  /** Keyed by `tokenKey(token)`, not by the token itself. */
  readonly byToken: ReadonlyMap<string, IssuedToken>;
}

/**
 * Tokens are looked up by their SHA-256, not their text: a map lookup compares keys with early
 * exit, and over a hash an attacker cannot steer how many leading characters match.
 */
export const tokenKey = (token: string): string => sha256Base64(token);

/** An index its owner updates in place (the server's, after each save: server/reindex.ts). */
export interface UpdatableAccessIndex extends AccessIndex {
  readonly byClientId: Map<string, ThirdParty>;
  readonly byToken: Map<string, IssuedToken>;
}

const storedKeys = new WeakMap<OAuthToken, string>();

/**
 * The key of a stored token, worked out once per token object: records and their tokens are
 * replaced, never changed, so an index built again (a record added, a reload) hashes only the
 * tokens it has not seen. `known`: the key of the same token text in the record's previous
 * version (a token made inactive is a new object). Never for a presented token (tokenKey).
 */
export const storedTokenKey = (token: OAuthToken, known?: string): string => {
  let key = storedKeys.get(token);
  if (key === undefined) {
    key = known ?? tokenKey(token.token);
    storedKeys.set(token, key);
  }
  return key;
};

export const indexAccess = (thirdParties: readonly ThirdParty[]): UpdatableAccessIndex => {
  const byClientId = new Map<string, ThirdParty>();
  const byToken = new Map<string, IssuedToken>();
  for (const thirdParty of thirdParties) {
    byClientId.set(thirdParty.clientId, thirdParty);
    for (const token of thirdParty.tokens) byToken.set(storedTokenKey(token), {thirdParty, token});
  }
  return {byClientId, byToken};
};

const cache = new WeakMap<readonly ThirdParty[], AccessIndex>();

/** The index of this list of third parties, built on first use and kept as long as the list is. */
export const accessIndexOf = (thirdParties: readonly ThirdParty[]): AccessIndex => {
  let index = cache.get(thirdParties);
  if (!index) {
    index = indexAccess(thirdParties);
    cache.set(thirdParties, index);
  }
  return index;
};

export const findIssuedToken = (index: AccessIndex, token: string): IssuedToken | undefined =>
  token === '' ? undefined : index.byToken.get(tokenKey(token));
