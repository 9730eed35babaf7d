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
import {DataFileError} from './data-file-error.js';
import {assertSizeWithinLimit, MAX_DATA_FILE_BYTES} from './data-file-limits.js';
import {parseDatabase, type KnownRecords} from './parse-database.js';
import {readChangedRecords, rememberRecordBytes} from './record-slices.js';
import {SaveLockLostError} from './save-lock.js';
import {FileTooLargeError, readRegularFile, UnsafeFileError, writePrivateFileSafely} from './safe-file.js';

const errorCode = (error: unknown): string =>
  (error as NodeJS.ErrnoException | undefined)?.code ?? (error instanceof Error ? error.message : String(error));

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
   * Keep each record's bytes as written, so that the next write encodes only the records that
   * changed: for the server's writer, whose saves change a few records of thousands (ARCHITECTURE.md,
   * The authorization server). Costs memory the size of the file; the console does not use it.
   */
  readonly keepRecordBytes?: boolean;
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
    if (quick) return quick;
    const database = parseDatabase(bytes.toString('utf8'), this.file, known);
    rememberRecordBytes(bytes, database);
    return database;
  }

  async write(data: Database): Promise<void> {
    try {
      // A data file that is a link the admin made stays one: its target is replaced.
      const target = await realpath(this.file).catch(() => this.file);
      const {beforeRename} = this.options;
      await writePrivateFileSafely(
        target,
        this.options.keepRecordBytes ? databaseBytesByRecord(data) : databaseBytes(data),
        beforeRename ? {beforeRename} : {},
      );
      this.last = data;
    } catch (error) {
      if (error instanceof SaveLockLostError) throw error;
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

const recordBytes = new WeakMap<object, Buffer>();
const RECORD_INDENT = '    ';

/** A record as JSON.stringify(database, null, 2) writes it inside the list: every line indented by four. */
const bytesOfRecord = (record: object): Buffer => {
  let bytes = recordBytes.get(record);
  if (bytes === undefined) {
    // A string in JSON holds no raw line break: every one is between values, and gets the indent.
    bytes = Buffer.from(RECORD_INDENT + JSON.stringify(record, null, 2).replaceAll('\n', `\n${RECORD_INDENT}`));
    recordBytes.set(record, bytes);
  }
  return bytes;
};

const RECORDS_KEY = '\n  "thirdParties": []';

/**
 * The same bytes as databaseBytes, from each record's kept bytes (records are immutable, so an
 * unchanged record is the same object), as parts for writev: copying 10,000 parts into one 7 MB
 * buffer took ~25-60 ms a save, as long as encoding the whole file. The rest of the file is
 * small and written afresh.
 */
const databaseBytesByRecord = (data: Database): Buffer | Buffer[] => {
  const shell = JSON.stringify({...data, thirdParties: []}, null, 2);
  // At two spaces after a line break only a top-level key can stand.
  const at = shell.indexOf(RECORDS_KEY);
  if (data.thirdParties.length === 0 || at < 0) return databaseBytes(data);
  const parts: Buffer[] = [Buffer.from(`${shell.slice(0, at)}\n  "thirdParties": [\n`)];
  const between = Buffer.from(',\n');
  data.thirdParties.forEach((record, index) => {
    if (index > 0) parts.push(between);
    parts.push(bytesOfRecord(record));
  });
  parts.push(Buffer.from(`\n  ]${shell.slice(at + RECORDS_KEY.length)}\n`));
  return parts;
};

/** For tests: the bytes each way of writing gives. */
export const databaseBytesForTest = {
  whole: (data: Database) => databaseBytes(data),
  byRecord: (data: Database): Buffer => {
    const bytes = databaseBytesByRecord(data);
    return Buffer.isBuffer(bytes) ? bytes : Buffer.concat(bytes);
  },
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
