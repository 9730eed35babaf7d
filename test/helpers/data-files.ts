/** Data files for tests: a fresh folder each time, filled with valid third parties made by the domain. */
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {addToken, createThirdParty, SCHEMA_VERSION, type Database, type Environment, type ThirdParty} from '../../source/domain/index.js';

export const freshFolder = (): string => mkdtempSync(path.join(tmpdir(), 'tpa-test-'));

export const databaseOf = (thirdParties: ThirdParty[], revision = 1): Database => ({schema: SCHEMA_VERSION, revision, thirdParties});

export const sampleThirdParties = (env: Environment, names: readonly string[]): ThirdParty[] =>
  names.map(name => ({...addToken(createThirdParty(env, name), env), enabled: true}));

/** Writes a data file (0600, as tpa would) and returns its path. */
export const writeDataFile = (folder: string, database: Database, name = 'db.json'): string => {
  const file = path.join(folder, name);
  writeFileSync(file, `${JSON.stringify(database, null, 2)}\n`, {mode: 0o600});
  return file;
};
