/**
 * The data file as the console sees it: load once, save one third party at a time. The UI talks
 * to this interface only; it never touches the file system.
 */
import {Low} from 'lowdb';
import {
  auditEntry,
  emptyDatabase,
  hasErrors,
  indexNames,
  markTokenSent,
  normalizeCallbackUrl,
  validateThirdParty,
  withoutStoppedSecret,
  type AuditChange,
  type AuditEntry,
  type Database,
  type Environment,
  type FieldErrors,
  type ThirdParty,
} from '../domain/index.js';
import {appendAuditEntries, readAuditHistory} from './audit-log.js';
import {auditLogPath} from './data-file-paths.js';
import {JsonFileAdapter} from './json-file-adapter.js';
import {thirdPartySchema} from './schema.js';

export interface ThirdPartyStore {
  readonly file: string;
  /** The data as last read or saved. */
  readonly database: Database;
  /** Validates, then writes the whole file with this third party added or replaced. */
  saveThirdParty(thirdParty: ThirdParty): Promise<Database>;
  /** Writes the whole file without this third party. */
  deleteThirdParty(id: string): Promise<Database>;
  /** Records that the OAuth information with this token was sent (`sentTo`: "clipboard (OSC 52)", "file /path"). */
  recordSent(thirdPartyId: string, tokenId: string, sentTo: string): Promise<Database>;
  /** The newest audit entries about one third party, newest first. */
  readHistory(thirdPartyId: string, limit: number): Promise<AuditEntry[]>;
}

/** One change to the data file; every save is one of these. */
export type StoreChange =
  | {readonly kind: 'upsert'; readonly thirdParty: ThirdParty}
  | {readonly kind: 'delete'; readonly id: string}
  | {readonly kind: 'send'; readonly thirdPartyId: string; readonly tokenId: string; readonly sentTo: string};

/** The database after a change; throws InvalidThirdPartyError when the third party may not be saved. */
export const applyChange = (current: Database, change: StoreChange, now: Date): Database => {
  if (change.kind === 'delete') {
    return {...current, revision: current.revision + 1, thirdParties: current.thirdParties.filter(thirdParty => thirdParty.id !== change.id)};
  }
  if (change.kind === 'send') {
    const index = current.thirdParties.findIndex(candidate => candidate.id === change.thirdPartyId);
    const sent = current.thirdParties[index];
    if (!sent?.tokens.some(token => token.id === change.tokenId)) throw new Error('The third party or its token is no longer in the data file.');
    const thirdParty = {...markTokenSent(sent, change.tokenId, now), updatedAt: now.toISOString()};
    return {...current, revision: current.revision + 1, thirdParties: current.thirdParties.with(index, thirdPartySchema.parse(thirdParty))};
  }
  const changed = {...withoutStoppedSecret(normalizeThirdParty(change.thirdParty), now), updatedAt: now.toISOString()};
  const errors = validateThirdParty(changed, indexNames(current.thirdParties));
  if (hasErrors(errors)) throw new InvalidThirdPartyError(errors);
  // Only the changed record is checked against the schema: the others were when they were read or saved.
  const thirdParty = thirdPartySchema.parse(changed);
  const index = current.thirdParties.findIndex(candidate => candidate.id === thirdParty.id);
  const thirdParties = index === -1 ? [...current.thirdParties, thirdParty] : current.thirdParties.with(index, thirdParty);
  return {...current, revision: current.revision + 1, thirdParties};
};

/** The store refused to write because fields are invalid; nothing was written. */
export class InvalidThirdPartyError extends Error {
  constructor(readonly errors: FieldErrors) {
    super(Object.values(errors).join(' '));
    this.name = 'InvalidThirdPartyError';
  }
}

/** What the form holds, as it is stored: name trimmed, empty callback URL as null. */
export const normalizeThirdParty = (thirdParty: ThirdParty): ThirdParty => ({
  ...thirdParty,
  name: thirdParty.name.trim(),
  callbackUrl: normalizeCallbackUrl(thirdParty.callbackUrl),
});

/** The change was written, but its audit entry was not: the data is saved, the history lacks it. */
export class AuditLogError extends Error {
  constructor(
    readonly database: Database,
    cause: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? (cause instanceof Error ? cause.message : String(cause));
    super(`Saved, but the audit log could not be written (${code}).`);
    this.name = 'AuditLogError';
  }
}

/** The audit entry of a change that was written; undefined when it touched nothing. */
const auditEntryOf = (change: StoreChange, current: Database, next: Database, actor: string, now: Date): AuditEntry | undefined => {
  const id = change.kind === 'upsert' ? change.thirdParty.id : change.kind === 'delete' ? change.id : change.thirdPartyId;
  const before = current.thirdParties.find(thirdParty => thirdParty.id === id);
  const after = next.thirdParties.find(thirdParty => thirdParty.id === id);
  if (!before && !after) return undefined;
  const action = change.kind === 'upsert' ? (before ? 'update' : 'create') : change.kind;
  const extra: AuditChange[] = change.kind === 'send' ? [{field: 'sentTo', old: null, new: change.sentTo}] : [];
  return auditEntry({action, actor, time: now, before, after, extra});
};

export interface StoreOptions {
  /** "user@host", written into the audit log with each change. */
  readonly actor?: string;
}

/** Throws DataFileError when the file exists but is not a valid data file; a missing file is empty data. */
export const openThirdPartyStore = async (file: string, env: Pick<Environment, 'now'>, options: StoreOptions = {}): Promise<ThirdPartyStore> => {
  const low = new Low<Database>(new JsonFileAdapter(file), emptyDatabase());
  await low.read();
  const actor = options.actor ?? 'unknown';
  const auditLog = auditLogPath(file);

  const save = async (change: StoreChange): Promise<Database> => {
    const current = low.data;
    const now = env.now();
    const next = applyChange(current, change, now);
    low.data = next;
    try {
      await low.write();
    } catch (error) {
      low.data = current;
      throw error;
    }
    const entry = auditEntryOf(change, current, next, actor, now);
    try {
      if (entry) await appendAuditEntries(auditLog, [entry]);
    } catch (error) {
      throw new AuditLogError(next, error);
    }
    return next;
  };

  return {
    file,
    get database() {
      return low.data;
    },
    saveThirdParty: thirdParty => save({kind: 'upsert', thirdParty}),
    deleteThirdParty: id => save({kind: 'delete', id}),
    recordSent: (thirdPartyId, tokenId, sentTo) => save({kind: 'send', thirdPartyId, tokenId, sentTo}),
    readHistory: (thirdPartyId, limit) => readAuditHistory(auditLog, thirdPartyId, limit),
  };
};
