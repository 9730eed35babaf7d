/**
 * The digests the server compares secrets and looks tokens up by are SHA-256 of the UTF-8 text,
 * however they are made, and the client secret's verdict follows from them (fast-check).
 */
import {createHash} from 'node:crypto';
import test from 'ava';
import fc from 'fast-check';
import {clientSecretMatches, matchClientSecret} from './rotation.js';
import {constantTimeEquals, sha256, sha256Base64} from './secrets.js';

const text = fc.oneof(
  fc.string(),
  fc.string({unit: 'binary'}),
  fc.string({unit: 'grapheme'}),
  fc.constantFrom('', '\u0000', '\uD800', 'é€😀'),
);

test('sha256 and sha256Base64 are the SHA-256 of the text as UTF-8, byte for byte', t => {
  fc.assert(
    fc.property(text, value => {
      const expected = createHash('sha256').update(value, 'utf8').digest();
      t.deepEqual(sha256(value), expected);
      t.is(sha256Base64(value), expected.toString('base64'));
    }),
    {numRuns: 2000},
  );
});

test('constantTimeEquals is true exactly when the texts are equal', t => {
  fc.assert(
    fc.property(text, text, (a, b) => {
      t.is(constantTimeEquals(a, b), a === b);
      t.true(constantTimeEquals(a, a));
    }),
    {numRuns: 2000},
  );
});

test('a presented client secret is accepted exactly when it is the current one, or the previous one inside its grace period', t => {
  const instant = fc.integer({min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1)});
  fc.assert(
    fc.property(
      text,
      fc.option(fc.record({secret: text, validUntil: instant}), {nil: null}),
      fc.oneof(text, fc.constant('current'), fc.constant('previous')),
      instant,
      fc.constantFrom(0, -1, undefined),
      (current, previous, chosen, moment, atGraceEnd) => {
        // Now is sometimes the very end of the grace period, or the millisecond before it.
        const now = previous && atGraceEnd !== undefined ? previous.validUntil + atGraceEnd : moment;
        const thirdParty = {
          clientSecret: current,
          previousClientSecret: previous && {secret: previous.secret, validUntil: new Date(previous.validUntil).toISOString()},
        };
        // The same record asked again (its digests kept, secrets.ts storedDigest) answers the same.
        const presented = chosen === 'current' ? current : chosen === 'previous' ? (previous?.secret ?? chosen) : chosen;
        const expected =
          presented === current
            ? 'current'
            : previous && presented === previous.secret && previous.validUntil > now
              ? 'previous'
              : undefined;
        for (let ask = 0; ask < 2; ask++) {
          t.is(matchClientSecret(thirdParty, presented, new Date(now)), expected);
          t.is(clientSecretMatches(thirdParty, presented, new Date(now)), expected !== undefined);
        }
      },
    ),
    {numRuns: 1000},
  );
});
