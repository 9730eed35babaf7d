/**
 * lowdb adapter for the data file. lowdb's own JSONFile (through steno) writes a fixed temp
 * name, never fsyncs, leaves new files 0644 and turns a file holding `null` into empty data;
 * this one reads strictly and within limits (data-file-limits.ts) and writes atomically through
 * safe-file.ts: a temp file in the same folder created 0600 under a random name, fsync, rename,
 * then fsync of the folder so the rename itself survives a crash.
 */
import {realpath, stat} from 'node:fs/promises';
import type {Adapter} from 'lowdb';
import type {Database} from '../domain/index.js';
import {DataFileError, errorCode} from './data-file-error.js';
import {assertSizeWithinLimit, MAX_DATA_FILE_BYTES} from './data-file-limits.js';
import {parseDatabase, type KnownRecords} from './parse-database.js';
import {databaseBytesByRecord} from './record-bytes.js';
import {readChangedRecords, readWholeRecords} from './record-slices.js';
import {SaveLockLostError} from './save-lock.js';
import {FileTooLargeError, readRegularFile, UnsafeFileError, writePrivateFileSafely} from './safe-file.js';

/**
 * The data file's text: a regular file (a named pipe or a device at its path is refused, never
 * waited on) of at most MAX_DATA_FILE_BYTES; undefined when there is none.
 */
export const readDataFileText = async (file: string): Promise<string | undefined> => (await readDataFileBytes(file))?.toString('utf8');

const readDataFileBytes = async (file: string): Promise<Buffer | undefined> => {
  try {
    return await readRegularFile(file, {maxBytes: MAX_DATA_FILE_BYTES, followLink: true});
  } catch (error) {
    if (error instanceof FileTooLargeError) assertSizeWithinLimit(file, error.bytes);
    if (error instanceof UnsafeFileError) throw new DataFileError(file, `${error.problem}: only a regular file is read as the data file`);
    throw new DataFileError(file, `cannot be read (${errorCode(error)})`);
  }
};

export interface AdapterOptions {
  /**
   * Called just before the written file replaces the data file; throwing stops the write. The
   * file engine passes its lock check (save-lock.ts `assertHeld`): the data file is replaced only
   * by a save that still holds the save lock.
   */
  readonly beforeRename?: () => Promise<void>;
}

export class JsonFileAdapter implements Adapter<Database> {
  constructor(
    readonly file: string,
    private readonly options: AdapterOptions = {},
  ) {}

  /** What this adapter last read or wrote: a read gives back its unchanged records as the same objects. */
  private last: Database | undefined;

  /** null when the file does not exist yet: it is created on the first save. */
  async read(): Promise<Database | null> {
    const database = await this.readComparing(this.last && new Map(this.last.thirdParties.map(record => [record.id, record])));
    if (database) this.last = database;
    return database;
  }

  /** Like read; records equal to `known` ones come back as those objects, without a schema check. */
  async readComparing(known?: KnownRecords): Promise<Database | null> {
    const bytes = await readDataFileBytes(this.file);
    if (bytes === undefined) return null;
    const quick = known && known.size > 0 ? readChangedRecords(bytes, this.file, known) : undefined;
    // Record by record where the file is in tpa's layout (record-slices.ts), else the whole text.
    return quick ?? readWholeRecords(bytes, this.file, known) ?? parseDatabase(bytes.toString('utf8'), this.file, known);
  }

  async write(data: Database): Promise<void> {
    try {
      // A data file that is a link the admin made stays one: its target is replaced.
      const target = await realpath(this.file).catch(() => this.file);
      const {beforeRename} = this.options;
      // Unchanged records as they stand in the file, only changed ones encoded (record-bytes.ts).
      await writePrivateFileSafely(target, databaseBytesByRecord(data), beforeRename ? {beforeRename} : {});
      this.last = data;
    } catch (error) {
      if (error instanceof SaveLockLostError) throw error;
      throw new DataFileError(this.file, `could not be saved (${errorCode(error)}); the file on disk is unchanged`);
    }
  }
}

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
