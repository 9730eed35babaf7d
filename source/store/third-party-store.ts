/**
 * The data as the console sees it (the ThirdPartyStore interface of domain/third-party-store.ts):
 * the one save pipeline (pipeline/save-pipeline.ts) over the file engine, plus what belongs to
 * the console's session on this machine: the recovery file of unsaved edits, "keep my version"
 * copies beside the data file, the warnings at start. ARCHITECTURE.md, "The store".
 */
import {
  SCHEMA_VERSION,
  type Database,
  type Environment,
  type RecoveredChanges,
  type ThirdParty,
  type ThirdPartyStore,
} from '../domain/index.js';
import {conflictCopyPath} from './data-file-paths.js';
import {openFileEngine} from './file-engine/file-engine.js';
import {permissionProblem} from './file-permissions.js';
import {describedChanges} from './pipeline/changes.js';
import {sendInstruction} from './pipeline/instructions.js';
import {normalizeThirdParty} from './pipeline/record-writes.js';
import {createSavePipeline, type SavePipeline} from './pipeline/save-pipeline.js';
import {readRecovery, removeRecovery, sameContent} from './recovery-file.js';
import {writePrivateFileSafely} from './safe-file.js';

export type {ThirdPartyStore};

export interface StoreOptions {
  /**
   * "user@host", written into the audit log with each change; a function is called at the first
   * change, once (the user's name can take a directory service's time: not before the first frame).
   */
  readonly actor?: string | (() => string);
  /** Bursts of changes within this are one call of a watch. */
  readonly debounceMs?: number;
}

/** The pipeline over the data file: what the console, the commands and the server save through. Throws DataFileError for a file that cannot be used. */
export const openFilePipeline = async (file: string, env: Pick<Environment, 'now'>, options: StoreOptions = {}): Promise<SavePipeline> => {
  const engine = await openFileEngine(file, options.debounceMs === undefined ? {} : {debounceMs: options.debounceMs});
  const {actor} = options;
  return createSavePipeline(engine, await engine.read(), {
    actor: () => (typeof actor === 'function' ? actor() : (actor ?? 'unknown')),
    now: env.now,
  });
};

/** This version of a third party in the data, added or replaced. */
const withRecord = (database: Database, thirdParty: ThirdParty): ThirdParty[] => {
  const index = database.thirdParties.findIndex(candidate => candidate.id === thirdParty.id);
  return index === -1 ? [...database.thirdParties, thirdParty] : database.thirdParties.with(index, thirdParty);
};

/** Throws DataFileError when the file exists but is not a valid data file; a missing file is empty data. */
export const openThirdPartyStore = async (
  file: string,
  env: Pick<Environment, 'now'>,
  options: StoreOptions = {},
): Promise<ThirdPartyStore> => {
  const pipeline = await openFilePipeline(file, env, options);
  const {engine} = pipeline;

  const warnings: string[] = [];
  const permission = await permissionProblem(file);
  if (permission) warnings.push(permission);

  let recovered: RecoveredChanges | undefined;
  const recovery = readRecovery(file);
  if (recovery.kind === 'unreadable') warnings.push(`Unsaved changes could not be restored: ${recovery.problem}`);
  if (recovery.kind === 'found') {
    const {thirdParty, original} = recovery.changes;
    const saved = pipeline.snapshot.base(thirdParty.id)?.record ?? null;
    // Saved after all (the signal came during the save): nothing to offer.
    if (sameContent(saved, normalizeThirdParty(thirdParty))) await removeRecovery(file);
    else recovered = {...recovery.changes, changedSince: !sameContent(saved, original)};
  }

  return {
    file,
    get database() {
      return pipeline.snapshot.database;
    },
    saveThirdParty: thirdParty => pipeline.save({kind: 'upsert', thirdParty}),
    deleteThirdParty: id => pipeline.save({kind: 'delete', id}),
    recordSent: async (thirdPartyId, tokenId, sentTo) => (await pipeline.instruct([sendInstruction(thirdPartyId, tokenId, sentTo)]))[0]!,
    readHistory: (thirdPartyId, limit) => engine.readHistory(thirdPartyId, limit),
    reload: () => pipeline.reload(),
    refresh: async editing => {
      const refreshed = await pipeline.refresh(editing);
      if (!refreshed) return undefined;
      const changes = await describedChanges(refreshed.before, refreshed.after, (id, seen) => engine.entryOfChange(id, seen));
      return {database: refreshed.after, changes};
    },
    watch: onChange => engine.watch(onChange),
    saveSettings: settings => pipeline.save({kind: 'settings', settings}),
    keepCopy: async (thirdParty, withAll = false) => {
      const copy = conflictCopyPath(file, env.now());
      const mine = normalizeThirdParty(thirdParty);
      // withAll: this console's records with this version, as a data file of its own (after the file was deleted).
      const database: Database = withAll
        ? {...pipeline.snapshot.database, revision: 1, thirdParties: withRecord(pipeline.snapshot.database, mine)}
        : {schema: SCHEMA_VERSION, revision: 1, thirdParties: [mine]};
      await writePrivateFileSafely(copy, `${JSON.stringify(database, null, 2)}\n`);
      return copy;
    },
    rewriteDeletedFile: thirdParty => pipeline.save({kind: 'upsert', thirdParty}, {recreate: true}),
    warnings,
    get recovered() {
      return recovered;
    },
    settleRecovery: async restored => {
      // Restored changes are compared, when saved, with the record they were made on.
      if (restored && recovered) pipeline.setBase(recovered.thirdParty.id, recovered.original);
      recovered = undefined;
      await removeRecovery(file);
    },
  };
};
