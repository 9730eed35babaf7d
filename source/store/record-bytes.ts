/**
 * Each record's bytes as they stand in the data file (ARCHITECTURE.md, File engine):
 * kept per record object (records are replaced, never changed, when saved), so that a refresh
 * compares a record by its bytes (record-slices.ts) and a save writes every unchanged record as
 * it is, encoding only the changed ones. A record read from a file tpa laid out holds a view of
 * that read's buffer (record-slices.ts `readWholeRecords` proves each view is exactly its
 * record); one encoded here, or read by a refresh, holds its own copy. Their cost: the file's
 * size in memory, the read's buffer included, while its records live; in return a save at
 * 50,000 third parties makes neither a 70 MB text nor a second buffer of it.
 */
import type {Database} from '../domain/index.js';

const recordBytes = new WeakMap<object, Buffer>();

/** The record's bytes in the file as last read or written, if known. */
export const knownBytes = (record: object): Buffer | undefined => recordBytes.get(record);

/** Remembers the bytes a record stands as in the file (its exact JSON, laid out as tpa writes it). */
export const keepBytes = (record: object, bytes: Buffer): void => {
  recordBytes.set(record, bytes);
};

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

/**
 * The file's bytes: pretty JSON and a final newline. Straight into one buffer: `${json}\n` would
 * be flattened into a second copy of the whole text when written.
 */
const databaseBytes = (data: Database): Buffer => {
  const json = JSON.stringify(data, null, 2);
  const bytes = Buffer.allocUnsafe(Buffer.byteLength(json) + 1);
  bytes[bytes.write(json)] = 0x0a;
  return bytes;
};

const RECORDS_KEY = '\n  "thirdParties": []';

/**
 * The same content as databaseBytes, from each record's kept bytes, as parts for writev: copying
 * 10,000 parts into one 7 MB buffer took ~25-60 ms a save, as long as encoding the whole file.
 * The rest of the file is small and written afresh.
 */
export const databaseBytesByRecord = (data: Database): Buffer | Buffer[] => {
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
