/** The digests the server compares secrets and looks tokens up by are SHA-256 of the UTF-8 text, however they are made (fast-check). */
import {createHash} from 'node:crypto';
import test from 'ava';
import fc from 'fast-check';
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
