/**
 * Repeated authentication failures against one key slow it down: after `maxFailures` failures
 * within `windowMs`, the key gets 429 until `blockMs` have passed. A key is a client ID when the
 * request names a known one, else the client's address (see throttleKey); a success clears only
 * its own key. In memory only.
 *
 * The tables are bounded and every call is O(1) (Generations below): no scan, however many
 * addresses fail.
 */

export interface ThrottleOptions {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly blockMs: number;
  /** How many keys are counted at most, and as many blocked (about 150 bytes each). */
  readonly maxKeys?: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = {maxFailures: 10, windowMs: 60_000, blockMs: 60_000, maxKeys: 100_000};

/** What a failure counts against: a known client's ID (by how it authenticated), else the address. */
export type ThrottleKind = 'secret' | 'token';
export const clientKey = (kind: ThrottleKind, clientId: string): string => `${kind}:${clientId}`;
export const addressKey = (address: string): string => `address:${address}`;

/**
 * A map that forgets: keys live in two generations, a new generation starts every `periodMs` (or
 * when the current one holds `maxKeys / 2`), and starting one drops the one before last whole.
 * A key not set for a whole period is gone. Every call is O(1), nothing is ever scanned.
 */
class Generations<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();
  private startedAt = -Infinity;

  constructor(
    private readonly periodMs: number,
    private readonly generationKeys: number,
  ) {}

  get size(): number {
    return this.current.size + this.previous.size;
  }

  get(key: string): V | undefined {
    return this.current.get(key) ?? this.previous.get(key);
  }

  /** The value, moved into the current generation (kept another period). */
  take(key: string, nowMs: number): V | undefined {
    this.age(nowMs);
    const value = this.current.get(key);
    if (value !== undefined) return value;
    const old = this.previous.get(key);
    if (old !== undefined) {
      this.previous.delete(key);
      this.set(key, old, nowMs);
    }
    return old;
  }

  set(key: string, value: V, nowMs: number): void {
    this.age(nowMs);
    if (!this.current.has(key) && this.current.size >= this.generationKeys) this.start(nowMs);
    this.current.set(key, value);
  }

  delete(key: string): void {
    if (this.current.size > 0) this.current.delete(key);
    if (this.previous.size > 0) this.previous.delete(key);
  }

  private age(nowMs: number): void {
    if (nowMs - this.startedAt >= this.periodMs) this.start(nowMs);
  }

  private start(nowMs: number): void {
    this.previous = this.current;
    this.current = new Map();
    this.startedAt = nowMs;
  }
}

interface Count {
  failures: number;
  windowStart: number;
}

export class FailureThrottle {
  /** Failures within the window, per key. */
  private readonly counts: Generations<Count>;
  /** Blocked keys and until when: apart from the counts, so that a flood of new keys does not unblock them. */
  private readonly blocks: Generations<number>;

  constructor(private readonly options: ThrottleOptions = DEFAULT_THROTTLE) {
    const half = Math.max(1, Math.floor((options.maxKeys ?? DEFAULT_THROTTLE.maxKeys!) / 2));
    // A count untouched for a whole window is over; a block is over blockMs after it began.
    this.counts = new Generations(options.windowMs, half);
    this.blocks = new Generations(options.blockMs, half);
  }

  /** Keys held now (counting and blocked), at most twice maxKeys. */
  get size(): number {
    return this.counts.size + this.blocks.size;
  }

  /** Seconds to wait when the key is blocked now (for Retry-After), else 0. */
  retryAfter(key: string, nowMs: number): number {
    const blockedUntil = this.blocks.get(key);
    if (blockedUntil === undefined || blockedUntil <= nowMs) return 0;
    return Math.max(1, Math.ceil((blockedUntil - nowMs) / 1000));
  }

  failed(key: string, nowMs: number): void {
    let count = this.counts.take(key, nowMs);
    if (!count || nowMs - count.windowStart >= this.options.windowMs) {
      count = {failures: 0, windowStart: nowMs};
      this.counts.set(key, count, nowMs);
    }
    count.failures++;
    if (count.failures >= this.options.maxFailures) {
      this.counts.delete(key);
      this.blocks.set(key, nowMs + this.options.blockMs, nowMs);
    }
  }

  succeeded(key: string): void {
    this.counts.delete(key);
  }
}
