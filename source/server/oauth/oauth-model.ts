/**
 * The data file as storage of @node-oauth/oauth2-server (its "model"): clients are the third
 * parties, tokens are rows of their token grid written through the group commit, and codes live
 * in memory for their 60 seconds (one server per data file, so no other process needs them; a
 * server restart only makes a waiting application start again).
 */
import OAuth2Server from '@node-oauth/oauth2-server';
import {generateCredential, matchesCallbackUrl, generateId, TOKEN_PREFIX, type Environment, type ThirdParty} from '../../domain/index.js';
import type {LoadedData} from '../data-watcher.js';
import {CodeStore, DEFAULT_CODE_LIMITS, type CodeLimits} from './code-store.js';
import type {GroupCommit} from './group-commit.js';

/** Who approved the request and why: the library's "user" of a code. */
export interface Grant {
  readonly thirdPartyId: string;
  /** The address the authorization request came from: codes are capped per address too (code-store.ts). */
  readonly address: string;
  readonly approvedBy?: string;
  readonly test: boolean;
}

interface StoredCode extends OAuth2Server.AuthorizationCode {
  readonly user: Grant;
}

interface UsedCode {
  readonly thirdPartyId: string;
  readonly usedAt: number;
  tokenId?: string;
  /** Presented again before its token was saved: the token is revoked as soon as it is. */
  reused: boolean;
}

/** The token endpoint authenticated the client itself (client-auth.ts); this stands for its secret in the library. */
export const AUTHENTICATED = 'authenticated-by-tpa';

/** Used codes are remembered this long, to revoke the token of a code presented twice (RFC 6749 §4.1.2). */
const USED_CODE_MEMORY_MS = 10 * 60_000;
/** A cap on codes was reached (code-store.ts): the application may try again shortly (RFC 6749 §4.1.2.1). */
export class CodesFullError extends OAuth2Server.OAuthError {
  constructor() {
    super('Too many authorization codes are waiting to be used; try again in a minute.', {code: 503, name: 'temporarily_unavailable'});
  }
}

export const clientOf = (thirdParty: ThirdParty): OAuth2Server.Client => ({
  id: thirdParty.clientId,
  redirectUris: thirdParty.callbackUrl === null ? [] : [thirdParty.callbackUrl],
  grants: thirdParty.callbackUrl === null ? [] : ['authorization_code'],
});

export const createOAuthModel = (
  data: () => LoadedData,
  writes: GroupCommit,
  env: Environment,
  onProblem: (message: string) => void,
  codeLimits: CodeLimits = DEFAULT_CODE_LIMITS,
): OAuth2Server.AuthorizationCodeModel => {
  const codes = new CodeStore<StoredCode>(codeLimits);
  const used = new Map<string, UsedCode>();
  const forgetUsed = () => {
    const now = Date.now();
    // In the order used: the first one still remembered ends the sweep.
    for (const [code, entry] of used) {
      if (now - entry.usedAt <= USED_CODE_MEMORY_MS) return;
      used.delete(code);
    }
  };
  const revoke = (thirdPartyId: string, tokenId: string) =>
    writes
      .submit({kind: 'revoke', thirdPartyId, tokenId, why: 'revoked: its authorization code was used twice'})
      .catch(error => onProblem(`could not revoke a token after its code was used twice: ${String(error)}`));

  return {
    getClient: async clientId => {
      const thirdParty = data().index.byClientId.get(clientId);
      return thirdParty ? clientOf(thirdParty) : false;
    },
    // The one decision (callback-url.ts), as for every redirect of authorize.ts.
    validateRedirectUri: async (redirectUri, client) =>
      matchesCallbackUrl(data().index.byClientId.get(client.id)?.callbackUrl, redirectUri),
    generateAuthorizationCode: async () => generateCredential(TOKEN_PREFIX, env).slice(TOKEN_PREFIX.length),
    saveAuthorizationCode: async (code, client, user) => {
      const grant = user as Grant;
      const stored: StoredCode = {...code, client, user: grant};
      // The library's clock (new Date()) decides the code's expiry; the store forgets it by the same clock.
      const room = codes.add(code.authorizationCode, stored, client.id, grant.address, code.expiresAt.getTime(), Date.now());
      if (room.kind === 'full') throw new CodesFullError();
      return stored;
    },
    getAuthorizationCode: async code => {
      const reused = used.get(code);
      if (reused) {
        // RFC 6749 §4.1.2: a code presented twice revokes the token it gave.
        if (reused.tokenId) void revoke(reused.thirdPartyId, reused.tokenId);
        else reused.reused = true;
        return false;
      }
      return codes.get(code) ?? false;
    },
    revokeAuthorizationCode: async code => {
      const live = codes.delete(code.authorizationCode);
      forgetUsed();
      if (live) used.set(code.authorizationCode, {thirdPartyId: (code.user as Grant).thirdPartyId, usedAt: Date.now(), reused: false});
      return live;
    },
    generateAccessToken: async () => generateCredential(TOKEN_PREFIX, env),
    // No refresh tokens are issued: without this the library draws random bytes for one it then drops.
    generateRefreshToken: async () => '',
    saveToken: async (token, client, user) => {
      const grant = user as Grant;
      const id = generateId(env);
      const result = await writes.submit({
        kind: 'issue',
        thirdPartyId: grant.thirdPartyId,
        token: {id, token: token.accessToken},
        test: grant.test,
        ...(grant.approvedBy ? {approvedBy: grant.approvedBy} : {}),
      });
      if (!result.ok) throw new OAuth2Server.InvalidGrantError(`Invalid grant: ${result.why}`);
      const usedCode = typeof token['authorizationCode'] === 'string' ? used.get(token['authorizationCode']) : undefined;
      if (usedCode) {
        usedCode.tokenId = id;
        if (usedCode.reused) void revoke(grant.thirdPartyId, id);
      }
      // No expiry and no refresh token: the token lives until its Active is cleared.
      return {accessToken: token.accessToken, client, user};
    },
    getAccessToken: async () => false,
  };
};
