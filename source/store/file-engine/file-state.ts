/** The file engine's state (file-engine.ts), shared with its commit (file-commit.ts). */
import type {Low} from 'lowdb';
import {emptyDatabase, type Database} from '../../domain/index.js';
import type {SaveLock} from '../save-lock.js';

/** What file-commit.ts works on: the engine's Low, and the fingerprint of the file Low's data came from. */
export interface FileState {
  readonly file: string;
  readonly low: Low<Database>;
  /** The fingerprint of the file `low.data` was read from or written to; undefined: no file. */
  mark: string | undefined;
  /** The save lock while a commit holds it: the adapter replaces the file only then. */
  lock: SaveLock | undefined;
}

/** Reads the file into Low unless its fingerprint is the one Low's data came from; a missing file is empty data. */
export const loadFile = async (state: FileState, fingerprint: string | undefined): Promise<Database> => {
  if (fingerprint === state.mark) return state.low.data;
  const previous = state.low.data;
  // Low.read keeps the data it has when the adapter finds no file: a file gone is empty data here.
  state.low.data = emptyDatabase();
  try {
    await state.low.read();
  } catch (error) {
    state.low.data = previous;
    throw error;
  }
  state.mark = fingerprint;
  return state.low.data;
};
