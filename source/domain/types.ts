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
}

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
  createdAt: string;
  updatedAt: string;
}

export const SCHEMA_VERSION = 1;

export interface Database {
  schema: typeof SCHEMA_VERSION;
  /** Goes up by one with every save; lets a console notice another one's save. */
  revision: number;
  thirdParties: ThirdParty[];
}

export const emptyDatabase = (): Database => ({schema: SCHEMA_VERSION, revision: 0, thirdParties: []});

/** Where clock and randomness come from; injected so that tests are exact. */
export interface Environment {
  now: () => Date;
  /** Cryptographically secure random bytes. */
  randomBytes: (size: number) => Uint8Array;
}
