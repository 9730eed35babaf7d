/**
 * Authorization requests waiting for an admin (approval "ask"): held in memory by the server,
 * shown at once in every open console (they subscribe over the admin channel), decided there.
 * A request not decided within ten minutes is refused (access_denied). No client and no address
 * can fill the list (issue 17 §3): a request of the same client, callback URL and address replaces
 * the one waiting (the newest wins, the list shows it once), and past the caps per client, per
 * address and in all a new request is refused at once (temporarily_unavailable).
 */
import {randomBytes} from 'node:crypto';
import type {PendingApproval} from '../../domain/index.js';
import type {SharedApprovals, StoredDecision} from '../../store/postgres/shared-approvals.js';
import {codeRoom, type CodeRoom} from './code-store.js';

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

const storedDecision = (decision: Decision): StoredDecision => (decision.kind === 'timeout' ? {kind: 'timeout'} : decision);
const decisionOf = (stored: StoredDecision): Decision =>
  stored.kind === 'timeout' ? {kind: 'timeout'} : {kind: stored.kind, by: stored.by ?? 'unknown'};

export const APPROVAL_TIMEOUT_MS = 10 * 60_000;

/** A decided request whose browser has not come back is forgotten this long after its timeout. */
const FORGET_AFTER_MS = 10 * 60_000;
export interface ApprovalLimits {
  readonly perClient: number;
  readonly perAddress: number;
  readonly total: number;
}

/** An admin approves a handful at a time; the total keeps memory bounded. */
const DEFAULT_APPROVAL_LIMITS: ApprovalLimits = {perClient: 10, perAddress: 20, total: 1_000};

/** What makes two requests the same one: the later replaces the earlier. */
const sameRequest = (a: Omit<PendingApproval, 'id' | 'since'>, b: PendingApproval): boolean =>
  a.clientId === b.clientId && a.redirectUri === b.redirectUri && a.remote === b.remote;

export type ApprovalsListener = (pending: readonly PendingApproval[]) => void;

/**
 * On a data file the list is this server's; on a database (`shared`) it is every server's and
 * console's: this one holds a copy, written through to the database and read again from it on
 * each notice of another's change, and a decision or an answer counts only when the database
 * says it was the first (shared-approvals.ts).
 */
export class Approvals {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<ApprovalsListener>();
  private readonly timer: NodeJS.Timeout;
  /**
   * Requests made here whose row is being written: a reload meanwhile must not drop them, and a
   * decision waits for the row (a console may approve as soon as the request is listed).
   */
  private readonly adding = new Map<string, Promise<void>>();
  /** The last of this server's writes of new requests, in the order they were asked. */
  private writing: Promise<void> = Promise.resolve();
  private readonly stopWatch: () => void = () => undefined;
  private reloading: Promise<void> | undefined;
  /** The database's count of consoles under way: the pages asking meanwhile share it. */
  private counting: Promise<number | undefined> | undefined;
  /** Timeouts decided here being written to the database: the answer is taken only once written. */
  private readonly timingOut = new Map<string, Promise<unknown>>();

  constructor(
    private readonly now: () => Date,
    private readonly timeoutMs = APPROVAL_TIMEOUT_MS,
    private readonly limits: ApprovalLimits = DEFAULT_APPROVAL_LIMITS,
    private readonly shared?: SharedApprovals,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.timer = setInterval(() => this.expire(), Math.min(1_000, timeoutMs)).unref();
    if (shared) this.stopWatch = shared.watch(() => void this.catchUp());
  }

  /** undefined when a cap is reached (roomFor). */
  request(approval: Omit<PendingApproval, 'id' | 'since'>, query: URLSearchParams): PendingApproval | undefined {
    this.expire();
    const room = this.roomFor(approval);
    if (room.kind === 'full') return undefined;
    // The earlier page of the same request finds it gone ("start again"); the list shows the newest.
    if (room.replaces !== undefined) this.drop(room.replaces);
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
    if (this.shared) {
      const shared = this.shared;
      // One write after another: a request asked again replaces the row of the one before it, and
      // two writes under way at once could land in either order, leaving the older request listed.
      const written = this.writing
        .then(() => shared.add({approval: entry.approval, query: query.toString(), expiresAt: entry.expiresAt}))
        .catch(error => this.log(`a waiting request could not be shared with the other servers: ${String(error)}`))
        .finally(() => this.adding.delete(id));
      this.writing = written;
      this.adding.set(id, written);
    }
    this.notify();
    return entry.approval;
  }

  /**
   * Resolves once request `id` is in the shared list, so that the browser sent to wait for it may
   * come back to any server; at once without a database, or when its write failed (logged: it then
   * waits on this server only).
   */
  whenShared(id: string): Promise<void> {
    return this.adding.get(id) ?? Promise.resolve();
  }

  /**
   * May this request wait, and which waiting one it replaces: the caps' one decision (`codeRoom`),
   * where the "pair" is the same client, callback URL and address, of which one may wait.
   */
  private roomFor(approval: Omit<PendingApproval, 'id' | 'since'>): CodeRoom {
    let same: PendingApproval | undefined;
    let client = 0;
    let address = 0;
    const waiting = this.pending();
    for (const pending of waiting) {
      if (!same && sameRequest(approval, pending)) same = pending;
      if (pending.clientId === approval.clientId) client++;
      if (pending.remote === approval.remote) address++;
    }
    return codeRoom(
      {pair: same ? 1 : 0, pairOldest: same?.id, address, client, total: waiting.length},
      {perClientAddress: 1, ...this.limits},
    );
  }

  /** False when the request is unknown or decided already (on a database: by anyone, anywhere). */
  async decide(id: string, decision: Decision): Promise<boolean> {
    if (this.shared) {
      // Listed before its row was written (a request made here a moment ago): decided once written.
      await this.adding.get(id);
      const first = await this.shared.decide(id, storedDecision(decision));
      if (!first) {
        await this.catchUp();
        return false;
      }
    }
    return this.decideHere(id, decision) || this.shared !== undefined;
  }

  private decideHere(id: string, decision: Decision): boolean {
    const entry = this.entries.get(id);
    if (!entry || entry.decision) return false;
    entry.decision = decision;
    for (const wake of entry.waiters) wake();
    entry.waiters.clear();
    this.notify();
    return true;
  }

  /** Reads the shared list again (another server's request a browser came back with, another's decision); nothing on a data file. */
  catchUp(): Promise<void> {
    const shared = this.shared;
    if (!shared) return Promise.resolve();
    this.reloading ??= shared
      .load()
      .then(rows => this.takeIn(rows))
      .catch(error => this.log(`the waiting requests could not be read from the database: ${String(error)}`))
      .finally(() => (this.reloading = undefined));
    return this.reloading;
  }

  private takeIn(rows: Awaited<ReturnType<SharedApprovals['load']>>): void {
    let changed = false;
    const present = new Set<string>();
    for (const row of rows) {
      present.add(row.approval.id);
      const entry = this.entries.get(row.approval.id);
      if (!entry) {
        this.entries.set(row.approval.id, {
          approval: row.approval,
          query: new URLSearchParams(row.query),
          expiresAt: row.expiresAt,
          ...(row.decision ? {decision: decisionOf(row.decision)} : {}),
          waiters: new Set(),
        });
        changed = true;
      } else if (row.decision && !entry.decision) changed = this.decideHere(row.approval.id, decisionOf(row.decision)) || changed;
    }
    // Answered or replaced elsewhere: gone here too (its held page says so).
    for (const id of [...this.entries.keys()])
      if (!present.has(id) && !this.adding.has(id)) {
        this.drop(id);
        changed = true;
      }
    if (changed) this.notify();
  }

  get(id: string): {readonly approval: PendingApproval; readonly query: URLSearchParams; readonly decision?: Decision} | undefined {
    this.expire();
    return this.entries.get(id);
  }

  /** Takes a decided request for its answer, once (on a database: once across servers): one approval gives one code. */
  async take(id: string): Promise<boolean> {
    const here = this.entries.delete(id);
    if (!this.shared) return here;
    // Timed out here a moment ago (the browser came back at the expiry): only once the database has the decision.
    await this.timingOut.get(id);
    return this.shared.take(id);
  }

  /** A waiting request replaced by a newer one: forgotten, and its held page answered at once. */
  private drop(id: string): void {
    const entry = this.entries.get(id);
    this.entries.delete(id);
    for (const wake of entry?.waiters ?? []) wake();
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

  /** A console listening over the admin channel; the count tells the waiting page whether anyone can approve. */
  subscribe(listener: ApprovalsListener): () => void {
    this.listeners.add(listener);
    listener(this.pending());
    return () => this.listeners.delete(listener);
  }

  /**
   * The consoles that can approve now: on a data file, those following this server; on a
   * database, also those following the database from any machine, counted there by one query for
   * all the pages that ask meanwhile; undefined when the database cannot say.
   */
  async consoles(): Promise<number | undefined> {
    if (!this.shared) return this.listeners.size;
    this.counting ??= this.shared
      .consoles()
      .catch(() => undefined)
      .finally(() => (this.counting = undefined));
    const shared = await this.counting;
    return shared === undefined ? undefined : shared + this.listeners.size;
  }

  close(): void {
    clearInterval(this.timer);
    this.stopWatch();
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
        this.decideHere(id, {kind: 'timeout'});
        if (this.shared) {
          const written = this.shared
            .decide(id, {kind: 'timeout'})
            .catch(() => undefined)
            .finally(() => this.timingOut.delete(id));
          this.timingOut.set(id, written);
        }
        changed = true;
      }
      // A decided request whose browser never came back is forgotten after another timeout.
      if (entry.decision && entry.expiresAt + FORGET_AFTER_MS <= now) this.entries.delete(id);
    }
    if (changed) this.notify();
  }
}
