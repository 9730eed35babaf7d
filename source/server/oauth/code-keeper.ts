/**
 * Where authorization codes are kept between the authorization request and the token request,
 * and what is remembered of a used one (RFC 6749 §4.1.2: a code presented twice revokes the
 * token it gave). On a data file, in this server's memory (one server per file: ARCHITECTURE.md,
 * "The authorization server"); on a database, in its table, shared by every server (postgres-codes.ts), so
 * a code issued by one server is redeemed at another, once.
 */
import type {CodeRoom} from './code-store.js';
import {CodeStore, DEFAULT_CODE_LIMITS, type CodeLimits} from './code-store.js';

/** Who approved the request and why: the library's "user" of a code. */
export interface Grant {
  readonly thirdPartyId: string;
  /** The address the authorization request came from: codes are capped per address too (code-store.ts). */
  readonly address: string;
  readonly approvedBy?: string;
  readonly test: boolean;
}

/** A code as the library made it (the client by its id). */
export interface KeptCode {
  readonly authorizationCode: string;
  readonly expiresAt: Date;
  readonly redirectUri: string;
  readonly scope?: string[] | undefined;
  readonly codeChallenge?: string | undefined;
  readonly codeChallengeMethod?: string | undefined;
  readonly clientId: string;
  readonly grant: Grant;
}

export type Presented =
  | {readonly kind: 'live'; readonly code: KeptCode}
  /** Used already: its token (when saved) is to be revoked; marked, so that a token saved later is too. */
  | {readonly kind: 'reused'; readonly thirdPartyId: string; readonly tokenId: string | undefined}
  | {readonly kind: 'unknown'};

export interface CodeKeeper {
  /** Keeps the code as the caps decide (code-store.ts `codeRoom`); `full` names the cap and keeps nothing. */
  keep(code: KeptCode, nowMs: number): Promise<CodeRoom>;
  /** What a presented code is. */
  present(code: string): Promise<Presented>;
  /** Takes the live code for its one use: false when it was used already (here or, on a database, by another server). */
  use(code: KeptCode, nowMs: number): Promise<boolean>;
  /** The token the code's use gave; true when the code was presented again meanwhile (then revoke it). */
  gave(code: string, tokenId: string): Promise<boolean>;
}

/** Used codes are remembered this long, to revoke the token of a code presented twice (RFC 6749 §4.1.2). */
export const USED_CODE_MEMORY_MS = 10 * 60_000;

interface UsedCode {
  readonly thirdPartyId: string;
  readonly usedAt: number;
  tokenId?: string;
  /** Presented again before its token was saved: the token is revoked as soon as it is. */
  reused: boolean;
}

/** In this server's memory: the live codes capped (code-store.ts), the used ones for ten minutes. */
export const memoryCodeKeeper = (limits: CodeLimits = DEFAULT_CODE_LIMITS): CodeKeeper => {
  const codes = new CodeStore<KeptCode>(limits);
  const used = new Map<string, UsedCode>();
  const forgetUsed = (nowMs: number) => {
    // In the order used: the first one still remembered ends the sweep.
    for (const [code, entry] of used) {
      if (nowMs - entry.usedAt <= USED_CODE_MEMORY_MS) return;
      used.delete(code);
    }
  };
  return {
    keep: async (code, nowMs) =>
      codes.add(code.authorizationCode, code, code.clientId, code.grant.address, code.expiresAt.getTime(), nowMs),
    present: async code => {
      const reused = used.get(code);
      if (reused) {
        reused.reused = true;
        return {kind: 'reused', thirdPartyId: reused.thirdPartyId, tokenId: reused.tokenId};
      }
      const live = codes.get(code);
      return live ? {kind: 'live', code: live} : {kind: 'unknown'};
    },
    use: async (code, nowMs) => {
      const live = codes.delete(code.authorizationCode);
      forgetUsed(nowMs);
      if (live) used.set(code.authorizationCode, {thirdPartyId: code.grant.thirdPartyId, usedAt: nowMs, reused: false});
      return live;
    },
    gave: async (code, tokenId) => {
      const entry = used.get(code);
      if (!entry) return false;
      entry.tokenId = tokenId;
      return entry.reused;
    },
  };
};
