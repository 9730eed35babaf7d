/**
 * The data file as the console sees it: load once, save one third party at a time. The UI talks
 * to this interface only; it never touches the file system.
 *
 * Other consoles (and the server) may save the same file meanwhile. Each save therefore takes a
 * short lock, reads the file again and compares it with what this console last read: when only
 * other third parties changed, this change is applied onto theirs (a merge); when the same one
 * changed, nothing is written and the caller is told who changed it (a conflict).
 *
 * lowdb's Low holds the data as this console last read or wrote it, and every load and write
 * goes through its read/write cycle over our adapter (JsonFileAdapter: strict, bounded reading
 * and the safe atomic write). The save's second read, to compare with what another console may
 * have written, asks the adapter directly: it must not replace this console's data unless the
 * save goes through. ARCHITECTURE.md, "The store", has the whole save pipeline.
 */
import {stat} from 'node:fs/promises';
import path from 'node:path';
import {Low} from 'lowdb';
import {
  auditEntry,
  emptyDatabase,
  hasErrors,
  indexNames,
  markTokenSent,
  normalizeCallbackUrl,
  SCHEMA_VERSION,
  summaryOf,
  validateThirdParty,
  withoutStoppedSecret,
  type AuditChange,
  type AuditEntry,
  type Database,
  type Environment,
  type FieldErrors,
  type RecordChange,
  type RecoveredChanges,
  type SaveOutcome,
  type Settings,
  type ThirdParty,
  type ThirdPartyStore,
} from '../domain/index.js';

export type {ThirdPartyStore};
import {appendAuditEntries, readAuditHistory} from './audit-log.js';
import {keepBackup, keepSchema1Copy} from './backup.js';
import {wasUpgraded} from './parse-database.js';
import {auditLogPath, conflictCopyPath} from './data-file-paths.js';
import {permissionProblem} from './file-permissions.js';
import {fileFingerprint, JsonFileAdapter} from './json-file-adapter.js';
import {entryOfChange, lastChangeOf, type ChangeSeen} from './last-change.js';
import {readRecovery, removeRecovery, sameContent} from './recovery-file.js';
import {acquireSaveLock, withSaveLock} from './save-lock.js';
import {writePrivateFileSafely} from './safe-file.js';
import {thirdPartySchema} from './schema.js';
import {recordText} from './record-text.js';
import {removeTempFiles} from './temp-files.js';

/** One change to the data file; every save is one of these. */
export type StoreChange =
  | {readonly kind: 'upsert'; readonly thirdParty: ThirdParty}
  | {readonly kind: 'delete'; readonly id: string}
  | {readonly kind: 'send'; readonly thirdPartyId: string; readonly tokenId: string | undefined; readonly sentTo: string}
  | {readonly kind: 'settings'; readonly settings: Settings};

/** The database after a change; throws InvalidThirdPartyError when the third party may not be saved. */
export const applyChange = (current: Database, change: StoreChange, now: Date): Database => {
  if (change.kind === 'settings') return {...current, revision: current.revision + 1, settings: change.settings};
  if (change.kind === 'delete') {
    return {
      ...current,
      revision: current.revision + 1,
      thirdParties: current.thirdParties.filter(thirdParty => thirdParty.id !== change.id),
    };
  }
  if (change.kind === 'send') {
    const index = current.thirdParties.findIndex(candidate => candidate.id === change.thirdPartyId);
    const sent = current.thirdParties[index];
    // Without a token (a callback URL's sheet has the flow only) the send is recorded in the audit log alone.
    if (!sent || (change.tokenId !== undefined && !sent.tokens.some(token => token.id === change.tokenId)))
      throw new Error('The third party or its token is no longer in the data file.');
    const marked = change.tokenId === undefined ? sent : markTokenSent(sent, change.tokenId, now);
    const thirdParty = {...marked, updatedAt: now.toISOString()};
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
    /** Third parties another console changed meanwhile, merged into what was written. */
    readonly merged: readonly string[] = [],
  ) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? (cause instanceof Error ? cause.message : String(cause));
    super(`Saved, but the audit log could not be written (${code}).`);
    this.name = 'AuditLogError';
  }
}

/** The third party a change is about. */
const changeId = (change: StoreChange): string =>
  change.kind === 'upsert'
    ? change.thirdParty.id
    : change.kind === 'delete'
      ? change.id
      : change.kind === 'settings'
        ? '' // about no third party: never a conflict
        : change.thirdPartyId;

/** The audit entry of a change that was written; undefined when it touched nothing. */
const auditEntryOf = (change: StoreChange, current: Database, next: Database, actor: string, now: Date): AuditEntry | undefined => {
  const id = changeId(change);
  const before = current.thirdParties.find(thirdParty => thirdParty.id === id);
  const after = next.thirdParties.find(thirdParty => thirdParty.id === id);
  if (!before && !after) return undefined;
  if (change.kind === 'settings') return undefined;
  const action = change.kind === 'upsert' ? (before ? 'update' : 'create') : change.kind;
  const extra: AuditChange[] = change.kind === 'send' ? [{field: 'sentTo', old: null, new: change.sentTo}] : [];
  return auditEntry({action, actor, time: now, before, after, extra});
};

export interface StoreOptions {
  /**
   * "user@host", written into the audit log with each change; a function is called at the first
   * change, once (the user's name can take a directory service's time: not before the first frame).
   */
  readonly actor?: string | (() => string);
}

interface FoundChange {
  readonly id: string;
  readonly name: string;
  readonly kind: RecordChange['kind'];
  /** What the audit entry of this change must match (last-change.ts). */
  readonly seen: ChangeSeen;
}

/** The third parties that differ between what this console last read and the file now: those in the file first, in its order, then the deleted ones. */
const foundChanges = (before: ReadonlyMap<string, ThirdParty>, after: Database): FoundChange[] => {
  const found: FoundChange[] = [];
  const present = new Set<string>();
  for (const thirdParty of after.thirdParties) {
    present.add(thirdParty.id);
    const known = before.get(thirdParty.id);
    const seen = {updatedAt: thirdParty.updatedAt};
    if (!known) found.push({id: thirdParty.id, name: thirdParty.name, kind: 'added', seen});
    else if (known !== thirdParty && recordText(known) !== recordText(thirdParty))
      found.push({id: thirdParty.id, name: thirdParty.name, kind: 'changed', seen});
  }
  for (const [id, known] of before)
    if (!present.has(id)) found.push({id, name: known.name, kind: 'deleted', seen: {deletedAfter: known.updatedAt}});
  return found;
};

/** Ids of the third parties that differ between what this console last read and the file now, and their names. */
const differences = (before: ReadonlyMap<string, ThirdParty>, after: Database): {ids: Set<string>; names: string[]} => {
  const found = foundChanges(before, after);
  return {ids: new Set(found.map(change => change.id)), names: found.map(change => change.name)};
};

/** At most this many changed records are described from the audit log; more are counted only (a storm of 5,000). */
const DESCRIBED_CHANGES = 20;

/** The records that differ between what this console knew and the file now, each with what the audit log says of it. */
const recordChanges = async (before: ReadonlyMap<string, ThirdParty>, after: Database, dataFile: string): Promise<RecordChange[]> => {
  const found = foundChanges(before, after);
  const changes: RecordChange[] = [];
  for (const [index, {seen, ...change}] of found.entries()) {
    const entry = index < DESCRIBED_CHANGES ? await entryOfChange(dataFile, change.id, seen) : undefined;
    changes.push({...change, summary: summaryOf(change.name, change.kind, entry)});
  }
  return changes;
};

/** Throws DataFileError when the file exists but is not a valid data file; a missing file is empty data. */
export const openThirdPartyStore = async (
  file: string,
  env: Pick<Environment, 'now'>,
  options: StoreOptions = {},
): Promise<ThirdPartyStore> => {
  const adapter = new JsonFileAdapter(file);
  const low = new Low<Database>(adapter, emptyDatabase());
  // Taken before the read: a change made after it only makes the first save read the file again.
  const fingerprintBeforeRead = await fileFingerprint(file);
  await low.read();
  const {actor: actorOption} = options;
  let actorName: string | undefined;
  const actor = () => (actorName ??= typeof actorOption === 'function' ? actorOption() : (actorOption ?? 'unknown'));
  const auditLog = auditLogPath(file);

  // What this console last read or wrote: the base a save compares the file with.
  let base = low.data;
  // The records as this console knows them (references, no copies), and the file's identity when
  // it was read or written: a save whose file still has that identity skips reading it again.
  let baseById = new Map(base.thirdParties.map(thirdParty => [thirdParty.id, thirdParty]));
  let baseFingerprint: string | undefined = fingerprintBeforeRead;
  // Whether the file existed when this console last read or wrote it: if it is gone at a save, it was deleted.
  let baseExisted = fingerprintBeforeRead !== undefined;
  /** `fingerprint` undefined with `existed`: the file is there, but the next save must read it again. */
  const adopt = (fingerprint: string | undefined, existed = fingerprint !== undefined) => {
    base = low.data;
    baseById = new Map(base.thirdParties.map(thirdParty => [thirdParty.id, thirdParty]));
    baseFingerprint = fingerprint;
    baseExisted = existed;
  };

  // Temp files of a save that was killed: removed now if no save is running (else by the next save).
  // A folder not made yet holds none, and is left for the first save to make.
  const hasFolder = await stat(path.dirname(file)).then(
    () => true,
    () => false,
  );
  const lock = hasFolder ? await acquireSaveLock(file, {wait: false}).catch(() => undefined) : undefined;
  if (lock) {
    try {
      await removeTempFiles(file);
    } finally {
      await lock.release();
    }
  }

  const warnings: string[] = [];
  const permission = await permissionProblem(file);
  if (permission) warnings.push(permission);

  let recovered: RecoveredChanges | undefined;
  const recovery = readRecovery(file);
  if (recovery.kind === 'unreadable') warnings.push(`Unsaved changes could not be restored: ${recovery.problem}`);
  if (recovery.kind === 'found') {
    const {thirdParty, original} = recovery.changes;
    const saved = base.thirdParties.find(candidate => candidate.id === thirdParty.id) ?? null;
    // Saved after all (the signal came during the save): nothing to offer.
    if (sameContent(saved, normalizeThirdParty(thirdParty))) await removeRecovery(file);
    else recovered = {...recovery.changes, changedSince: !sameContent(saved, original)};
  }

  // One save at a time from this process; other processes are kept out by the lock.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const save = (change: StoreChange, options: {rewriteDeleted?: boolean} = {}): Promise<SaveOutcome> =>
    serially(() =>
      withSaveLock(file, async lock => {
        await removeTempFiles(file);
        // Read and compare the file again only when someone else may have written it since.
        const fingerprint = await fileFingerprint(file);
        const id = changeId(change);
        // The file this console read is gone: writing only what the file holds now (nothing)
        // plus this change would lose every other record. The admin decides.
        if (fingerprint === undefined && baseExisted && !options.rewriteDeleted) {
          const mine = change.kind === 'upsert' ? normalizeThirdParty(change.thirdParty) : baseById.get(id);
          if (mine) {
            const at = new Date();
            return {
              kind: 'conflict',
              conflict: {
                thirdPartyId: id,
                mine,
                theirs: undefined,
                changedBy: {actor: undefined, at, action: undefined},
                fileDeleted: true,
              },
            };
          }
        }
        const unchanged = fingerprint !== undefined && fingerprint === baseFingerprint;
        const rewriting = fingerprint === undefined && options.rewriteDeleted === true;
        const theirs = unchanged || rewriting ? base : ((await adapter.readComparing(baseById)) ?? emptyDatabase());
        const changed = unchanged || rewriting ? {ids: new Set<string>(), names: []} : differences(baseById, theirs);
        const theirsNow = theirs.thirdParties.find(thirdParty => thirdParty.id === id);
        // Deleting what another console deleted too is no conflict: the result is the same. A send
        // only marks a token as sent: it goes onto their version while the token is there.
        if (changed.ids.has(id) && change.kind !== 'send' && !(change.kind === 'delete' && !theirsNow)) {
          const mine =
            change.kind === 'upsert' ? normalizeThirdParty(change.thirdParty) : base.thirdParties.find(thirdParty => thirdParty.id === id)!;
          const changedBy = await lastChangeOf(file, id, theirsNow ? {updatedAt: theirsNow.updatedAt} : {deletedAfter: mine.updatedAt});
          return {kind: 'conflict', conflict: {thirdPartyId: id, mine, theirs: theirsNow, changedBy}};
        }
        // The revision only goes up, even over a file restored from its backup.
        const current = {...theirs, revision: Math.max(theirs.revision, base.revision)};
        const now = env.now();
        const next = applyChange(current, change, now);
        // Nothing is replaced unless the lock is still this save's (checked again just before the rename).
        await lock.assertHeld();
        // The backup is the file as it was, byte for byte.
        if (fingerprint !== undefined) {
          await keepBackup(file);
          if (wasUpgraded(theirs)) await keepSchema1Copy(file);
        }
        low.data = next;
        adapter.nextWrite = {beforeRename: () => lock.assertHeld()};
        try {
          await low.write();
        } catch (error) {
          low.data = base;
          throw error;
        }
        adopt(await fileFingerprint(file));
        const entry = auditEntryOf(change, current, next, actor(), now);
        try {
          if (entry) await appendAuditEntries(auditLog, [entry]);
        } catch (error) {
          throw new AuditLogError(next, error, changed.names);
        }
        return {kind: 'saved', database: next, merged: changed.names};
      }),
    );

  return {
    file,
    get database() {
      return low.data;
    },
    saveThirdParty: thirdParty => save({kind: 'upsert', thirdParty}),
    recordSent: async (thirdPartyId, tokenId, sentTo) => {
      const outcome = await save({kind: 'send', thirdPartyId, tokenId, sentTo});
      if (outcome.kind !== 'saved') throw new Error('The third party was changed meanwhile; nothing was recorded.');
      return outcome.database;
    },
    readHistory: (thirdPartyId, limit) => readAuditHistory(auditLog, thirdPartyId, limit),
    deleteThirdParty: id => save({kind: 'delete', id}),
    refresh: editing =>
      serially(async () => {
        const fingerprint = await fileFingerprint(file);
        if (fingerprint === undefined || fingerprint === baseFingerprint) return undefined;
        // Records equal to known ones come back as the known objects, not checked again (parse-database.ts).
        const read = (await adapter.readComparing(baseById)) ?? emptyDatabase();
        const changes = await recordChanges(baseById, read, file);
        // Unchanged records stay the same objects: the console's per-record caches (name keys, texts) keep working.
        const changedIds = new Set(changes.map(change => change.id));
        const theirs: Database = {
          ...read,
          thirdParties: read.thirdParties.map(thirdParty =>
            changedIds.has(thirdParty.id) ? thirdParty : (baseById.get(thirdParty.id) ?? thirdParty),
          ),
        };
        const kept = [...editing].flatMap(id => {
          const known = baseById.get(id);
          return known && changedIds.has(id) ? [known] : [];
        });
        low.data = theirs;
        adopt(kept.length > 0 ? undefined : fingerprint, true);
        // An edited record keeps the version its edits were made on: its save is compared with the file, as before.
        for (const known of kept) baseById.set(known.id, known);
        return {database: theirs, changes};
      }),
    saveSettings: async settings => {
      const outcome = await save({kind: 'settings', settings});
      if (outcome.kind !== 'saved') throw new Error('The settings could not be saved.');
      return outcome.database;
    },
    reload: () =>
      serially(async () => {
        const fingerprint = await fileFingerprint(file);
        // Low.read keeps the data it has when the adapter finds no file: a file gone is empty data here.
        const previous = low.data;
        low.data = emptyDatabase();
        try {
          await low.read();
        } catch (error) {
          low.data = previous;
          throw error;
        }
        adopt(fingerprint);
        return low.data;
      }),
    keepCopy: async (thirdParty, withAll = false) => {
      const copy = conflictCopyPath(file, env.now());
      // withAll: this console's records with this version applied, as a data file of their own (after the file was deleted).
      const database: Database = withAll
        ? {...applyChange(base, {kind: 'upsert', thirdParty}, env.now()), revision: 1}
        : {schema: SCHEMA_VERSION, revision: 1, thirdParties: [normalizeThirdParty(thirdParty)]};
      await writePrivateFileSafely(copy, `${JSON.stringify(database, null, 2)}\n`);
      return copy;
    },
    rewriteDeletedFile: thirdParty => save({kind: 'upsert', thirdParty}, {rewriteDeleted: true}),
    warnings,
    get recovered() {
      return recovered;
    },
    settleRecovery: async restored => {
      if (restored && recovered) {
        const {thirdParty, original} = recovered;
        if (original) baseById.set(thirdParty.id, original);
        else baseById.delete(thirdParty.id);
        // The next save compares the file with the record the changes were made on.
        baseFingerprint = undefined;
      }
      recovered = undefined;
      await removeRecovery(file);
    },
  };
};
