/**
 * The pace of authorization requests from one address (issue 17 §3), decided before any work is
 * done. A script asking for codes as fast as it can from one address kept the server busy with its
 * requests on every turn of the event loop, and every other third party's token exchange, whose
 * save waits on the loop some twenty times, took ten times longer. Each address may start
 * `perSecond` authorizations a second, `burst` of them at once; one beyond that waits, holding its
 * connection and costing nothing, until its turn (a client that waits for an answer before asking
 * again is slowed to the pace, not refused); one whose turn is more than `maxWaitMs` away is
 * refused with Retry-After. The addresses remembered are bounded (`maxAddresses`, the longest
 * idle forgotten first, in constant time). Per server, as every limit (README, Limits).
 *
 * GCRA, the token bucket kept as one time per address: the time at which the address's next
 * request would start if it came with no burst left.
 */
export interface PaceLimits {
  readonly perSecond: number;
  readonly burst: number;
  readonly maxWaitMs: number;
  readonly maxAddresses: number;
}

const DEFAULT_PACE_LIMITS: PaceLimits = {perSecond: 1_000, burst: 100, maxWaitMs: 2_000, maxAddresses: 10_000};

export type PaceDecision =
  {readonly kind: 'now'} | {readonly kind: 'after'; readonly ms: number} | {readonly kind: 'refused'; readonly retryAfterSeconds: number};

const NOW: PaceDecision = {kind: 'now'};

export class AuthorizePace {
  /** Address → when its next request starts once its burst is spent (ms). Insertion order is the order of last use. */
  private readonly next = new Map<string, number>();
  private readonly interval: number;
  private readonly tolerance: number;

  constructor(private readonly limits: PaceLimits = DEFAULT_PACE_LIMITS) {
    this.interval = 1000 / limits.perSecond;
    this.tolerance = this.interval * Math.max(0, limits.burst - 1);
  }

  /** May a request from `address` arriving at `nowMs` start now, after a wait, or not at all. */
  decide(address: string, nowMs: number): PaceDecision {
    const next = Math.max(this.next.get(address) ?? nowMs, nowMs);
    const wait = next - this.tolerance - nowMs;
    if (wait > this.limits.maxWaitMs)
      return {kind: 'refused', retryAfterSeconds: Math.max(1, Math.ceil((wait - this.limits.maxWaitMs) / 1000))};
    this.remember(address, next + this.interval);
    return wait <= 0 ? NOW : {kind: 'after', ms: Math.ceil(wait)};
  }

  private remember(address: string, next: number): void {
    this.next.delete(address);
    // Full: the longest idle goes (the first in use order; an address idle for its burst's time carries no state anyway).
    if (this.next.size >= this.limits.maxAddresses) this.next.delete(this.next.keys().next().value!);
    this.next.set(address, next);
  }
}
