/**
 * Strict reading of the data file's text. Anything but a valid database of a known schema is an
 * error that names the problem; nothing is guessed (lowdb's own adapter turns `null` into an
 * empty database, which the next save would then write over the file).
 */
import {z} from 'zod';
import {nameKey, SCHEMA_VERSION, toDisplayText, type Database, type ThirdParty} from '../domain/index.js';
import {DataFileError} from './data-file-error.js';
import {assertShapeWithinLimits, MAX_LISTED_PROBLEMS} from './data-file-limits.js';
import {isValidRecordQuickly} from './record-check.js';
import {recordText, rememberRecordText} from './record-text.js';
import {databaseSchema, SCHEMA_1, thirdPartySchema} from './schema.js';

/** The records a console already read and checked, by id: an equal record in the file is not checked again. */
export type KnownRecords = ReadonlyMap<string, ThirdParty>;

/** Where the JSON breaks, without quoting the file (it holds secrets). */
const describeJsonError = (text: string, error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message)?.[1];
  if (position !== undefined && Number(position) >= text.trimEnd().length)
    return 'is not valid JSON (it ends too early: was a write cut short?)';
  if (position !== undefined) {
    const before = text.slice(0, Number(position));
    const line = before.split('\n').length;
    const column = Number(position) - before.lastIndexOf('\n');
    return `is not valid JSON (line ${line}, column ${column})`;
  }
  if (/end of JSON input/i.test(message)) return 'is not valid JSON (it ends too early: was a write cut short?)';
  const token = /Unexpected token '(.)'/.exec(message)?.[1];
  return token && token >= ' ' ? `is not valid JSON (unexpected "${token}")` : 'is not valid JSON';
};

/** "thirdParties[2] (“Acme”).tokens[0].expiresAt" for a zod issue path. */
const describePath = (path: readonly PropertyKey[], data: unknown): string => {
  let text = '';
  let node: unknown = data;
  for (const segment of path) {
    text += typeof segment === 'number' ? `[${segment}]` : `${text ? '.' : ''}${String(segment)}`;
    node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[segment] : undefined;
    if (typeof segment === 'number' && node !== null && typeof node === 'object' && 'name' in node && typeof node.name === 'string') {
      text += ` ("${toDisplayText(node.name).slice(0, 40)}")`;
    }
  }
  return text || 'the top level';
};

/** The value at a zod issue's path, and whether the last key is there at all. */
const valueAt = (path: readonly PropertyKey[], data: unknown): {present: boolean; value: unknown} => {
  let node: unknown = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return {present: false, value: undefined};
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return {present: true, value: node};
};

const EXPECTED: Record<string, string> = {
  boolean: 'true or false',
  string: 'text in quotes',
  number: 'a number',
  array: 'a list [ … ]',
  object: 'an object { … }',
};

/** What a hand edit put there, briefly and safe to print. */
const describeValue = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `"${toDisplayText(value).slice(0, 40)}"`;
  if (typeof value === 'object') return 'an object';
  return toDisplayText(String(value)).slice(0, 40);
};

const describeIssue = (issue: z.core.$ZodIssue, data: unknown): string => {
  const where = describePath(issue.path, data);
  if (issue.code === 'unrecognized_keys')
    return `${where} has unknown field ${issue.keys.map(key => `"${toDisplayText(key)}"`).join(', ')}`;
  const {present, value} = valueAt(issue.path, data);
  if (!present) return `${where} is missing`;
  if (issue.code === 'invalid_type') {
    const expected = EXPECTED[issue.expected] ?? issue.expected;
    return `${where} must be ${expected}${issue.path.length > 0 && (issue.path.at(-1) === 'callbackUrl' || issue.path.at(-1) === 'expiresAt') ? ' or null' : ''}, not ${describeValue(value)}`;
  }
  if (issue.code === 'too_small' && issue.origin === 'number')
    return `${where} must not be below ${String(issue.minimum)}, not ${describeValue(value)}`;
  return `${where}: ${issue.message}`;
};

/** The fields of the file itself; the records are checked one by one after it. */
const topLevelSchema = databaseSchema.extend({thirdParties: z.array(z.unknown())});

/**
 * Fields every record must have, with their types: what the schema requires, checked without
 * zod. A record that fails this is invalid; one that passes still goes through the schema.
 */
const lacksRequiredFields = (record: unknown): boolean => {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return true;
  const {id, name, clientId, clientSecret, enabled, callbackUrl, tokens, createdAt, updatedAt} = record as Record<string, unknown>;
  return (
    typeof id !== 'string' ||
    typeof name !== 'string' ||
    typeof clientId !== 'string' ||
    typeof clientSecret !== 'string' ||
    typeof enabled !== 'boolean' ||
    (callbackUrl !== null && typeof callbackUrl !== 'string') ||
    !Array.isArray(tokens) ||
    typeof createdAt !== 'string' ||
    typeof updatedAt !== 'string'
  );
};

/**
 * The invalid records: the first MAX_LISTED_PROBLEMS described (each by its first problem),
 * the rest counted. Counting uses the cheap check above, not zod, whose error objects cost
 * ~50 µs each (a million invalid records took 45 s and gigabytes): a record after the listed
 * ones that has every field but a bad value (a date, say) is not counted.
 */
const collectProblems = (data: {thirdParties: unknown[]}, known?: KnownRecords): {listed: string[]; more: number} => {
  const listed: string[] = [];
  let more = 0;
  data.thirdParties.forEach((record, index) => {
    if (known && record !== null && typeof record === 'object' && !Array.isArray(record)) {
      // A record whose text equals the one checked before is that record: the known object is kept
      // (unchanged records keep their identity) and the schema is not run again.
      const id: unknown = (record as {id?: unknown}).id;
      const before = typeof id === 'string' ? known.get(id) : undefined;
      // Already the known object (a refresh that compared the record's bytes: record-slices.ts).
      if (before === record) return;
      const text = JSON.stringify(record);
      if (before && recordText(before) === text) {
        data.thirdParties[index] = before;
        return;
      }
      rememberRecordText(record, text);
    }
    if (listed.length >= MAX_LISTED_PROBLEMS) {
      if (lacksRequiredFields(record)) more++;
      return;
    }
    // Most records are valid: a quick check says so for them, the schema decides the rest (record-check.ts).
    if (isValidRecordQuickly(record)) return;
    const result = thirdPartySchema.safeParse(record);
    if (result.success) return;
    const [first, ...others] = result.error.issues;
    const problem = describeIssue({...first!, path: ['thirdParties', index, ...first!.path]}, data);
    listed.push(others.length > 0 ? `${problem} (and ${others.length} more in this record)` : problem);
  });
  return {listed, more};
};

const invalid = (file: string, listed: readonly string[], more: number): DataFileError => {
  if (listed.length === 1 && more === 0) return new DataFileError(file, `is invalid: ${listed[0]!}`);
  const tail = more > 0 ? `\n  … and ${more.toLocaleString('en')} more third parties with problems` : '';
  return new DataFileError(file, `is invalid:\n  ${listed.join('\n  ')}${tail}`);
};

/**
 * `known`: the records this console read before (a refresh); a record equal to its known one is
 * returned as that object, unchecked. The file's own limits, fields and uniqueness are always checked.
 */
export const parseDatabase = (text: string, file: string, known?: KnownRecords): Database => {
  if (text.trim() === '') throw new DataFileError(file, 'is empty (expected a tpa data file; remove it to start afresh)');
  // Depth and size first, without recursion: nothing below may meet a file nested 100,000 deep.
  assertShapeWithinLimits(file, text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DataFileError(file, describeJsonError(text, error));
  }
  return checkDatabase(data, file, known);
};

/** Everything parseDatabase checks once the text is parsed: `data` is JSON.parse's result (it may be changed in place). */
export const checkDatabase = (data: unknown, file: string, known?: KnownRecords): Database => {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new DataFileError(
      file,
      `holds ${data === null ? 'null' : Array.isArray(data) ? 'an array' : `a ${typeof data}`}, not a tpa database`,
    );
  }
  const schema = (data as {schema?: unknown}).schema;
  if (schema === undefined) throw new DataFileError(file, 'has no "schema" field: is it a tpa data file?');
  // Schema 1 lacks only optional fields: read as schema 2, written as 2 by the next save (its backup keeps the old one).
  const upgrading = schema === SCHEMA_1;
  if (upgrading) (data as {schema: number}).schema = SCHEMA_VERSION;
  else if (schema !== SCHEMA_VERSION) {
    const newer = typeof schema === 'number' && schema > SCHEMA_VERSION;
    throw new DataFileError(
      file,
      newer
        ? `was written by a newer tpa (schema ${schema}); this tpa reads schema ${SCHEMA_VERSION}`
        : `has an unknown schema ${describeValue(schema)} (this tpa reads schema ${SCHEMA_VERSION})`,
    );
  }
  const top = topLevelSchema.safeParse(data);
  if (!top.success) {
    const issues = top.error.issues;
    throw invalid(
      file,
      issues.slice(0, MAX_LISTED_PROBLEMS).map(issue => describeIssue(issue, data)),
      Math.max(0, issues.length - MAX_LISTED_PROBLEMS),
    );
  }
  const {listed, more} = collectProblems(top.data, known);
  if (listed.length > 0) throw invalid(file, listed, more);
  // Every record passed the schema above; zod's output equals its input for these schemas.
  const database = top.data as Database;
  assertUnique(database, file);
  if (upgrading) upgradedFromSchema1.add(database);
  return database;
};

const upgradedFromSchema1 = new WeakSet<Database>();

/** True for a database read from a schema 1 file: the save that upgrades it keeps a copy of the old file. */
export const wasUpgraded = (database: Database): boolean => upgradedFromSchema1.has(database);

/** Two records with one id or one name would make every later change ambiguous. */
const assertUnique = (database: Database, file: string): void => {
  const ids = new Map<string, number>();
  const names = new Map<string, number>();
  database.thirdParties.forEach((thirdParty, index) => {
    const label = (at: number) => `thirdParties[${at}] ("${toDisplayText(database.thirdParties[at]!.name).slice(0, 40)}")`;
    const sameId = ids.get(thirdParty.id);
    if (sameId !== undefined) {
      throw new DataFileError(
        file,
        `is invalid: ${label(index)}.id is the same as ${label(sameId)}.id ("${toDisplayText(thirdParty.id).slice(0, 40)}"); ids must be unique`,
      );
    }
    ids.set(thirdParty.id, index);
    const sameName = names.get(nameKey(thirdParty.name));
    if (sameName !== undefined) {
      throw new DataFileError(
        file,
        `is invalid: ${label(index)}.name is the same as ${label(sameName)}.name (names are compared ignoring case and surrounding spaces)`,
      );
    }
    names.set(nameKey(thirdParty.name), index);
  });
};
