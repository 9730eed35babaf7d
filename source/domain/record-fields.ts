/**
 * A third party as the save pipeline merges it: field by field (ARCHITECTURE.md, "The save
 * pipeline"). Two writers that changed different fields of the same record both keep their
 * change; only the same field changed to different values on both sides is a conflict. A token
 * is its own set of fields (`tokens[<id>]` for the token itself, `tokens[<id>].active`, …), so
 * the server issuing a token and an admin renaming the third party, or two consoles changing two
 * tokens, merge. Pure: the file engine runs it under its lock, a database engine may run the same
 * rules in SQL.
 */
import type {OAuthToken, ThirdParty} from './types.js';

/**
 * "name", "enabled", "callbackUrl", … (a top-level field), "tokens[<token id>]" (the token's
 * presence and its fixed parts) or "tokens[<token id>].active" (one of a token's changeable
 * fields).
 */
export type FieldKey = string;

const TOP_FIELDS = ['name', 'clientId', 'clientSecret', 'previousClientSecret', 'enabled', 'callbackUrl', 'approval'] as const;
type TopField = (typeof TOP_FIELDS)[number];
const TOKEN_FIELDS = ['expiresAt', 'active', 'sentAt'] as const;
type TokenField = (typeof TOKEN_FIELDS)[number];

const tokenKey = (id: string): FieldKey => `tokens[${id}]`;
const tokenFieldKey = (id: string, field: TokenField): FieldKey => `${tokenKey(id)}.${field}`;

/** A field's value as compared: absent optional fields equal their meaning (no approval is "ask"). */
const topValue = (record: ThirdParty, field: TopField): unknown => {
  if (field === 'approval') return record.approval ?? 'ask';
  if (field === 'previousClientSecret') return record.previousClientSecret ?? null;
  return record[field];
};

const tokenIdentity = ({token, createdAt, origin, test}: OAuthToken): string =>
  JSON.stringify([token, createdAt, origin ?? 'manual', test ?? false]);
const tokenValue = (token: OAuthToken, field: TokenField): string => JSON.stringify(token[field] ?? null);

/** Every field of a record with its value as JSON text; a token's absent sentAt is null, an absent token has no keys. */
export const fieldValues = (record: ThirdParty): Map<FieldKey, string> => {
  const values = new Map<FieldKey, string>();
  for (const field of TOP_FIELDS) values.set(field, JSON.stringify(topValue(record, field)));
  for (const token of record.tokens) {
    values.set(tokenKey(token.id), tokenIdentity(token));
    for (const field of TOKEN_FIELDS) values.set(tokenFieldKey(token.id, field), tokenValue(token, field));
  }
  return values;
};

/** Every key of a token (added or removed: all of them differ). */
const tokenKeys = (id: string): FieldKey[] => [tokenKey(id), ...TOKEN_FIELDS.map(field => tokenFieldKey(id, field))];

/**
 * The fields whose values differ between two versions of a record (added and removed tokens
 * included): the keys where fieldValues differ, worked out without them, a token that is the same
 * object in both costing nothing (a server's save changes one token of a third party's many).
 */
export const changedFields = (before: ThirdParty, after: ThirdParty): FieldKey[] => {
  if (before === after) return [];
  const changed: FieldKey[] = TOP_FIELDS.filter(
    field => JSON.stringify(topValue(before, field)) !== JSON.stringify(topValue(after, field)),
  );
  const old = new Map(before.tokens.map(token => [token.id, token]));
  const present = new Set<string>();
  for (const token of after.tokens) {
    present.add(token.id);
    const was = old.get(token.id);
    if (was === token) continue;
    if (!was) {
      changed.push(...tokenKeys(token.id));
      continue;
    }
    if (tokenIdentity(was) !== tokenIdentity(token)) changed.push(tokenKey(token.id));
    for (const field of TOKEN_FIELDS) if (tokenValue(was, field) !== tokenValue(token, field)) changed.push(tokenFieldKey(token.id, field));
  }
  for (const token of before.tokens) if (!present.has(token.id)) changed.push(...tokenKeys(token.id));
  return changed;
};

export type FieldMergeResult =
  /** `theirs`: the fields the other writer changed that are kept, empty when they changed none. */
  | {readonly kind: 'merged'; readonly record: ThirdParty; readonly theirs: readonly FieldKey[]}
  | {readonly kind: 'conflict'; readonly fields: readonly FieldKey[]};

export interface FieldChange {
  /** The version the change was made on. */
  readonly base: ThirdParty;
  /** The record as the writer made it from `base`. */
  readonly record: ThirdParty;
  /** changedFields(base, record). */
  readonly fields: readonly FieldKey[];
  /** Fields the change relied on without changing them. */
  readonly reads: readonly FieldKey[];
}

const tokenIdOf = (key: FieldKey): string | undefined => /^tokens\[(.*?)\]/.exec(key)?.[1];

/** The record the change makes of `current` (as another writer left it), or the fields in conflict. */
export const mergeFields = (change: FieldChange, current: ThirdParty): FieldMergeResult => {
  const {base, record: mine} = change;
  if (current === base) return {kind: 'merged', record: mine, theirs: []};
  const theirs = new Set(changedFields(base, current));
  if (theirs.size === 0) return {kind: 'merged', record: mine, theirs: []};
  // Values are worked out only when both sides changed a field (every token of both records otherwise).
  const both = change.fields.filter(key => theirs.has(key));
  const mineValues = both.length > 0 ? fieldValues(mine) : undefined;
  const currentValues = both.length > 0 ? fieldValues(current) : undefined;
  const conflicts = [
    ...both.filter(key => mineValues?.get(key) !== currentValues?.get(key)),
    ...change.reads.filter(key => theirs.has(key)),
  ];
  if (conflicts.length > 0) return {kind: 'conflict', fields: [...new Set(conflicts)]};

  const merged: Record<string, unknown> = {...current, updatedAt: mine.updatedAt};
  const mineChanged = new Set(change.fields);
  for (const field of TOP_FIELDS) {
    if (!mineChanged.has(field)) continue;
    if (field in mine && mine[field] !== undefined) merged[field] = mine[field];
    else delete merged[field];
  }
  const mineTokens = new Map(mine.tokens.map(token => [token.id, token]));
  const baseIds = new Set(base.tokens.map(token => token.id));
  const kept: OAuthToken[] = [];
  for (const token of current.tokens) {
    const own = mineTokens.get(token.id);
    if (!baseIds.has(token.id) || !mineChanged.has(tokenKey(token.id))) {
      kept.push(own ? withFields(token, own, mineChanged) : token);
      continue;
    }
    // Removed here, and not changed there (else it was a conflict above).
  }
  const added = mine.tokens.filter(token => !baseIds.has(token.id));
  // New tokens first, newest first, as both writers add them (third-party.ts, automatic-authorization.ts).
  const fresh = [...added, ...kept.filter(token => !baseIds.has(token.id))].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  merged.tokens = [...fresh, ...kept.filter(token => baseIds.has(token.id))];
  return {kind: 'merged', record: merged as unknown as ThirdParty, theirs: [...theirs].filter(key => !mineChanged.has(key))};
};

/** Their token with this writer's changed fields of it applied. */
const withFields = (theirs: OAuthToken, mine: OAuthToken, changed: ReadonlySet<FieldKey>): OAuthToken => {
  const token: Record<string, unknown> = {...theirs};
  for (const field of TOKEN_FIELDS) {
    if (!changed.has(tokenFieldKey(mine.id, field))) continue;
    if (mine[field] === undefined) delete token[field];
    else token[field] = mine[field];
  }
  return token as unknown as OAuthToken;
};

const LABELS: Record<TopField, string> = {
  name: 'Name',
  clientId: 'Client ID',
  clientSecret: 'Client Secret',
  previousClientSecret: 'the previous Client Secret',
  enabled: 'Enabled',
  callbackUrl: 'Callback URL',
  approval: 'Approval',
};

/** The fields as the admin knows them, each once: "Name, Enabled, tokens". */
export const fieldLabels = (keys: readonly FieldKey[]): string[] => [
  ...new Set(keys.map(key => (tokenIdOf(key) === undefined ? (LABELS[key as TopField] ?? key) : 'tokens'))),
];
