/**
 * The quick check (record-check.ts) against the schema it stands in for, with fast-check: it never
 * accepts a record the schema refuses, whatever is changed, added or taken away, and it accepts
 * the valid records tpa writes (else every read would take the slow way).
 */
import test from 'ava';
import fc from 'fast-check';
import {isValidRecordQuickly} from './record-check.js';
import {thirdPartySchema} from './schema.js';

const isoTime = fc.oneof(
  fc
    .date({min: new Date('1970-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true})
    .map(date => date.toISOString()),
  fc.constantFrom('2026-11-27T10:00:00Z', '2026-11-27T10:00:00+02:00', '2026-11-27T10:00:00.1-05:30'),
);

const token = fc.record(
  {
    id: fc.string({minLength: 1}),
    token: fc.string({minLength: 1}),
    createdAt: isoTime,
    expiresAt: fc.option(isoTime, {nil: null}),
    active: fc.boolean(),
    sentAt: isoTime,
    origin: fc.constantFrom('manual', 'automatic'),
    test: fc.boolean(),
  },
  {requiredKeys: ['id', 'token', 'createdAt', 'expiresAt', 'active']},
);

const validRecord = fc.record(
  {
    id: fc.string({minLength: 1}),
    name: fc.string(),
    clientId: fc.string({minLength: 1}),
    clientSecret: fc.string({minLength: 1}),
    previousClientSecret: fc.option(fc.record({secret: fc.string({minLength: 1}), validUntil: isoTime}), {nil: null}),
    enabled: fc.boolean(),
    callbackUrl: fc.option(fc.string(), {nil: null}),
    tokens: fc.array(token, {maxLength: 4}),
    approval: fc.constantFrom('automatic', 'ask'),
    createdAt: isoTime,
    updatedAt: isoTime,
  },
  {requiredKeys: ['id', 'name', 'clientId', 'clientSecret', 'enabled', 'callbackUrl', 'tokens', 'createdAt', 'updatedAt']},
);

/** What a hand edit may leave in a field. */
const badValue = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    null,
    undefined,
    0,
    1,
    true,
    false,
    [],
    {},
    '2026-13-45T10:00:00Z',
    '2026-11-27 10:00:00Z',
    '2026-11-27T10:00:00.000Z ',
    'x',
  ),
  // Near the values the enums take (often: a check that lets one through is found only by that value).
  {weight: 4, arbitrary: fc.constantFrom('Manual', 'automatic ', 'ASK', 'asks', 'auto')},
  fc.string(),
  fc.integer(),
  fc.anything({maxDepth: 2}),
);

/** The fields to change: the schema's own, and one it does not know (`__proto__` as JSON.parse makes it, an own key). */
const FIELDS = [...Object.keys(thirdPartySchema.shape), 'extra', '__proto__'];
const TOKEN_FIELDS = [...Object.keys(thirdPartySchema.shape.tokens.element.shape), 'extra'];
const SECRET_FIELDS = [...Object.keys(thirdPartySchema.shape.previousClientSecret.unwrap().unwrap().shape), 'extra'];

type Change = {readonly where: 'record' | 'token' | 'secret'; readonly field: string; readonly value: unknown; readonly remove: boolean};
const changeOf = (where: Change['where'], fields: readonly string[]): fc.Arbitrary<Change> =>
  fc.record({where: fc.constant(where), field: fc.constantFrom(...fields), value: badValue, remove: fc.boolean()});
const change: fc.Arbitrary<Change> = fc.oneof(
  changeOf('record', FIELDS),
  changeOf('token', TOKEN_FIELDS),
  changeOf('secret', SECRET_FIELDS),
);

/** The record with the changes made, as JSON.parse would give it (own keys, `__proto__` an ordinary one). */
const changed = (record: Record<string, unknown>, changes: readonly Change[]): unknown => {
  const copy = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
  for (const {where, field, value, remove} of changes) {
    const tokens = copy['tokens'];
    const target =
      where === 'record'
        ? copy
        : where === 'token'
          ? Array.isArray(tokens) && tokens.length > 0 && typeof tokens[0] === 'object'
            ? (tokens[0] as Record<string, unknown>)
            : undefined
          : (copy['previousClientSecret'] as Record<string, unknown> | null | undefined);
    if (!target || typeof target !== 'object') continue;
    if (remove) delete target[field];
    else Object.defineProperty(target, field, {value, enumerable: true, writable: true, configurable: true});
  }
  return copy;
};

test('the quick check never accepts a record the schema refuses', t => {
  fc.assert(
    fc.property(validRecord, fc.array(change, {minLength: 1, maxLength: 3}), (record, changes) => {
      const candidate = changed(record, changes);
      if (isValidRecordQuickly(candidate)) t.true(thirdPartySchema.safeParse(candidate).success, JSON.stringify(candidate));
    }),
    {numRuns: 5000},
  );
  fc.assert(
    fc.property(fc.anything(), value => {
      if (isValidRecordQuickly(value)) t.true(thirdPartySchema.safeParse(value).success);
    }),
  );
});

test('the quick check accepts every valid record, so a read of a good file never takes the slow way', t => {
  fc.assert(
    fc.property(validRecord, record => {
      const parsed: unknown = JSON.parse(JSON.stringify(record));
      t.true(thirdPartySchema.safeParse(parsed).success);
      t.true(isValidRecordQuickly(parsed), JSON.stringify(parsed));
    }),
    {numRuns: 1000},
  );
});
