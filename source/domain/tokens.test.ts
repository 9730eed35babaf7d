import test from 'ava';
import fc from 'fast-check';
import {addCalendarMonths, createToken, tokenState} from './index.js';
import type {OAuthToken} from './types.js';
import {testEnvironment} from '../../test/helpers/environment.js';

// The suite runs with TZ=UTC unless told otherwise (see package.json); local dates are UTC dates here.
const local = (year: number, month: number, day: number, hour = 10) => new Date(year, month - 1, day, hour);
const day = (date: Date) => [date.getFullYear(), date.getMonth() + 1, date.getDate()];

test('six calendar months later is the same day of the month', t => {
  t.deepEqual(day(addCalendarMonths(local(2026, 11, 27), 6)), [2027, 5, 27]);
});

test('a day the target month lacks is clamped to its end: Aug 31 + 6 months = Feb 28', t => {
  t.deepEqual(day(addCalendarMonths(local(2026, 8, 31), 6)), [2027, 2, 28]);
});

test('in a leap year Aug 31 + 6 months = Feb 29', t => {
  t.deepEqual(day(addCalendarMonths(local(2027, 8, 31), 6)), [2028, 2, 29]);
});

test('other month ends: Mar 31 + 6 = Sep 30, Dec 31 + 6 = Jun 30, May 31 + 6 = Nov 30', t => {
  t.deepEqual(day(addCalendarMonths(local(2026, 3, 31), 6)), [2026, 9, 30]);
  t.deepEqual(day(addCalendarMonths(local(2026, 12, 31), 6)), [2027, 6, 30]);
  t.deepEqual(day(addCalendarMonths(local(2026, 5, 31), 6)), [2026, 11, 30]);
});

test('the time of day is kept', t => {
  const later = addCalendarMonths(local(2026, 1, 15, 17), 6);
  t.is(later.getHours(), 17);
});

test('a new token is active, created now, and expires six months later', t => {
  const env = testEnvironment('2026-08-31T12:00:00.000Z');
  const token = createToken(env);
  t.true(token.active);
  t.is(token.createdAt, '2026-08-31T12:00:00.000Z');
  t.is(token.expiresAt, '2027-02-28T12:00:00.000Z');
  t.regex(token.token, /^tpat_/);
});

test('token state: active, inactive when cleared, expired whatever its flag', t => {
  const env = testEnvironment('2026-01-01T00:00:00.000Z');
  const token = createToken(env);
  t.is(tokenState(token, new Date('2026-03-01T00:00:00.000Z')), 'active');
  t.is(tokenState({...token, active: false}, new Date('2026-03-01T00:00:00.000Z')), 'inactive');
  t.is(tokenState(token, new Date('2026-07-01T00:00:00.000Z')), 'expired');
  t.is(tokenState({...token, active: false}, new Date('2026-07-01T00:00:00.000Z')), 'expired');
});

test('a token expires at its expiry instant, not a moment later', t => {
  const token = createToken(testEnvironment('2026-01-01T00:00:00.000Z'));
  const expiry = Date.parse(token.expiresAt!);
  t.is(tokenState(token, new Date(expiry - 1)), 'active');
  t.is(tokenState(token, new Date(expiry)), 'expired');
});

test('a token that never expires stays active', t => {
  const token = {...createToken(testEnvironment()), expiresAt: null};
  t.is(tokenState(token, new Date('2099-01-01T00:00:00.000Z')), 'active');
});

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
