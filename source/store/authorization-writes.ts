/**
 * What the authorization server writes into the data file: a token issued, a token revoked, the
 * settings. Applied onto the file as it is at the moment of the save (never a conflict: each
 * write names one token), each with an audit entry whose actor says it came from automatic
 * authorization. Each write keeps the grid to the live automatic token and the last few
 * replaced ones (withoutStaleAutomaticTokens, in the domain); the audit log keeps them all.
 */
import {
  auditEntry,
  deactivateToken,
  issueAutomaticToken,
  shortenCredential,
  type AuditChange,
  type AuditEntry,
  type Database,
  type Settings,
  type ThirdParty,
} from '../domain/index.js';
import {thirdPartySchema} from './schema.js';

export type AuthorizationWrite =
  | {
      readonly kind: 'issue';
      readonly thirdPartyId: string;
      readonly token: {readonly id: string; readonly token: string};
      /** Issued to the console's automatic-authorization test: replaces nothing, revoked at the test's end. */
      readonly test: boolean;
      /** "alice@host" when an admin approved the request in the console. */
      readonly approvedBy?: string;
    }
  | {readonly kind: 'revoke'; readonly thirdPartyId: string; readonly tokenId: string; readonly why: string}
  | {readonly kind: 'settings'; readonly settings: Settings};

export type WriteResult = {readonly ok: true} | {readonly ok: false; readonly why: string};

/** Who gets test tokens (the console's Ctrl+T, Ctrl+P, and tpa test-authorization), as the history names it. */
const SELF_TEST = 'the automatic authorization self-test';

/** The event named in the history, as the console's live notice shows it. */
export const EVENT_FIELD = 'event';

const event = (text: string): AuditChange => ({field: EVENT_FIELD, old: null, new: text});

const refusal = (thirdParty: ThirdParty | undefined): string | undefined => {
  if (!thirdParty) return 'the third party was deleted';
  if (!thirdParty.enabled) return 'the third party is not Enabled';
  if (thirdParty.callbackUrl === null) return 'the third party has no callback URL (manual authorization)';
  return undefined;
};

export interface AppliedWrites {
  readonly database: Database;
  readonly entries: readonly AuditEntry[];
  readonly results: readonly WriteResult[];
  /** True when at least one write changed the file. */
  readonly changed: boolean;
}

export const applyAuthorizationWrites = (
  current: Database,
  writes: readonly AuthorizationWrite[],
  now: Date,
  actor: string,
): AppliedWrites => {
  const positions = new Map(current.thirdParties.map((thirdParty, index) => [thirdParty.id, index]));
  const thirdParties = [...current.thirdParties];
  let settings = current.settings;
  const entries: AuditEntry[] = [];
  const results: WriteResult[] = [];
  let changed = false;
  const replace = (before: ThirdParty, after: ThirdParty, extra: AuditChange[], who = actor) => {
    // Only the changed record is checked: the others were when they were read.
    const saved = thirdPartySchema.parse({...after, updatedAt: now.toISOString()});
    thirdParties[positions.get(before.id)!] = saved;
    entries.push(auditEntry({action: 'update', actor: who, time: now, before, after: saved, extra}));
    changed = true;
  };
  for (const write of writes) {
    if (write.kind === 'settings') {
      settings = {...settings, ...write.settings};
      changed = true;
      results.push({ok: true});
      continue;
    }
    const position = positions.get(write.thirdPartyId);
    const thirdParty = position === undefined ? undefined : thirdParties[position];
    if (write.kind === 'issue') {
      const why = refusal(thirdParty);
      if (why || !thirdParty) {
        results.push({ok: false, why: why ?? 'the third party was deleted'});
        continue;
      }
      const issued = issueAutomaticToken(thirdParty, write.token, now, write.test);
      const approved = write.approvedBy ? `, approved by ${write.approvedBy}` : '';
      const extra = [
        event(write.test ? `test token issued to ${SELF_TEST}${approved}` : `token issued by automatic authorization${approved}`),
        ...issued.replaced.map(old => event(`token ${shortenCredential(old.token)} replaced`)),
      ];
      replace(thirdParty, issued.thirdParty, extra);
      results.push({ok: true});
      continue;
    }
    const token = thirdParty?.tokens.find(candidate => candidate.id === write.tokenId);
    // Only the console's self-test gets a test token, and it gives it back at its end.
    if (thirdParty && token?.active)
      replace(thirdParty, deactivateToken(thirdParty, token.id), [
        event(token.test ? `test token revoked at the end of ${SELF_TEST}` : `token ${write.why}`),
      ]);
    // Revoking what is gone or already inactive is done already (RFC 7009 §2.2).
    results.push({ok: true});
  }
  if (!changed) return {database: current, entries, results, changed};
  return {
    database: {...current, revision: current.revision + 1, ...(settings ? {settings} : {}), thirdParties},
    entries,
    results,
    changed,
  };
};
