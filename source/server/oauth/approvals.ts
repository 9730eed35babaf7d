/**
 * Authorization requests waiting for an admin (approval "ask"): held in memory by the server,
 * shown at once in every open console (they subscribe over the admin channel), decided there.
 * A request not decided within ten minutes is refused (access_denied).
 */
import {randomBytes} from 'node:crypto';
import type {PendingApproval} from '../../domain/index.js';

export type {PendingApproval};

export type Decision =
  {readonly kind: 'approve'; readonly by: string} | {readonly kind: 'deny'; readonly by: string} | {readonly kind: 'timeout'};

interface Entry {
  readonly approval: PendingApproval;
  /** The authorization request's parameters, to issue the code once approved. */
  readonly query: URLSearchParams;
  readonly expiresAt: number;
  decision?: Decision;
  readonly waiters: Set<() => void>;
}

export const APPROVAL_TIMEOUT_MS = 10 * 60_000;
/** A decided request whose browser has not come back is forgotten this long after its timeout. */
const FORGET_AFTER_MS = 10 * 60_000;
/** More waiting requests than this are refused at once (temporarily_unavailable): memory stays bounded. */
export const MAX_PENDING = 1_000;

export type ApprovalsListener = (pending: readonly PendingApproval[]) => void;

export class Approvals {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<ApprovalsListener>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly now: () => Date,
    private readonly timeoutMs = APPROVAL_TIMEOUT_MS,
  ) {
    this.timer = setInterval(() => this.expire(), Math.min(1_000, timeoutMs)).unref();
  }

  /** undefined when too many requests wait already. */
  request(approval: Omit<PendingApproval, 'id' | 'since'>, query: URLSearchParams): PendingApproval | undefined {
    this.expire();
    if (this.pending().length >= MAX_PENDING) return undefined;
    const now = this.now();
    // Unguessable: the id is the waiting page's address, which only the requesting browser knows.
    const id = randomBytes(18).toString('base64url');
    const entry: Entry = {
      approval: {...approval, id, since: now.toISOString()},
      query,
      expiresAt: now.getTime() + this.timeoutMs,
      waiters: new Set(),
    };
    this.entries.set(id, entry);
    this.notify();
    return entry.approval;
  }

  /** False when the request is unknown or decided already. */
  decide(id: string, decision: Decision): boolean {
    const entry = this.entries.get(id);
    if (!entry || entry.decision) return false;
    entry.decision = decision;
    for (const wake of entry.waiters) wake();
    entry.waiters.clear();
    this.notify();
    return true;
  }

  get(id: string): {readonly approval: PendingApproval; readonly query: URLSearchParams; readonly decision?: Decision} | undefined {
    this.expire();
    return this.entries.get(id);
  }

  /** The request is answered (redirected): forgotten, so that one approval gives one code. */
  settle(id: string): void {
    this.entries.delete(id);
  }

  /** Resolves when the request is decided, or after `ms`. */
  waitFor(id: string, ms: number): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry || entry.decision) return Promise.resolve();
    return new Promise(resolve => {
      const done = () => {
        clearTimeout(timer);
        entry.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.min(ms, Math.max(0, entry.expiresAt - this.now().getTime())));
      entry.waiters.add(done);
    });
  }

  pending(): PendingApproval[] {
    return [...this.entries.values()].filter(entry => !entry.decision).map(entry => entry.approval);
  }

  /** A console listening; the count tells the waiting page whether anyone can approve. */
  subscribe(listener: ApprovalsListener): () => void {
    this.listeners.add(listener);
    listener(this.pending());
    return () => this.listeners.delete(listener);
  }

  get consoles(): number {
    return this.listeners.size;
  }

  close(): void {
    clearInterval(this.timer);
  }

  private notify(): void {
    const pending = this.pending();
    for (const listener of this.listeners) listener(pending);
  }

  private expire(): void {
    const now = this.now().getTime();
    let changed = false;
    for (const [id, entry] of this.entries) {
      if (!entry.decision && entry.expiresAt <= now) {
        this.decide(id, {kind: 'timeout'});
        changed = true;
      }
      // A decided request whose browser never came back is forgotten after another timeout.
      if (entry.decision && entry.expiresAt + FORGET_AFTER_MS <= now) this.entries.delete(id);
    }
    if (changed) this.notify();
  }
}
