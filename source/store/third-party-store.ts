/**
 * The data file as the console sees it: load once, save one third party at a time. The UI talks
 * to this interface only; it never touches the file system.
 */
import {Low} from 'lowdb';
import {
  emptyDatabase,
  hasErrors,
  indexNames,
  normalizeCallbackUrl,
  validateThirdParty,
  type Database,
  type Environment,
  type FieldErrors,
  type ThirdParty,
} from '../domain/index.js';
import {JsonFileAdapter} from './json-file-adapter.js';
import {databaseSchema} from './schema.js';

export interface ThirdPartyStore {
  readonly file: string;
  /** The data as last read or saved. */
  readonly database: Database;
  /** Validates, then writes the whole file with this third party added or replaced. */
  saveThirdParty(thirdParty: ThirdParty): Promise<Database>;
  /** Writes the whole file without this third party. */
  deleteThirdParty(id: string): Promise<Database>;
}

/** One change to the data file; every save is one of these. */
export type StoreChange = {readonly kind: 'upsert'; readonly thirdParty: ThirdParty} | {readonly kind: 'delete'; readonly id: string};

/** The database after a change; throws InvalidThirdPartyError when the third party may not be saved. */
export const applyChange = (current: Database, change: StoreChange, now: Date): Database => {
  if (change.kind === 'delete') {
    return {...current, revision: current.revision + 1, thirdParties: current.thirdParties.filter(thirdParty => thirdParty.id !== change.id)};
  }
  const thirdParty = {...normalizeThirdParty(change.thirdParty), updatedAt: now.toISOString()};
  const errors = validateThirdParty(thirdParty, indexNames(current.thirdParties));
  if (hasErrors(errors)) throw new InvalidThirdPartyError(errors);
  const index = current.thirdParties.findIndex(candidate => candidate.id === thirdParty.id);
  const thirdParties = index === -1 ? [...current.thirdParties, thirdParty] : current.thirdParties.with(index, thirdParty);
  return databaseSchema.parse({...current, revision: current.revision + 1, thirdParties});
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

/** Throws DataFileError when the file exists but is not a valid data file; a missing file is empty data. */
export const openThirdPartyStore = async (file: string, env: Pick<Environment, 'now'>): Promise<ThirdPartyStore> => {
  const low = new Low<Database>(new JsonFileAdapter(file), emptyDatabase());
  await low.read();

  const save = async (change: StoreChange): Promise<Database> => {
    const current = low.data;
    const next = applyChange(current, change, env.now());
    low.data = next;
    try {
      await low.write();
    } catch (error) {
      low.data = current;
      throw error;
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
  };
};
