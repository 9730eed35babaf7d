/**
 * A refresh of a data file that tpa wrote, record by record at the byte level. tpa writes the
 * file as JSON.stringify(database, null, 2): every record starts with "    {" on its own line and
 * ends with "    }" on its own line, and a text in JSON holds no raw line break. So the bytes of
 * each record can be found without decoding the file, and a record whose bytes equal the ones it
 * was read from is that record: only the changed ones are decoded, parsed and checked (at 5,000
 * third parties a whole read decoded 7 MB, parsed it and compared 5,000 records; a save of the
 * server changes a few). Anything else (a file edited by hand in another layout, many changes,
 * a problem) returns undefined, and the caller reads the whole file as before: this is only a
 * quicker way to the same result (ARCHITECTURE.md, File engine).
 */
import type {Database} from '../domain/index.js';
import {assertShapeWithinLimits} from './data-file-limits.js';
import {checkDatabase, wasUpgraded, type KnownRecords} from './parse-database.js';

/** Each record's bytes as last read: views of that read's buffer, or copies for changed records. */
const keptBytes = new WeakMap<object, Buffer>();

const LIST_START = Buffer.from('\n  "thirdParties": [\n');
const LIST_KEY = Buffer.from('"thirdParties"');
const RECORD_START = Buffer.from('    {\n');
const RECORD_END = Buffer.from('\n    }');
const BETWEEN = Buffer.from(',\n');
const LIST_END = Buffer.from('\n  ]');
const ID_LINE = Buffer.from('    {\n      "id": "');

/** More changed records than this: the whole file is read (a storm of saves, a hand edit). */
const MAX_CHANGED = 500;

interface Sliced {
  readonly head: Buffer;
  readonly records: Buffer[];
  readonly tail: Buffer;
}

const startsAt = (bytes: Buffer, part: Buffer, at: number): boolean => bytes.compare(part, 0, part.length, at, at + part.length) === 0;

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

/** The id on a record's first line, as tpa writes it ("id" first); undefined otherwise. */
const idOf = (record: Buffer): string | undefined => {
  if (!startsAt(record, ID_LINE, 0)) return undefined;
  const end = record.indexOf('"', ID_LINE.length);
  return end < 0 ? undefined : record.toString('latin1', ID_LINE.length, end);
};

/** After a whole read: each record's bytes in this file, for the next refresh to compare with. */
export const rememberRecordBytes = (bytes: Buffer, database: Database): void => {
  const sliced = sliceRecords(bytes);
  if (sliced?.records.length !== database.thirdParties.length) return;
  database.thirdParties.forEach((thirdParty, index) => keptBytes.set(thirdParty, sliced.records[index]!));
};

/**
 * The database in `bytes`, with the known records whose bytes are unchanged kept as those
 * objects; undefined when this way does not apply (the caller then reads the whole file).
 * Throws DataFileError as parseDatabase does for a changed record that is invalid.
 */
export const readChangedRecords = (bytes: Buffer, file: string, known: KnownRecords): Database | undefined => {
  const sliced = sliceRecords(bytes);
  // A second "thirdParties" key would win in a whole parse (and a text holding the word is rare): not this way.
  if (!sliced || sliced.head.includes(LIST_KEY) || sliced.tail.includes(LIST_KEY)) return undefined;
  const merged: unknown[] = [];
  const changed: number[] = [];
  for (const [index, record] of sliced.records.entries()) {
    const id = idOf(record);
    const before = id === undefined ? undefined : known.get(id);
    const kept = before && keptBytes.get(before);
    if (before && kept?.equals(record)) merged.push(before);
    else {
      changed.push(index);
      merged.push(undefined);
    }
  }
  if (changed.length > MAX_CHANGED) return undefined;
  let shell: unknown;
  let parsed: unknown;
  try {
    const shellText = `${sliced.head.toString('utf8')}\n  "thirdParties": []${sliced.tail.toString('utf8')}`;
    assertShapeWithinLimits(file, shellText);
    shell = JSON.parse(shellText);
    // Nested as deep as in the file: the limits hold for the changed records where they stand.
    const changedText = `[[${changed.map(index => sliced.records[index]!.toString('utf8')).join(',')}]]`;
    assertShapeWithinLimits(file, changedText);
    parsed = (JSON.parse(changedText) as unknown[][])[0];
  } catch {
    return undefined;
  }
  const list = (shell as {thirdParties?: unknown} | null)?.thirdParties;
  if (!Array.isArray(list) || list.length > 0 || !Array.isArray(parsed) || parsed.length !== changed.length) return undefined;
  changed.forEach((index, position) => {
    merged[index] = parsed[position];
  });
  const database = checkDatabase({...(shell as object), thirdParties: merged}, file, known);
  // A schema 1 file is upgraded by a whole read, which keeps the mark its next save needs.
  if (wasUpgraded(database)) return undefined;
  for (const index of changed) {
    const record = database.thirdParties[index];
    // A copy: a view would keep this read's whole buffer alive for one record.
    if (record) keptBytes.set(record, Buffer.from(sliced.records[index]!));
  }
  return database;
};
