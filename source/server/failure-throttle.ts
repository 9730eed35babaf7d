/**
 * Repeated failures from one address slow it down: after `maxFailures` failed attempts within
 * `windowMs`, the address gets 429 until `blockMs` have passed. A success clears its count.
 * In memory only; behind a proxy every client has the proxy's address.
 */

export interface ThrottleOptions {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly blockMs: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = {maxFailures: 10, windowMs: 60_000, blockMs: 60_000};

interface Record {
  failures: number;
  windowStart: number;
  blockedUntil: number;
}

/** Past this many addresses, stale records are dropped, so that a scan from many addresses cannot grow the map without end. */
const PRUNE_AT = 10_000;

export class FailureThrottle {
  private readonly records = new Map<string, Record>();

  constructor(private readonly options: ThrottleOptions = DEFAULT_THROTTLE) {}

  /** Seconds to wait when the address is blocked now (for Retry-After), else 0. */
  retryAfter(address: string, nowMs: number): number {
    const record = this.records.get(address);
    if (!record || record.blockedUntil <= nowMs) return 0;
    return Math.max(1, Math.ceil((record.blockedUntil - nowMs) / 1000));
  }

  failed(address: string, nowMs: number): void {
    let record = this.records.get(address);
    if (!record || nowMs - record.windowStart >= this.options.windowMs) {
      if (this.records.size >= PRUNE_AT) this.prune(nowMs);
      record = {failures: 0, windowStart: nowMs, blockedUntil: 0};
      this.records.set(address, record);
    }
    record.failures++;
    if (record.failures >= this.options.maxFailures) {
      record.blockedUntil = nowMs + this.options.blockMs;
      record.failures = 0;
      record.windowStart = record.blockedUntil;
    }
  }

  succeeded(address: string): void {
    if (this.records.size > 0) this.records.delete(address);
  }

  private prune(nowMs: number): void {
    for (const [address, record] of this.records) {
      if (record.blockedUntil <= nowMs && nowMs - record.windowStart >= this.options.windowMs) this.records.delete(address);
    }
  }
}
