/**
 * The data as the console sees it (the ThirdPartyStore interface of domain/third-party-store.ts):
 * the one save pipeline (pipeline/save-pipeline.ts) over the file engine, plus what belongs to
 * the console's session on this machine: the recovery file of unsaved edits, "keep my version"
 * copies beside the data file, the warnings at start. ARCHITECTURE.md, "The save pipeline".
 */
import {
  SCHEMA_VERSION,
  type DataConnectionState,
  type Database,
  type Environment,
  type RecoveredChanges,
  type ThirdParty,
  type ThirdPartyStore,
} from '../domain/index.js';
import {conflictCopyPath} from './data-file-paths.js';
import {permissionProblem} from './file-permissions.js';
import {describedChanges} from './pipeline/changes.js';
import {sendInstruction} from './pipeline/instructions.js';
import {normalizeThirdParty} from './pipeline/record-writes.js';
import type {SavePipeline} from './pipeline/save-pipeline.js';
import {describeLocation, type DataLocation} from './data-location.js';
import {localFileOf, openPipeline, stateFolder, type PipelineOpenOptions} from './open-pipeline.js';
import {isPostgresEngine} from './postgres/is-postgres-engine.js';
import {readRecovery, removeRecovery, sameContent} from './recovery-file.js';
import {writePrivateFileSafely} from './safe-file.js';

export type {ThirdPartyStore};

export interface StoreOptions extends PipelineOpenOptions {
  /** For a database: the path whose neighbours hold the recovery file and "keep mine" copies (open-pipeline.ts, localFileOf). */
  readonly localFile?: string;
}

/** The pipeline over the data file: what the console, the commands and the server save through. Throws DataFileError for a file that cannot be used. */
export const openFilePipeline = (file: string, env: Pick<Environment, 'now'>, options: StoreOptions = {}): Promise<SavePipeline> =>
  openPipeline({kind: 'file', path: file}, env, options);

/** This version of a third party in the data, added or replaced. */
const withRecord = (database: Database, thirdParty: ThirdParty): ThirdParty[] => {
  const index = database.thirdParties.findIndex(candidate => candidate.id === thirdParty.id);
  return index === -1 ? [...database.thirdParties, thirdParty] : database.thirdParties.with(index, thirdParty);
};

/**
 * The console's store on a data file (a path) or any location. Throws DataFileError when the data
 * cannot be used (a file that is not a valid data file; a database unreachable or of another
 * schema); a missing file is empty data.
 */
export const openThirdPartyStore = async (
  where: string | DataLocation,
  env: Pick<Environment, 'now'>,
  options: StoreOptions = {},
): Promise<ThirdPartyStore> => {
  const location: DataLocation = typeof where === 'string' ? {kind: 'file', path: where} : where;
  // Where the session's own files go: beside the data file, or in the user's state folder for a database.
  const file = location.kind === 'file' ? location.path : (options.localFile ?? localFileOf(location, stateFolder(process.env)));
  const pipeline = await openPipeline(location, env, options);
  const {engine} = pipeline;

  const warnings: string[] = [];
  const permission = location.kind === 'file' ? await permissionProblem(file) : undefined;
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
    file: describeLocation(location),
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
    close: () => engine.close(),
    ...(isPostgresEngine(engine)
      ? {
          lastUsed: {
            read: async () => new Map([...(await engine.lastUsed.read())].map(([tokenId, time]) => [tokenId, new Date(time)])),
            watch: (onChange: () => void) => engine.watchLastUsed(onChange),
          },
          waitingRequests: {
            pending: async () => {
              const now = Date.now();
              return (await engine.approvals.load()).filter(row => !row.decision && row.expiresAt > now).map(row => row.approval);
            },
            decide: (id: string, decision: 'approve' | 'deny', by: string) => engine.approvals.decide(id, {kind: decision, by}),
            // Followed as a console that decides: the servers count it for the waiting page.
            watch: (onChange: () => void) => engine.approvals.follow(onChange),
          },
          connection: {
            watch: (onChange: (state: DataConnectionState) => void) =>
              engine.watchConnection(state => {
                if (state.kind === 'lost') onChange({kind: 'lost', problem: state.problem});
                else if (state.reconnected) onChange({kind: 'back'});
              }),
          },
        }
      : {}),
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
