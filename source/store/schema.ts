/** What a valid data file holds (ARCHITECTURE.md, Data), checked field by field when it is read and before it is written. */
import {z} from 'zod';
import {SCHEMA_VERSION, type Database} from '../domain/index.js';

/** A date and time as tpa writes them (ISO 8601 with a zone): also the quick check's (record-check.ts) and the copy's. */
export const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export const isoTime = z
  .string()
  .regex(ISO_TIME, 'expected a date and time such as 2026-11-27T10:00:00.000Z')
  .refine(value => !Number.isNaN(Date.parse(value)), 'expected a real date');

const nonEmpty = z.string().min(1, 'must not be empty');

const tokenSchema = z.strictObject({
  id: nonEmpty,
  token: nonEmpty,
  createdAt: isoTime,
  expiresAt: isoTime.nullable(),
  active: z.boolean(),
  sentAt: isoTime.optional(),
  origin: z.enum(['manual', 'automatic']).optional(),
  test: z.boolean().optional(),
});

const previousClientSecretSchema = z.strictObject({
  secret: nonEmpty,
  validUntil: isoTime,
});

export const thirdPartySchema = z.strictObject({
  id: nonEmpty,
  name: z.string(),
  clientId: nonEmpty,
  clientSecret: nonEmpty,
  previousClientSecret: previousClientSecretSchema.nullable().optional(),
  enabled: z.boolean(),
  callbackUrl: z.string().nullable(),
  tokens: z.array(tokenSchema),
  approval: z.enum(['automatic', 'ask']).optional(),
  createdAt: isoTime,
  updatedAt: isoTime,
});

const settingsSchema = z.strictObject({
  issuer: z.string().min(1).max(2_048).optional(),
});

export const databaseSchema = z.strictObject({
  schema: z.literal(SCHEMA_VERSION),
  revision: z.number().int().nonnegative(),
  settings: settingsSchema.optional(),
  thirdParties: z.array(thirdPartySchema),
}) satisfies z.ZodType<Database>;

/** Schema 1, the file before automatic authorization: no approval, token origin or settings. */
export const SCHEMA_1 = 1;
