/**
 * A quick yes to "is this parsed record valid?", asked before the schema (schema.ts) at every
 * whole read. It says yes only to records the schema accepts (record-check.test.ts checks that
 * with fast-check against the schema); for anything else it says no, and the schema decides and
 * describes the problem. zod took ~90–140 ms for the 5,000 records of a file at a start and
 * this takes ~20–35 ms (ARCHITECTURE.md, File engine). Its cost: a second description
 * of a record's shape, kept beside the schema: a field added to the schema and not here makes
 * every record take the slow way (the test's valid records fail then), never the wrong one.
 */
import {ISO_TIME} from './schema.js';

/** The schema's `isoTime`: its pattern and a real date. */
const isIsoTime = (value: unknown): boolean => typeof value === 'string' && ISO_TIME.test(value) && !Number.isNaN(Date.parse(value));
const isNonEmpty = (value: unknown): boolean => typeof value === 'string' && value.length > 0;
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Every key is one of `allowed` (the schema's objects are strict). */
const onlyKeys = (value: Record<string, unknown>, allowed: ReadonlySet<string>): boolean => {
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
};

const TOKEN_KEYS = new Set(['id', 'token', 'createdAt', 'expiresAt', 'active', 'sentAt', 'origin', 'test']);
const PREVIOUS_SECRET_KEYS = new Set(['secret', 'validUntil']);
const RECORD_KEYS = new Set([
  'id',
  'name',
  'clientId',
  'clientSecret',
  'previousClientSecret',
  'enabled',
  'callbackUrl',
  'tokens',
  'approval',
  'createdAt',
  'updatedAt',
]);

const isValidToken = (token: unknown): boolean =>
  isPlainObject(token) &&
  onlyKeys(token, TOKEN_KEYS) &&
  isNonEmpty(token['id']) &&
  isNonEmpty(token['token']) &&
  isIsoTime(token['createdAt']) &&
  (token['expiresAt'] === null || isIsoTime(token['expiresAt'])) &&
  typeof token['active'] === 'boolean' &&
  (token['sentAt'] === undefined || isIsoTime(token['sentAt'])) &&
  (token['origin'] === undefined || token['origin'] === 'manual' || token['origin'] === 'automatic') &&
  (token['test'] === undefined || typeof token['test'] === 'boolean');

const isValidPreviousSecret = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (isPlainObject(value) && onlyKeys(value, PREVIOUS_SECRET_KEYS) && isNonEmpty(value['secret']) && isIsoTime(value['validUntil']));

const areValidTokens = (tokens: unknown): boolean => {
  if (!Array.isArray(tokens)) return false;
  for (const token of tokens) if (!isValidToken(token)) return false;
  return true;
};

/** True only for a record thirdPartySchema accepts; false means "ask the schema". */
export const isValidRecordQuickly = (record: unknown): boolean =>
  isPlainObject(record) &&
  onlyKeys(record, RECORD_KEYS) &&
  isNonEmpty(record['id']) &&
  typeof record['name'] === 'string' &&
  isNonEmpty(record['clientId']) &&
  isNonEmpty(record['clientSecret']) &&
  isValidPreviousSecret(record['previousClientSecret']) &&
  typeof record['enabled'] === 'boolean' &&
  (record['callbackUrl'] === null || typeof record['callbackUrl'] === 'string') &&
  areValidTokens(record['tokens']) &&
  (record['approval'] === undefined || record['approval'] === 'automatic' || record['approval'] === 'ask') &&
  isIsoTime(record['createdAt']) &&
  isIsoTime(record['updatedAt']);
