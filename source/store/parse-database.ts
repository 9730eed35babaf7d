/**
 * Strict reading of the data file's text. Anything but a valid database of a known schema is an
 * error that names the problem; nothing is guessed (lowdb's own adapter turns `null` into an
 * empty database, which the next save would then write over the file).
 */
import {z} from 'zod';
import {nameKey, SCHEMA_VERSION, toDisplayText, type Database} from '../domain/index.js';
import {DataFileError} from './data-file-error.js';
import {databaseSchema, SCHEMA_1} from './schema.js';

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

export const parseDatabase = (text: string, file: string): Database => {
  if (text.trim() === '') throw new DataFileError(file, 'is empty (expected a tpa data file; remove it to start afresh)');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DataFileError(file, describeJsonError(text, error));
  }
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
        : `has an unknown schema ${toDisplayText(JSON.stringify(schema)).slice(0, 40)} (this tpa reads schema ${SCHEMA_VERSION})`,
    );
  }
  const result = databaseSchema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
    throw new DataFileError(file, `is invalid: ${describeIssue(issues[0]!, data)}${more}`);
  }
  assertUnique(result.data, file);
  if (upgrading) upgradedFromSchema1.add(result.data);
  return result.data;
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
