/** The records an admin manages, as stored in the data file (ARCHITECTURE.md, Data). */

export interface OAuthToken {
  id: string;
  token: string;
  /** ISO 8601, UTC. */
  createdAt: string;
  /** ISO 8601, UTC; null: the token never expires. */
  expiresAt: string | null;
  /** Cleared by an admin to stop the token at once. */
  active: boolean;
  /** ISO 8601, UTC: when the OAuth information with this token was last sent to the third party. */
  sentAt?: string;
  /** Who made it: the admin (Add OAuth Token) or the authorization server; absent: manual. */
  origin?: TokenOrigin;
  /** Obtained by the console's automatic-authorization test, and revoked at its end. */
  test?: boolean;
}

/** 'automatic': issued by `tpa serve` to the third party's application (authorization code flow). */
export type TokenOrigin = 'manual' | 'automatic';

/** How an authorization request of a third party with a callback URL is approved; absent: 'ask'. */
export type Approval = 'automatic' | 'ask';

/** The client secret before the last rotation, still accepted until `validUntil` (the grace period). */
export interface PreviousClientSecret {
  secret: string;
  /** ISO 8601, UTC. */
  validUntil: string;
}

export interface ThirdParty {
  id: string;
  name: string;
  clientId: string;
  clientSecret: string;
  /** Set by a rotation with a grace period; absent or null: only `clientSecret` is accepted. */
  previousClientSecret?: PreviousClientSecret | null;
  /** The whole third party's access on or off. */
  enabled: boolean;
  /** Set: automatic authorization; null: manual authorization. */
  callbackUrl: string | null;
  tokens: OAuthToken[];
  /** Automatic: an Enabled third party with its callback URL is approved at once; ask (default): an admin approves in the console. */
  approval?: Approval;
  createdAt: string;
  updatedAt: string;
}

/** 2: approval, token origin and settings (issue 11). A file of schema 1 is read and written back as 2. */
export const SCHEMA_VERSION = 2;

/** Settings of the whole data file. */
export interface Settings {
  /** The public address of the authorization server (`tpa serve --issuer`), e.g. the TLS reverse proxy's. */
  issuer?: string;
}

export interface Database {
  schema: typeof SCHEMA_VERSION;
  /** Goes up by one with every save; lets a console notice another one's save. */
  revision: number;
  settings?: Settings;
  thirdParties: ThirdParty[];
}

export const emptyDatabase = (): Database => ({schema: SCHEMA_VERSION, revision: 0, thirdParties: []});

/** Where clock and randomness come from; injected so that tests are exact. */
export interface Environment {
  now: () => Date;
  /** Cryptographically secure random bytes. */
  randomBytes: (size: number) => Uint8Array;
}
