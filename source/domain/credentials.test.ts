import test from 'ava';
import {decodeTime, isValid} from 'ulid';
import {generateCredential, generateId, isWellFormedCredential, SECRET_PREFIX, shortenCredential, TOKEN_PREFIX} from './index.js';
import {testEnvironment} from '../../test/helpers/environment.js';

test('a client secret is the prefix, 43 base62 characters of 32 random bytes and a checksum', t => {
  const secret = generateCredential(SECRET_PREFIX, testEnvironment());
  t.regex(secret, /^tpas_[0-9A-Za-z]{49}$/);
  t.true(isWellFormedCredential(secret, SECRET_PREFIX));
});

test('a token is recognised as a token and not as a secret', t => {
  const token = generateCredential(TOKEN_PREFIX, testEnvironment());
  t.true(isWellFormedCredential(token, TOKEN_PREFIX));
  t.false(isWellFormedCredential(token, SECRET_PREFIX));
});

test('a credential with one character changed fails its checksum', t => {
  const token = generateCredential(TOKEN_PREFIX, testEnvironment());
  const index = 12;
  const changed = token.slice(0, index) + (token[index] === 'a' ? 'b' : 'a') + token.slice(index + 1);
  t.false(isWellFormedCredential(changed, TOKEN_PREFIX));
  t.false(isWellFormedCredential(`${token}x`, TOKEN_PREFIX));
});

test('credentials come from the injected random source: the same bytes give the same value, others another', t => {
  t.is(
    generateCredential(TOKEN_PREFIX, testEnvironment(undefined, 'a')),
    generateCredential(TOKEN_PREFIX, testEnvironment(undefined, 'a')),
  );
  t.not(
    generateCredential(TOKEN_PREFIX, testEnvironment(undefined, 'a')),
    generateCredential(TOKEN_PREFIX, testEnvironment(undefined, 'b')),
  );
});

test('all-zero and all-one random bytes still give a full-length credential', t => {
  for (const fill of [0, 255]) {
    const value = generateCredential(TOKEN_PREFIX, {randomBytes: size => new Uint8Array(size).fill(fill)});
    t.is(value.length, 54);
    t.true(isWellFormedCredential(value, TOKEN_PREFIX));
  }
});

test('ids are ULIDs carrying the injected time', t => {
  const env = testEnvironment('2026-11-27T10:00:00.000Z');
  const id = generateId(env);
  t.true(isValid(id));
  t.is(decodeTime(id), Date.parse('2026-11-27T10:00:00.000Z'));
  t.not(generateId(env), id);
});

test('a credential is shortened to its prefix, three characters and the last four', t => {
  t.is(shortenCredential('tpat_Xk3abcdefghijklmnop9fQ2'), 'tpat_Xk3…9fQ2');
});
