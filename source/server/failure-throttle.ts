/**
 * The throttle (ARCHITECTURE.md, The server): whether a request may proceed, decided
 * before its route does any work (`admit`). Client secrets and tokens are 256 bits: guessing is
 * hopeless, so the throttle bounds the work and the noise of failed attempts, it does not guard
 * the secrets. Hence:
 *  - a request with the right credentials always proceeds, whatever failed before it;
 *  - a failure (wrong or missing credentials) counts against the client ID it names and its
 *    address, and against its address: past `maxFailures` within `windowMs` for one client ID
 *    from one address, or `maxAddressFailures` from one address, that address's requests without
 *    the right credentials (for that client, or for any) get 429 until `blockMs` have passed;
 *  - a refused request changes nothing: it is not counted, and its route never runs.
 * In memory only; the tables are bounded and every call is O(1) (Generations below).
 */

export interface ThrottleOptions {
  /** Failures of one client ID from one address before that pair is blocked. */
  readonly maxFailures: number;
  /** Failures from one address (any client ID) before the address is blocked; 10 × maxFailures by default. */
  readonly maxAddressFailures?: number;
  readonly windowMs: number;
  readonly blockMs: number;
  /** How many keys are counted at most, and as many blocked (about 150 bytes each). */
  readonly maxKeys?: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = {maxFailures: 10, windowMs: 60_000, blockMs: 60_000, maxKeys: 100_000};

/**
 * Who a request proves to be, as its route reads it before doing anything (route.ts `prepare`):
 * the right credentials; wrong or missing ones (with the known client ID it names, if any); or
 * nothing to authenticate (a malformed request): not a failure, but not exempt from a block.
 */
export type Authentication =
  | {readonly kind: 'authenticated'; readonly clientId: string}
  | {readonly kind: 'failed'; readonly clientId: string | null}
  | {readonly kind: 'none'};

export const NOT_AUTHENTICATED: Authentication = {kind: 'none'};

export type Admission = {readonly proceed: true} | {readonly proceed: false; readonly retryAfter: number};

const PROCEED: Admission = {proceed: true};

const pairKey = (clientId: string | null, address: string): string => `client:${clientId ?? ''}@${address}`;
const addressKey = (address: string): string => `address:${address}`;

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
  private readonly maxAddressFailures: number;

  constructor(private readonly options: ThrottleOptions = DEFAULT_THROTTLE) {
    const half = Math.max(1, Math.floor((options.maxKeys ?? DEFAULT_THROTTLE.maxKeys!) / 2));
    // A count untouched for a whole window is over; a block is over blockMs after it began.
    this.counts = new Generations(options.windowMs, half);
    this.blocks = new Generations(options.blockMs, half);
    this.maxAddressFailures = options.maxAddressFailures ?? options.maxFailures * 10;
  }

  /** Keys held now (counting and blocked), at most twice maxKeys. */
  get size(): number {
    return this.counts.size + this.blocks.size;
  }

  /**
   * May this request proceed? Decided before its route runs. The right credentials always
   * proceed; otherwise a blocked pair (client ID, address) or address is refused with the
   * seconds to wait, and nothing is counted. A failure that proceeds is counted.
   */
  admit(address: string, authentication: Authentication, nowMs: number): Admission {
    if (authentication.kind === 'authenticated') return PROCEED;
    const pair = pairKey(authentication.kind === 'failed' ? authentication.clientId : null, address);
    const single = addressKey(address);
    const retryAfter = Math.max(this.blockedFor(pair, nowMs), this.blockedFor(single, nowMs));
    if (retryAfter > 0) return {proceed: false, retryAfter};
    if (authentication.kind === 'failed') {
      this.count(pair, this.options.maxFailures, nowMs);
      this.count(single, this.maxAddressFailures, nowMs);
    }
    return PROCEED;
  }

  /** Seconds to wait while the key is blocked (for Retry-After), else 0. */
  private blockedFor(key: string, nowMs: number): number {
    const blockedUntil = this.blocks.get(key);
    if (blockedUntil === undefined || blockedUntil <= nowMs) return 0;
    return Math.max(1, Math.ceil((blockedUntil - nowMs) / 1000));
  }

  private count(key: string, limit: number, nowMs: number): void {
    let count = this.counts.take(key, nowMs);
    if (!count || nowMs - count.windowStart >= this.options.windowMs) {
      count = {failures: 0, windowStart: nowMs};
      this.counts.set(key, count, nowMs);
    }
    count.failures++;
    if (count.failures >= limit) {
      this.counts.delete(key);
      this.blocks.set(key, nowMs + this.options.blockMs, nowMs);
    }
  }
}
