/**
 * lowdb adapter for the data file. lowdb's own JSONFile (through steno) writes a fixed temp
 * name, never fsyncs, leaves new files 0644 and turns a file holding `null` into empty data
 * (DESIGN §8); this one reads strictly and writes atomically: temp file in the same folder
 * created 0600, fsync, rename, then fsync of the folder so the rename itself survives a crash.
 */
import {mkdir, open, readFile} from 'node:fs/promises';
import path from 'node:path';
import type {Adapter} from 'lowdb';
import writeFileAtomic from 'write-file-atomic';
import type {Database} from '../domain/index.js';
import {DataFileError} from './data-file-error.js';
import {parseDatabase} from './parse-database.js';

export const FILE_MODE = 0o600;
const FOLDER_MODE = 0o700;

const errorCode = (error: unknown): string =>
  (error as NodeJS.ErrnoException | undefined)?.code ?? (error instanceof Error ? error.message : String(error));

export class JsonFileAdapter implements Adapter<Database> {
  constructor(readonly file: string) {}

  /** null when the file does not exist yet: it is created on the first save. */
  async read(): Promise<Database | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      throw new DataFileError(this.file, `cannot be read (${errorCode(error)})`);
    }
    return parseDatabase(text, this.file);
  }

  async write(data: Database): Promise<void> {
    const folder = path.dirname(this.file);
    try {
      await mkdir(folder, {recursive: true, mode: FOLDER_MODE});
      await writeFileAtomic(this.file, `${JSON.stringify(data, null, 2)}\n`, {mode: FILE_MODE, fsync: true});
      await fsyncFolder(folder);
    } catch (error) {
      throw new DataFileError(this.file, `could not be saved (${errorCode(error)}); the file on disk is unchanged`);
    }
  }
}

const fsyncFolder = async (folder: string): Promise<void> => {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};
