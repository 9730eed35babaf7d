/**
 * The data file as storage of @node-oauth/oauth2-server (its "model"): clients are the third
 * parties, tokens are rows of their token grid written through the group commit, and codes live
 * in memory for their 60 seconds (one server per data file, so no other process needs them; a
 * server restart only makes a waiting application start again).
 */
import OAuth2Server from '@node-oauth/oauth2-server';
import {generateCredential, matchesCallbackUrl, generateId, TOKEN_PREFIX, type Environment, type ThirdParty} from '../../domain/index.js';
import type {LoadedData} from '../data-watcher.js';
import {memoryCodeKeeper, type CodeKeeper, type Grant, type KeptCode} from './code-keeper.js';
import type {GroupCommit} from './group-commit.js';

/** The token endpoint authenticated the client itself (client-auth.ts); this stands for its secret in the library. */
export const AUTHENTICATED = 'authenticated-by-tpa';

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

export type {Grant};

/** The library's code from a kept one: its client as the data has it now. */
const libraryCode = (code: KeptCode, client: OAuth2Server.Client): OAuth2Server.AuthorizationCode => ({
  authorizationCode: code.authorizationCode,
  expiresAt: code.expiresAt,
  redirectUri: code.redirectUri,
  ...(code.scope === undefined ? {} : {scope: code.scope}),
  ...(code.codeChallenge === undefined ? {} : {codeChallenge: code.codeChallenge}),
  ...(code.codeChallengeMethod === undefined ? {} : {codeChallengeMethod: code.codeChallengeMethod}),
  client,
  user: code.grant,
});

type CodeFields = Pick<
  OAuth2Server.AuthorizationCode,
  'authorizationCode' | 'expiresAt' | 'redirectUri' | 'scope' | 'codeChallenge' | 'codeChallengeMethod'
>;

const keptCode = (code: CodeFields, client: OAuth2Server.Client, grant: Grant): KeptCode => ({
  authorizationCode: code.authorizationCode,
  expiresAt: code.expiresAt,
  redirectUri: code.redirectUri,
  scope: code.scope,
  codeChallenge: code.codeChallenge,
  codeChallengeMethod: code.codeChallengeMethod,
  clientId: client.id,
  grant,
});

/** `codes`: this server's memory on a data file, the database's table shared by every server on a database (code-keeper.ts). */
export const createOAuthModel = (
  data: () => LoadedData,
  writes: GroupCommit,
  env: Environment,
  onProblem: (message: string) => void,
  codes: CodeKeeper = memoryCodeKeeper(),
): OAuth2Server.AuthorizationCodeModel => {
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
      // The library's clock (new Date()) decides the code's expiry; the keeper forgets it by the same clock.
      const room = await codes.keep(keptCode(code, client, user as Grant), Date.now());
      if (room.kind === 'full') throw new CodesFullError();
      return {...code, client, user};
    },
    getAuthorizationCode: async code => {
      const presented = await codes.present(code);
      if (presented.kind === 'reused') {
        // RFC 6749 §4.1.2: a code presented twice revokes the token it gave (or will give: gave() says so).
        if (presented.tokenId) void revoke(presented.thirdPartyId, presented.tokenId);
        return false;
      }
      if (presented.kind === 'unknown') return false;
      const thirdParty = data().index.byClientId.get(presented.code.clientId);
      return thirdParty ? libraryCode(presented.code, clientOf(thirdParty)) : false;
    },
    revokeAuthorizationCode: async code => codes.use(keptCode(code, code.client, code.user as Grant), Date.now()),
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
      const code = token['authorizationCode'];
      if (typeof code === 'string' && (await codes.gave(code, id))) void revoke(grant.thirdPartyId, id);
      // No expiry and no refresh token: the token lives until its Active is cleared.
      return {accessToken: token.accessToken, client, user};
    },
    getAccessToken: async () => false,
  };
};
