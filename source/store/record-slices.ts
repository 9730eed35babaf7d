/**
 * The data file record by record, at the byte level. tpa writes the file as
 * JSON.stringify(database, null, 2): every record starts with "    {" on its own line and ends
 * with "    }" on its own line, and a text in JSON holds no raw line break. So the bytes of each
 * record can be found without decoding the file:
 *
 * - a whole read (`readWholeRecords`) parses the file in parts of about a megabyte, never as one
 *   text (70 MB at 50,000 third parties, two bytes a character outside ASCII), and keeps each
 *   record's bytes (record-bytes.ts), which a save writes back as they are;
 * - a refresh (`readChangedRecords`) decodes, parses and checks only the records whose bytes
 *   changed: a record whose bytes equal the ones it was read from is that record.
 *
 * Anything else (a file edited by hand in another layout, many changes, a problem) returns
 * undefined, and the caller reads the whole text as before: this is only a quicker way to the
 * same result, and every refusal's message comes from the whole read (ARCHITECTURE.md, File engine).
 */
import type {Database} from '../domain/index.js';
import {MAX_DATA_FILE_VALUES, shapeOfBytes} from './data-file-limits.js';
import {checkDatabase, wasUpgraded, type KnownRecords} from './parse-database.js';
import {keepBytes, knownBytes} from './record-bytes.js';

const LIST_START = Buffer.from('\n  "thirdParties": [\n');
const LIST_KEY = Buffer.from('"thirdParties"');
const RECORD_START = Buffer.from('    {\n');
const RECORD_END = Buffer.from('\n    }');
const BETWEEN = Buffer.from(',\n');
const LIST_END = Buffer.from('\n  ]');
const ID_LINE = Buffer.from('    {\n      "id": "');
const BACKSLASH = 0x5c;

/** More changed records than this: the whole file is read (a storm of saves, a hand edit). */
const MAX_CHANGED = 500;
/** A whole read parses the records in parts of about this many bytes. */
const PART_BYTES = 1024 * 1024;

interface Sliced {
  readonly head: Buffer;
  readonly records: Buffer[];
  readonly tail: Buffer;
}

/** `part` at `at` in `bytes`, compared byte by byte (Buffer.compare with offsets costs more for a few bytes). */
const startsAt = (bytes: Buffer, part: Buffer, at: number): boolean => {
  if (at + part.length > bytes.length) return false;
  for (let index = 0; index < part.length; index++) if (bytes[at + index] !== part[index]) return false;
  return true;
};

/** The records' bytes, or undefined when the file is not in the layout tpa writes. */
const sliceRecords = (bytes: Buffer): Sliced | undefined => {
  const list = bytes.indexOf(LIST_START);
  if (list < 0) return undefined;
  const records: Buffer[] = [];
  let at = list + LIST_START.length;
  for (;;) {
    if (!startsAt(bytes, RECORD_START, at)) return undefined;
    const end = bytes.indexOf(RECORD_END, at);
    if (end < 0) return undefined;
    const stop = end + RECORD_END.length;
    records.push(bytes.subarray(at, stop));
    if (startsAt(bytes, BETWEEN, stop)) at = stop + BETWEEN.length;
    else if (startsAt(bytes, LIST_END, stop)) return {head: bytes.subarray(0, list), records, tail: bytes.subarray(stop + LIST_END.length)};
    else return undefined;
  }
};

/**
 * The file without its records: its other fields, with an empty list. Undefined when the rest of
 * the file could hold a second "thirdParties" key (also one spelled with an escape, which a whole
 * parse would take instead), or does not parse to an empty list in its place.
 */
const shellOf = (sliced: Sliced): object | undefined => {
  const {head, tail} = sliced;
  if (head.includes(LIST_KEY) || tail.includes(LIST_KEY) || head.includes(BACKSLASH) || tail.includes(BACKSLASH)) return undefined;
  let shell: unknown;
  try {
    shell = JSON.parse(`${head.toString('utf8')}\n  "thirdParties": []${tail.toString('utf8')}`);
  } catch {
    return undefined;
  }
  const list = (shell as {thirdParties?: unknown} | null)?.thirdParties;
  return Array.isArray(list) && list.length === 0 ? (shell as object) : undefined;
};

/** The offset of `part` in the buffer it is a view of. */
const offsetIn = (bytes: Buffer, part: Buffer): number => part.byteOffset - bytes.byteOffset;

/**
 * A whole read of a file in tpa's layout: the same database as parseDatabase gives, each record
 * with its bytes kept (record-bytes.ts); undefined when this way does not apply. One pass over the
 * bytes checks the file's limits (as parseDatabase does on the text) and proves that each
 * record's bytes are exactly one value of the list (a hand-made file can hold "    }" lines
 * elsewhere): only then are they kept, since a save writes them back as they are.
 * Throws DataFileError as parseDatabase does for an invalid file.
 */
export const readWholeRecords = (bytes: Buffer, file: string, known?: KnownRecords): Database | undefined => {
  const sliced = sliceRecords(bytes);
  if (!sliced) return undefined;
  const {withinLimits, closes} = shapeOfBytes(bytes, {closesAt: 2});
  // Over the limits: parseDatabase refuses it, with its message.
  if (!withinLimits || closes.length !== sliced.records.length) return undefined;
  for (const [index, record] of sliced.records.entries())
    if (closes[index] !== offsetIn(bytes, record) + record.length - 1) return undefined;
  const shell = shellOf(sliced);
  if (!shell) return undefined;
  const records: unknown[] = [];
  try {
    // In parts of about PART_BYTES: their records and the ",\n" between them are a list's content.
    for (let first = 0; first < sliced.records.length;) {
      const start = offsetIn(bytes, sliced.records[first]!);
      let last = first;
      while (last + 1 < sliced.records.length && offsetIn(bytes, sliced.records[last + 1]!) - start < PART_BYTES) last++;
      const end = offsetIn(bytes, sliced.records[last]!) + sliced.records[last]!.length;
      const part = JSON.parse(`[${bytes.toString('utf8', start, end)}]`) as unknown[];
      if (part.length !== last - first + 1) return undefined;
      records.push(...part);
      first = last + 1;
    }
  } catch {
    return undefined;
  }
  // Throws for an invalid record with parseDatabase's message: the data is the same, and so is its order.
  const database = checkDatabase({...shell, thirdParties: records}, file, known);
  database.thirdParties.forEach((record, index) => keepBytes(record, sliced.records[index]!));
  return database;
};

/** The id on a record's first line, as tpa writes it ("id" first); undefined otherwise. */
const idOf = (record: Buffer): string | undefined => {
  if (!startsAt(record, ID_LINE, 0)) return undefined;
  const end = record.indexOf('"', ID_LINE.length);
  return end < 0 ? undefined : record.toString('latin1', ID_LINE.length, end);
};

/**
 * The database in `bytes`, with the known records whose bytes are unchanged kept as those
 * objects; undefined when this way does not apply (the caller then reads the whole file).
 * Throws DataFileError as parseDatabase does for a changed record that is invalid.
 */
export const readChangedRecords = (bytes: Buffer, file: string, known: KnownRecords): Database | undefined => {
  const sliced = sliceRecords(bytes);
  if (!sliced) return undefined;
  const merged: unknown[] = [];
  const changed: number[] = [];
  for (const [index, record] of sliced.records.entries()) {
    const id = idOf(record);
    const before = id === undefined ? undefined : known.get(id);
    const kept = before && knownBytes(before);
    // Equal to a whole record's bytes: these bytes are exactly that record.
    if (before && kept?.equals(record)) merged.push(before);
    else {
      changed.push(index);
      merged.push(undefined);
    }
  }
  if (changed.length > MAX_CHANGED) return undefined;
  const shell = shellOf(sliced);
  if (!shell) return undefined;
  let values = 0;
  try {
    for (const index of changed) {
      const record = sliced.records[index]!;
      // Within the limits where it stands in the file (a record is two levels deep), before it is parsed.
      const shape = shapeOfBytes(record, {depth: 2});
      values += shape.values;
      if (!shape.withinLimits || values > MAX_DATA_FILE_VALUES) return undefined;
      // Alone, so that these bytes are exactly this one value.
      merged[index] = JSON.parse(record.toString('utf8'));
    }
  } catch {
    return undefined;
  }
  const database = checkDatabase({...shell, thirdParties: merged}, file, known);
  // A schema 1 file is upgraded by a whole read, which keeps the mark its next save needs.
  if (wasUpgraded(database)) return undefined;
  for (const index of changed) {
    const record = database.thirdParties[index];
    // A copy: a view would keep this read's whole buffer alive for one record.
    if (record) keepBytes(record, Buffer.from(sliced.records[index]!));
  }
  return database;
};
