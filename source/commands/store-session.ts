/**
 * Commands read and change the data only through the one save pipeline
 * (store/pipeline/save-pipeline.ts): the same lock, revision, merge, backup and audit entry as the
 * console, with the actor "user@host (cli)". A command is an instruction, not an edited copy: when
 * another process changed the same field of the same third party in between, the pipeline works
 * the change out again on the record as it is, a few times at most.
 */
import {stat} from 'node:fs/promises';
import {commandActor, unhandled, type AuditEntry, type Database, type SaveOutcome, type ThirdParty} from '../domain/index.js';
import {
  changeInstruction,
  DataFileError,
  deleteInstruction,
  describeLocation,
  openPipeline,
  SaveLockLostError,
  sendInstruction,
  type Instruction,
  type SavePipeline,
} from '../store/index.js';
import type {CommandContext} from './context.js';
import {errorCode} from '../store/data-file-error.js';
import {CliError, DataFileProblem, RefusedError, UnknownNameError} from './errors.js';
import {resolveThirdParty} from './resolve-name.js';
import {safe} from './output.js';

/** Store and file errors as the command reports them; anything else is passed on. */
export const asCliError = (error: unknown, file: string): unknown => {
  if (error instanceof CliError) return error;
  if (error instanceof DataFileError)
    return new DataFileProblem(
      `${error.message}\n${error.file.startsWith('postgres://') ? 'Nothing was changed.' : 'The file was not changed.'}`,
    );
  if (error instanceof SaveLockLostError) return new DataFileProblem(error.message);
  if ((error as NodeJS.ErrnoException | undefined)?.code !== undefined) return new DataFileProblem(`${safe(file)}: ${errorCode(error)}`);
  return error;
};

/** The data as a command reads and changes it. */
export interface CommandStore {
  readonly database: Database;
  readHistory(thirdPartyId: string, limit: number): Promise<AuditEntry[]>;
  readonly pipeline: SavePipeline;
}

/**
 * The store on the data file. `mustExist`: reading commands refuse a missing file instead of
 * showing an empty one (a mistyped --data would otherwise look like no third parties).
 */
export const openStore = async (context: CommandContext, options: {readonly mustExist: boolean}): Promise<CommandStore> => {
  const file = describeLocation(context.data);
  if (options.mustExist && context.data.kind === 'file') {
    const found = await stat(file).then(
      info => (info.isFile() ? 'file' : 'other'),
      (error: unknown) => ((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'file'),
    );
    if (found === 'missing') throw new DataFileProblem(`There is no data file at ${safe(file)} (choose one with --data or TPA_DATA).`);
    if (found === 'other') throw new DataFileProblem(`${safe(file)} is not a file.`);
  }
  try {
    const pipeline = await openPipeline(context.data, context.env, {
      actor: () => commandActor(context.actor()),
      applicationName: 'tpa (cli)',
    });
    return {
      get database() {
        return pipeline.snapshot.database;
      },
      readHistory: (thirdPartyId, limit) => pipeline.engine.readHistory(thirdPartyId, limit),
      pipeline,
    };
  } catch (error) {
    throw asCliError(error, file);
  }
};

/** The store on the data file (which must exist) and the third party the name on the command line means. */
export const openNamed = async (
  context: CommandContext,
  query: string,
): Promise<{readonly store: CommandStore; readonly thirdParty: ThirdParty}> => {
  const store = await openStore(context, {mustExist: true});
  return {store, thirdParty: resolveThirdParty(store.database.thirdParties, query)};
};

export interface Saved {
  readonly thirdParty: ThirdParty;
  /** Names of third parties another process changed meanwhile, merged in. */
  readonly merged: readonly string[];
  /** The change changed nothing, so nothing was written (enable on an Enabled third party, …). */
  readonly unchanged?: boolean;
}

/** What the pipeline answered, as the command reports it: the data written, or the error to exit with. */
const written = (outcome: SaveOutcome): {readonly database: Database; readonly merged: readonly string[]} => {
  switch (outcome.kind) {
    case 'saved':
      return outcome;
    case 'savedAuditFailed':
      throw new DataFileProblem(outcome.problem);
    case 'invalid':
      throw new RefusedError(`${Object.values(outcome.errors).join('\n') || outcome.message}\nNothing was written.`);
    case 'conflict':
      throw new DataFileProblem('Another process keeps changing this third party; nothing was written. Try again.');
    default:
      return unhandled(outcome);
  }
};

/** `gone`: the refusal of an instruction that found its record deleted meanwhile, reported as an unknown name. */
const runOne = async (store: CommandStore, instruction: Instruction, file: string, gone?: string): Promise<ReturnType<typeof written>> => {
  let outcome: SaveOutcome;
  try {
    outcome = (await store.pipeline.instruct([instruction]))[0]!;
  } catch (error) {
    throw asCliError(error, file);
  }
  if (gone !== undefined && outcome.kind === 'invalid' && outcome.message === gone) throw new UnknownNameError(gone, []);
  return written(outcome);
};

/** The named third party changed by `change` (a pure domain function), saved. */
export const changeThirdParty = async (
  context: CommandContext,
  query: string,
  change: (thirdParty: ThirdParty) => ThirdParty | Promise<ThirdParty>,
): Promise<Saved> => {
  const {
    store,
    thirdParty: {id},
  } = await openNamed(context, query);
  const gone = `'${safe(query.trim())}' was deleted meanwhile.`;
  let changed = false;
  const made = changeInstruction(id, change, gone);
  // The pipeline's change instruction, noting whether it changed anything (for `unchanged`).
  const instruction: Instruction = {
    ...made,
    make: async (current, at) => {
      const result = await made.make(current, at);
      changed = result.kind === 'change';
      return result;
    },
  };
  const result = await runOne(store, instruction, describeLocation(context.data), gone);
  const thirdParty = result.database.thirdParties.find(candidate => candidate.id === id)!;
  return changed ? {thirdParty, merged: result.merged} : {thirdParty, merged: [], unchanged: true};
};

/** A new third party, saved. */
export const createThirdPartyRecord = async (context: CommandContext, thirdParty: ThirdParty): Promise<Saved> => {
  const store = await openStore(context, {mustExist: false});
  const instruction: Instruction = {
    thirdPartyId: thirdParty.id,
    // A new record cannot conflict: no other process knows its id.
    make: current => (current ? {kind: 'refused', why: 'The new third party could not be saved.'} : {kind: 'change', thirdParty}),
  };
  const result = await runOne(store, instruction, describeLocation(context.data));
  return {thirdParty: result.database.thirdParties.find(saved => saved.id === thirdParty.id)!, merged: result.merged};
};

/** Deletes the named third party; returns it as it was. */
export const deleteThirdPartyRecord = async (context: CommandContext, query: string): Promise<ThirdParty> => {
  const {store, thirdParty: target} = await openNamed(context, query);
  await runOne(store, deleteInstruction(target.id), describeLocation(context.data));
  return target;
};

/** Records that the OAuth information with this token was sent (after it was written: a failure says so). */
export const recordSent = async (store: CommandStore, file: string, thirdPartyId: string, tokenId: string | undefined, sentTo: string) => {
  try {
    await runOne(store, sendInstruction(thirdPartyId, tokenId, sentTo), file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new DataFileProblem(`The OAuth information was sent, but not recorded as sent: ${message}`);
  }
};
