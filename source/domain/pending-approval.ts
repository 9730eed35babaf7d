/** An authorization request waiting for an admin (approval "ask"): what the server holds and every console shows. */
export interface PendingApproval {
  readonly id: string;
  readonly thirdPartyId: string;
  readonly thirdPartyName: string;
  readonly clientId: string;
  /** The address the request came from. */
  readonly remote: string;
  readonly redirectUri: string;
  /** ISO 8601, UTC. */
  readonly since: string;
}
