/**
 * The live authorization codes (in memory for their lifetime, ARCHITECTURE.md, "The authorization server"),
 * capped so that no client and no address can take the room of the others (issue 17 §3):
 *  - one client from one address holds `perClientAddress` codes at most: a new one replaces the
 *    oldest (an application that starts again loses nothing it could still use);
 *  - one address holds `perAddress` codes, one client `perClient`, the server `total`: past any of
 *    these a new code is refused (`temporarily_unavailable`) until codes are used or expire.
 * Every call is O(1) amortised: codes expire in the order they were made (one lifetime per
 * server), so the expired ones are always at the front of the table.
 */

export interface CodeLimits {
  readonly perClientAddress: number;
  readonly perAddress: number;
  readonly perClient: number;
  readonly total: number;
}

/**
 * A third party needs one code per authorization, used within seconds; an address behind which
 * several applications start at once needs a few; the total bounds memory (~1 KB a code).
 */
export const DEFAULT_CODE_LIMITS: CodeLimits = {perClientAddress: 10, perAddress: 100, perClient: 1_000, total: 20_000};

/** Where a code would go: stored (replacing the pair's oldest, if any), or refused by the cap named. */
export type CodeRoom =
  {readonly kind: 'room'; readonly replaces?: string} | {readonly kind: 'full'; readonly cap: 'address' | 'client' | 'total'};

/** How many live codes there are, for the one decision (`codeRoom`): in this server's memory, or in the database's table. */
export interface CodeCounts {
  /** Of this client from this address, and the oldest of them. */
  readonly pair: number;
  readonly pairOldest: string | undefined;
  readonly address: number;
  readonly client: number;
  readonly total: number;
}

/**
 * The one decision: may a code of this client, asked from this address, be stored now, and which
 * code goes to make room. The pair's own oldest code makes room within every cap.
 */
export const codeRoom = (counts: CodeCounts, limits: CodeLimits): CodeRoom => {
  if (counts.pair >= limits.perClientAddress && counts.pairOldest !== undefined) return {kind: 'room', replaces: counts.pairOldest};
  if (counts.address >= limits.perAddress) return {kind: 'full', cap: 'address'};
  if (counts.client >= limits.perClient) return {kind: 'full', cap: 'client'};
  if (counts.total >= limits.total) return {kind: 'full', cap: 'total'};
  return {kind: 'room'};
};

interface Entry<T> {
  readonly value: T;
  readonly clientId: string;
  readonly address: string;
  readonly expiresAt: number;
}

const pairOf = (clientId: string, address: string): string => `${clientId}@${address}`;

const bump = (counts: Map<string, number>, key: string, by: 1 | -1): void => {
  const next = (counts.get(key) ?? 0) + by;
  if (next === 0) counts.delete(key);
  else counts.set(key, next);
};

export class CodeStore<T> {
  /** In the order made, which is the order they expire. */
  private readonly codes = new Map<string, Entry<T>>();
  /** Each pair's codes, oldest first. */
  private readonly byPair = new Map<string, Set<string>>();
  private readonly byAddress = new Map<string, number>();
  private readonly byClient = new Map<string, number>();

  constructor(private readonly limits: CodeLimits = DEFAULT_CODE_LIMITS) {}

  get size(): number {
    return this.codes.size;
  }

  /** `codeRoom` on the codes held now. Changes nothing but forgetting expired codes. */
  roomFor(clientId: string, address: string, nowMs: number): CodeRoom {
    this.forgetExpired(nowMs);
    const pair = this.byPair.get(pairOf(clientId, address));
    return codeRoom(
      {
        pair: pair?.size ?? 0,
        pairOldest: pair?.values().next().value,
        address: this.byAddress.get(address) ?? 0,
        client: this.byClient.get(clientId) ?? 0,
        total: this.codes.size,
      },
      this.limits,
    );
  }

  /** Stores the code as `roomFor` decides; nothing is stored when it is full. */
  add(code: string, value: T, clientId: string, address: string, expiresAt: number, nowMs: number): CodeRoom {
    const room = this.roomFor(clientId, address, nowMs);
    if (room.kind === 'full') return room;
    if (room.replaces !== undefined) this.delete(room.replaces);
    this.codes.set(code, {value, clientId, address, expiresAt});
    const key = pairOf(clientId, address);
    const pair = this.byPair.get(key) ?? new Set();
    pair.add(code);
    this.byPair.set(key, pair);
    bump(this.byAddress, address, 1);
    bump(this.byClient, clientId, 1);
    return room;
  }

  get(code: string): T | undefined {
    return this.codes.get(code)?.value;
  }

  /** True when the code was there. */
  delete(code: string): boolean {
    const entry = this.codes.get(code);
    if (!entry) return false;
    this.codes.delete(code);
    const key = pairOf(entry.clientId, entry.address);
    const pair = this.byPair.get(key)!;
    pair.delete(code);
    if (pair.size === 0) this.byPair.delete(key);
    bump(this.byAddress, entry.address, -1);
    bump(this.byClient, entry.clientId, -1);
    return true;
  }

  private forgetExpired(nowMs: number): void {
    for (const [code, entry] of this.codes) {
      if (entry.expiresAt > nowMs) return;
      this.delete(code);
    }
  }
}
