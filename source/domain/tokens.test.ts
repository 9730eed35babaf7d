/** A token's state at a moment (tokens.ts tokenState), the access check's rule for expiry (fast-check). */
import test from 'ava';
import fc from 'fast-check';
import {tokenState} from './tokens.js';
import type {OAuthToken} from './types.js';

test('a token is expired from its expiry on, whatever it was asked before; otherwise its Active box decides', t => {
  const instant = fc.integer({min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1)});
  fc.assert(
    fc.property(
      fc.option(instant, {nil: null}),
      fc.boolean(),
      fc.array(instant, {minLength: 1, maxLength: 6}),
      (expiry, active, moments) => {
        const token: OAuthToken = {
          id: 't',
          token: 'tpat_x',
          createdAt: '2020-01-01T00:00:00.000Z',
          expiresAt: expiry === null ? null : new Date(expiry).toISOString(),
          active,
        };
        // Asked at several moments in turn: the expiry is parsed once per token and must not stick to the first answer.
        // The expiry itself among them: expired from that very millisecond.
        for (const moment of expiry === null ? moments : [...moments, expiry, expiry - 1]) {
          const expected = expiry !== null && expiry <= moment ? 'expired' : active ? 'active' : 'inactive';
          t.is(tokenState(token, new Date(moment)), expected);
        }
      },
    ),
    {numRuns: 1000},
  );
});
