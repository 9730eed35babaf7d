import test from 'ava';
import {
  clientSecretMatches,
  createThirdParty,
  isWellFormedCredential,
  parseGraceHours,
  rotateClientSecret,
  SECRET_PREFIX,
  withoutStoppedSecret,
} from './index.js';
import {testEnvironment} from '../../test/helpers/environment.js';

const rotated = (graceHours: number) => {
  const env = testEnvironment('2026-11-27T10:00:00.000Z');
  const before = createThirdParty(env, 'Acme');
  const after = rotateClientSecret(before, env, graceHours);
  return {before, after};
};

const at = (iso: string) => new Date(iso);

test('rotation generates a new well-formed secret and keeps the old one as previous for the grace period', t => {
  const {before, after} = rotated(24);
  t.not(after.clientSecret, before.clientSecret);
  t.true(isWellFormedCredential(after.clientSecret, SECRET_PREFIX));
  t.deepEqual(after.previousClientSecret, {secret: before.clientSecret, validUntil: '2026-11-28T10:00:00.000Z'});
  t.is(after.clientId, before.clientId, 'the client ID stays');
});

test('which secret is accepted when: the current always, the previous only inside its grace period', t => {
  const {before, after} = rotated(24);
  const cases: [string, string, string, boolean][] = [
    ['new secret, at once', after.clientSecret, '2026-11-27T10:00:00.000Z', true],
    ['new secret, a year later', after.clientSecret, '2027-11-27T10:00:00.000Z', true],
    ['previous secret, at once', before.clientSecret, '2026-11-27T10:00:00.000Z', true],
    ['previous secret, a millisecond before the end', before.clientSecret, '2026-11-28T09:59:59.999Z', true],
    ['previous secret, at the end of the grace period', before.clientSecret, '2026-11-28T10:00:00.000Z', false],
    ['previous secret, after it', before.clientSecret, '2026-11-29T10:00:00.000Z', false],
    ['a wrong secret', `${after.clientSecret}x`, '2026-11-27T10:00:00.000Z', false],
    ['an empty secret', '', '2026-11-27T10:00:00.000Z', false],
  ];
  for (const [name, presented, now, expected] of cases) t.is(clientSecretMatches(after, presented, at(now)), expected, name);
});

test('a grace period of 0 hours stops the previous secret at once', t => {
  const {before, after} = rotated(0);
  t.is(after.previousClientSecret, null);
  t.false(clientSecretMatches(after, before.clientSecret, at('2026-11-27T10:00:00.000Z')));
  t.true(clientSecretMatches(after, after.clientSecret, at('2026-11-27T10:00:00.000Z')));
});

test('a third party never saved keeps no previous secret: nobody can hold it yet', t => {
  const env = testEnvironment('2026-11-27T10:00:00.000Z');
  const after = rotateClientSecret(createThirdParty(env, 'Acme'), env, 24, true);
  t.is(after.previousClientSecret, null);
});

test('rotating again inside the grace period drops the first secret at once', t => {
  const env = testEnvironment('2026-11-27T10:00:00.000Z');
  const first = createThirdParty(env, 'Acme');
  const second = rotateClientSecret(first, env, 24);
  env.setNow('2026-11-27T12:00:00.000Z');
  const third = rotateClientSecret(second, env, 24);
  const now = at('2026-11-27T12:00:00.000Z');
  t.false(clientSecretMatches(third, first.clientSecret, now));
  t.true(clientSecretMatches(third, second.clientSecret, now));
  t.is(third.previousClientSecret?.validUntil, '2026-11-28T12:00:00.000Z');
});

test('a record without the field (files from before rotation) accepts only its secret', t => {
  const env = testEnvironment();
  const {previousClientSecret: _, ...old} = createThirdParty(env, 'Acme');
  t.true(clientSecretMatches(old, old.clientSecret, env.now()));
  t.false(clientSecretMatches(old, 'tpas_other', env.now()));
});

test('a stopped previous secret is not kept when the record is saved', t => {
  const {after} = rotated(24);
  t.is(withoutStoppedSecret(after, at('2026-11-28T09:00:00.000Z')), after);
  t.is(withoutStoppedSecret(after, at('2026-11-28T10:00:00.000Z')).previousClientSecret, null);
});

test('grace hours: whole hours from 0 to 720', t => {
  t.deepEqual(parseGraceHours('24'), {ok: true, hours: 24});
  t.deepEqual(parseGraceHours(' 0 '), {ok: true, hours: 0});
  t.deepEqual(parseGraceHours('720'), {ok: true, hours: 720});
  t.false(parseGraceHours('721').ok);
  t.false(parseGraceHours('1.5').ok);
  t.false(parseGraceHours('-1').ok);
  t.false(parseGraceHours('').ok);
  t.false(parseGraceHours('a day').ok);
});
