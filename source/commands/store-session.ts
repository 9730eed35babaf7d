/**
 * Commands read and change the data file only through the console's store
 * (store/third-party-store.ts): the same lock, revision, merge, backup and audit entry, with the
 * actor "user@host (cli)". A change is worked out again on the file as it is when another
 * process changed the same third party in between (a command is an instruction, not an edited
 * copy), a few times at most.
 */
import {stat} from 'node:fs/promises';
import type {ThirdParty, ThirdPartyStore} from '../domain/index.js';
import {AuditLogError, DataFileError, InvalidThirdPartyError, openThirdPartyStore} from '../store/index.js';
import type {CommandContext} from './context.js';
import {CliError, DataFileProblem, RefusedError, UnknownNameError} from './errors.js';
import {resolveThirdParty} from './resolve-name.js';
import {safe} from './output.js';

/** How the audit log tells a command-line change from the console's. */
const CLI_ACTOR_SUFFIX = ' (cli)';

const ATTEMPTS = 3;

const codeOf = (error: unknown): string =>
  (error as NodeJS.ErrnoException | undefined)?.code ?? (error instanceof Error ? error.message : String(error));

/** Store and file errors as the command reports them; anything else is passed on. */
export const asCliError = (error: unknown, file: string): unknown => {
  if (error instanceof CliError) return error;
  if (error instanceof InvalidThirdPartyError) return new RefusedError(`${Object.values(error.errors).join('\n')}\nNothing was written.`);
  if (error instanceof AuditLogError) return new DataFileProblem(error.message);
  if (error instanceof DataFileError) return new DataFileProblem(`${error.message}\nThe file was not changed.`);
  if ((error as NodeJS.ErrnoException | undefined)?.code !== undefined) return new DataFileProblem(`${safe(file)}: ${codeOf(error)}`);
  return error;
};

/**
 * The store on the data file. `mustExist`: reading commands refuse a missing file instead of
 * showing an empty one (a mistyped --data would otherwise look like no third parties).
 */
export const openStore = async (context: CommandContext, options: {readonly mustExist: boolean}): Promise<ThirdPartyStore> => {
  const file = context.dataFile;
  if (options.mustExist) {
    const found = await stat(file).then(
      info => (info.isFile() ? 'file' : 'other'),
      (error: unknown) => ((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'file'),
    );
    if (found === 'missing') throw new DataFileProblem(`There is no data file at ${safe(file)} (choose one with --data or TPA_DATA).`);
    if (found === 'other') throw new DataFileProblem(`${safe(file)} is not a file.`);
  }
  try {
    return await openThirdPartyStore(file, context.env, {actor: `${context.actor()}${CLI_ACTOR_SUFFIX}`});
  } catch (error) {
    throw asCliError(error, file);
  }
};

/** The store on the data file (which must exist) and the third party the name on the command line means. */
export const openNamed = async (
  context: CommandContext,
  query: string,
): Promise<{readonly store: ThirdPartyStore; readonly thirdParty: ThirdParty}> => {
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

/** Runs a save, and works the change out again on the file when another process changed the same record meanwhile. */
const withRetries = async <T>(store: ThirdPartyStore, attempt: () => Promise<T | 'conflict'>): Promise<T> => {
  for (let round = 1; round <= ATTEMPTS; round++) {
    const result = await attempt();
    if (result !== 'conflict') return result;
    await store.reload();
  }
  throw new DataFileProblem('Another process keeps changing this third party; nothing was written. Try again.');
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
  try {
    return await withRetries(store, async () => {
      const current = store.database.thirdParties.find(thirdParty => thirdParty.id === id);
      if (!current) throw new UnknownNameError(`'${safe(query.trim())}' was deleted meanwhile.`, []);
      const next = await change(current);
      if (JSON.stringify(next) === JSON.stringify(current)) return {thirdParty: current, merged: [], unchanged: true};
      const outcome = await store.saveThirdParty(next);
      if (outcome.kind === 'conflict') return 'conflict';
      return {thirdParty: outcome.database.thirdParties.find(thirdParty => thirdParty.id === id)!, merged: outcome.merged};
    });
  } catch (error) {
    throw asCliError(error, context.dataFile);
  }
};

/** A new third party, saved. */
export const createThirdPartyRecord = async (context: CommandContext, thirdParty: ThirdParty): Promise<Saved> => {
  const store = await openStore(context, {mustExist: false});
  try {
    const outcome = await store.saveThirdParty(thirdParty);
    // A new record cannot conflict: no other process knows its id.
    if (outcome.kind === 'conflict') throw new DataFileProblem('The new third party could not be saved; nothing was written.');
    return {thirdParty: outcome.database.thirdParties.find(saved => saved.id === thirdParty.id)!, merged: outcome.merged};
  } catch (error) {
    throw asCliError(error, context.dataFile);
  }
};

/** Deletes the named third party; returns it as it was. */
export const deleteThirdPartyRecord = async (context: CommandContext, query: string): Promise<ThirdParty> => {
  const {store, thirdParty: target} = await openNamed(context, query);
  try {
    await withRetries(store, async () => {
      const outcome = await store.deleteThirdParty(target.id);
      return outcome.kind === 'conflict' ? 'conflict' : outcome;
    });
  } catch (error) {
    throw asCliError(error, context.dataFile);
  }
  return target;
};

/** Records that the OAuth information with this token was sent (after it was written: a failure says so). */
export const recordSent = async (
  store: ThirdPartyStore,
  file: string,
  thirdPartyId: string,
  tokenId: string | undefined,
  sentTo: string,
) => {
  try {
    await store.recordSent(thirdPartyId, tokenId, sentTo);
  } catch (error) {
    const problem = asCliError(error, file);
    const message = problem instanceof Error ? problem.message : String(problem);
    throw new DataFileProblem(`The OAuth information was sent, but not recorded as sent: ${message}`);
  }
};
