/**
 * lowdb adapter for the data file. lowdb's own JSONFile (through steno) writes a fixed temp
 * name, never fsyncs, leaves new files 0644 and turns a file holding `null` into empty data
 * (ARCHITECTURE.md, Toolchain facts); this one reads strictly and writes atomically: temp file in the same folder
 * created 0600, fsync, rename, then fsync of the folder so the rename itself survives a crash.
 */
import {chmod, mkdir, open, readFile, stat} from 'node:fs/promises';
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
    try {
      await writeFileSafely(this.file, databaseBytes(data));
    } catch (error) {
      throw new DataFileError(this.file, `could not be saved (${errorCode(error)}); the file on disk is unchanged`);
    }
  }
}

/**
 * The file's bytes: pretty JSON and a final newline. Straight into one buffer: `${json}\n` would
 * be flattened into a second copy of the whole text when written (7 MB at 5,000 third parties).
 */
const databaseBytes = (data: Database): Buffer => {
  const json = JSON.stringify(data, null, 2);
  const bytes = Buffer.allocUnsafe(Buffer.byteLength(json) + 1);
  bytes[bytes.write(json)] = 0x0a;
  return bytes;
};

/**
 * Which version of the file is on disk: inode, size and change times. Every save replaces the
 * file by rename (a new inode), so an equal fingerprint means nobody has written it since.
 * undefined when the file does not exist.
 */
export const fileFingerprint = async (file: string): Promise<string | undefined> => {
  try {
    const info = await stat(file, {bigint: true});
    return `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
};

/** Any file beside the data file: atomic, 0600 from its first byte, synced with its folder. */
export const writeFileSafely = async (file: string, text: string | Buffer): Promise<void> => {
  const folder = path.dirname(file);
  await mkdir(folder, {recursive: true, mode: FOLDER_MODE});
  await writeFileAtomic(file, text, {
    mode: FILE_MODE,
    fsync: true,
    // open() applies the mode only to a new file: a leftover temp of the same name keeps its own, so set it before writing.
    tmpfileCreated: tmpfile => chmod(tmpfile, FILE_MODE),
  });
  await fsyncFolder(folder);
};

/** Makes a rename in the file's folder survive a crash. */
export const syncFolderOf = (file: string): Promise<void> => fsyncFolder(path.dirname(file));

const fsyncFolder = async (folder: string): Promise<void> => {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};
