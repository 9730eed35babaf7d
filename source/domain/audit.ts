/**
 * The audit log's entries: who changed which third party, when, and what. One JSON line per save
 * or send, with exactly the keys of AuditEntry (other tools read them). Secrets and tokens appear
 * only in shortened form ("tpas_Xk3…9fQ2"), enough to tell them apart, never enough to use them.
 */
import {shortenCredential} from './credentials.js';
import type {OAuthToken, ThirdParty} from './types.js';

export type AuditAction = 'create' | 'update' | 'delete' | 'send';

/** A field's value; a token or a previous secret is a small object of such values. */
export type AuditScalar = string | boolean | null;
export type AuditValue = AuditScalar | {readonly [key: string]: AuditScalar};

export interface AuditChange {
  /** "name", "enabled", "clientSecret", "tokens" (a token added or removed), "tokens[tpat_Xk3…9fQ2].expiresAt", "sentTo", … */
  readonly field: string;
  readonly old: AuditValue;
  readonly new: AuditValue;
}

export interface AuditEntry {
  /** ISO 8601, UTC. */
  readonly time: string;
  /** "user@host". */
  readonly actor: string;
  readonly action: AuditAction;
  readonly thirdParty: {readonly id: string; readonly name: string};
  readonly changes: readonly AuditChange[];
}

const tokenValue = (token: OAuthToken): AuditValue => ({
  token: shortenCredential(token.token),
  createdAt: token.createdAt,
  expiresAt: token.expiresAt,
  active: token.active,
  ...(token.sentAt ? {sentAt: token.sentAt} : {}),
  ...(token.origin === 'automatic' ? {origin: 'automatic'} : {}),
  ...(token.test ? {test: true} : {}),
});

const previousSecretValue = (thirdParty: ThirdParty | undefined): AuditValue => {
  const previous = thirdParty?.previousClientSecret;
  return previous ? {secret: shortenCredential(previous.secret), validUntil: previous.validUntil} : null;
};

const same = (a: AuditValue, b: AuditValue): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * What differs between two versions of a third party; `before` undefined: created, `after`
 * undefined: deleted. Ids and the record's own timestamps are left out (the entry has the time).
 */
export const auditChanges = (before: ThirdParty | undefined, after: ThirdParty | undefined): AuditChange[] => {
  const changes: AuditChange[] = [];
  const compare = (field: string, old: AuditValue, next: AuditValue) => {
    if (!same(old, next)) changes.push({field, old, new: next});
  };
  const secret = (thirdParty: ThirdParty | undefined) => (thirdParty ? shortenCredential(thirdParty.clientSecret) : null);
  compare('name', before?.name ?? null, after?.name ?? null);
  compare('clientId', before?.clientId ?? null, after?.clientId ?? null);
  compare('clientSecret', secret(before), secret(after));
  compare('previousClientSecret', previousSecretValue(before), previousSecretValue(after));
  compare('enabled', before?.enabled ?? null, after?.enabled ?? null);
  compare('callbackUrl', before?.callbackUrl ?? null, after?.callbackUrl ?? null);
  compare('approval', before ? (before.approval ?? 'ask') : null, after ? (after.approval ?? 'ask') : null);

  const beforeTokens = new Map((before?.tokens ?? []).map(token => [token.id, token]));
  const afterIds = new Set((after?.tokens ?? []).map(token => token.id));
  for (const token of before?.tokens ?? []) {
    if (!afterIds.has(token.id)) changes.push({field: 'tokens', old: tokenValue(token), new: null});
  }
  for (const token of after?.tokens ?? []) {
    const old = beforeTokens.get(token.id);
    if (!old) {
      changes.push({field: 'tokens', old: null, new: tokenValue(token)});
      continue;
    }
    const prefix = `tokens[${shortenCredential(token.token)}]`;
    compare(`${prefix}.expiresAt`, old.expiresAt, token.expiresAt);
    compare(`${prefix}.active`, old.active, token.active);
    compare(`${prefix}.sentAt`, old.sentAt ?? null, token.sentAt ?? null);
  }
  return changes;
};

export interface AuditEvent {
  readonly action: AuditAction;
  readonly actor: string;
  readonly time: Date;
  readonly before: ThirdParty | undefined;
  readonly after: ThirdParty | undefined;
  /** Added after the field changes, e.g. where a sheet was sent. */
  readonly extra?: readonly AuditChange[];
}

export const auditEntry = ({action, actor, time, before, after, extra = []}: AuditEvent): AuditEntry => {
  const record = (after ?? before)!;
  return {
    time: time.toISOString(),
    actor,
    action,
    thirdParty: {id: record.id, name: record.name},
    changes: [...auditChanges(before, after), ...extra],
  };
};
