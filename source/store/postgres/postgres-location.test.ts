/** A PostgreSQL address as --data or TPA_DATA gives it, completed from libpq's variables; its password never shown. */
import {inspect} from 'node:util';
import test from 'ava';
import fc from 'fast-check';
import {parseDataLocation} from '../data-location.js';
import {parsePostgresLocation, type PostgresLocation} from './postgres-location.js';
import {redactSecrets} from './redact.js';

const parsed = (text: string, env: NodeJS.ProcessEnv = {}): PostgresLocation => {
  const result = parsePostgresLocation(text, env);
  if (!('location' in result)) throw new Error(result.message);
  return result.location;
};

const problem = (text: string, env: NodeJS.ProcessEnv = {}): string => {
  const result = parsePostgresLocation(text, env);
  if ('location' in result) throw new Error(`accepted: ${result.location.display}`);
  return result.message;
};

test('the engine is chosen by the location: a postgres:// or postgresql:// address is a database, anything else a file', t => {
  const cwd = '/srv/tpa';
  t.deepEqual(parseDataLocation(undefined, {}, cwd), {location: {kind: 'file', path: '/srv/tpa/data/db.json'}});
  t.deepEqual(parseDataLocation('other.json', {}, cwd), {location: {kind: 'file', path: '/srv/tpa/other.json'}});
  t.deepEqual(parseDataLocation(undefined, {TPA_DATA: 'env.json'}, cwd), {location: {kind: 'file', path: '/srv/tpa/env.json'}});
  for (const given of ['postgres://db/tpa', 'postgresql://db/tpa', 'POSTGRES://db/tpa']) {
    const result = parseDataLocation(given, {}, cwd);
    t.is('location' in result && result.location.kind, 'postgres', given);
  }
  const fromEnv = parseDataLocation(undefined, {TPA_DATA: 'postgres://db/tpa'}, cwd);
  t.is('location' in fromEnv && fromEnv.location.kind, 'postgres');
  // libpq's variables alone do not switch the engine: an admin's PGHOST for psql must not move tpa's data.
  t.deepEqual(parseDataLocation(undefined, {PGHOST: 'db', PGDATABASE: 'tpa'}, cwd), {
    location: {kind: 'file', path: '/srv/tpa/data/db.json'},
  });
  t.deepEqual(parseDataLocation(' ', {}, cwd), {message: '--data needs a file name or a postgres:// address.'});
});

test('every part of the address, then the PG… variables, then libpq’s defaults', t => {
  t.deepEqual(parsed('postgres://alice:secret@db.example.com:6543/tpa?sslmode=verify-full').target, {
    host: 'db.example.com',
    port: 6543,
    database: 'tpa',
    user: 'alice',
    sslMode: 'verify-full',
  });
  const env = {PGHOST: 'pg.internal', PGPORT: '5433', PGUSER: 'bob', PGPASSWORD: 'from-env', PGDATABASE: 'tpa_prod', PGSSLMODE: 'require'};
  const fromEnv = parsed('postgres://', env);
  t.deepEqual(fromEnv.target, {host: 'pg.internal', port: 5433, database: 'tpa_prod', user: 'bob', sslMode: 'require'});
  t.is(fromEnv.password(), 'from-env');
  // The address wins over the variables, part by part.
  const mixed = parsed('postgresql://carol@/other?sslmode=disable', env);
  t.like(mixed.target, {host: 'pg.internal', port: 5433, database: 'other', user: 'carol', sslMode: 'disable'});
  t.like(parsed('postgres:///tpa', {USER: 'dave'}).target, {
    host: 'localhost',
    port: 5432,
    user: 'dave',
    database: 'tpa',
    sslMode: 'prefer',
  });
  t.like(parsed('postgres://erin@db').target, {database: 'erin'}, 'the database defaults to the user’s name, as in libpq');
  // A Unix socket folder, as host= or URL-encoded in the host part; an IPv6 address.
  t.like(parsed('postgres:///tpa?host=/var/run/postgresql').target, {host: '/var/run/postgresql'});
  t.like(parsed('postgres://%2Fvar%2Frun%2Fpostgresql/tpa').target, {host: '/var/run/postgresql'});
  t.like(parsed('postgres://[::1]:5432/tpa').target, {host: '::1'});
  // Encoded characters in the user, password and database.
  const encoded = parsed('postgres://us%40er:p%40ss%2Fw@db/my%20db');
  t.like(encoded.target, {user: 'us@er', database: 'my db'});
  t.is(encoded.password(), 'p@ss/w');
  t.is(parsed('postgres://db/tpa?password=q%26p').password(), 'q&p');
});

test('a malformed address is refused with what is wrong, and without its password', t => {
  t.regex(problem('postgres://u:hunter2@db:99999/tpa'), /The port must be a number from 1 to 65535, not "99999"/);
  t.regex(
    problem('postgres://u:hunter2@db/tpa?sslmode=sometimes'),
    /sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full/,
  );
  t.regex(problem('postgres://u:hunter2@db/tpa?frobnicate=1'), /Unknown connection parameter "frobnicate"/);
  t.regex(problem('postgres://u:hunter2@db1,db2/tpa'), /Only one host can be given/);
  t.regex(problem('postgres://u:hunter2@db/tpa/extra'), /database name cannot contain/);
  t.regex(problem('postgres://u:hunter2@db/tpa?connect_timeout=soon'), /connect_timeout must be a whole number/);
  t.regex(problem('postgres://u:hunter2@db/tpa?password=hunter2&frobnicate=1'), /Expected postgres:\/\/USER@HOST:PORT\/DATABASE/);
  for (const text of [
    'postgres://u:hunter2@db:99999/tpa',
    'postgres://u:hunter2@db/tpa?password=hunter2&frobnicate=1',
    'postgres://u:hunter2@db/tpa?frobnicate=1&password=hunter2',
    'postgres://u:hunter2@[bad/tpa',
    'postgres://u:hunter2@db:port/tpa',
  ])
    t.notRegex(problem(text), /hunter2/, text);
});

test('a password typed with "/", "?", "#" or "@" not percent-encoded: refused with the fix, and no part of it shown', t => {
  for (const text of [
    'postgres://alice:QXZJ/KVWQ@db:5432/tpa',
    'postgres://alice:12/KVWQ@db:5432/tpa',
    'postgres://alice:QXZJ?KVWQ@db:5432/tpa',
    'postgres://alice:12#KVWQ@db:5432/tpa',
  ]) {
    const message = problem(text);
    t.notRegex(message, /QXZJ|KVWQ|12/, text);
    t.regex(message, /percent-encoded \(%2F, %3F, %23, %40\)/, text);
  }
  // A user name with "@" in the query stays possible.
  t.is(parsed('postgres://db:5432/tpa?user=me@corp').target.user, 'me@corp');
});

test('property: a password typed with any of "/?#@: " not encoded is never shown, in part or whole', t => {
  const piece = fc.stringMatching(/^[JKQVWXZ]{4,12}$/);
  fc.assert(
    fc.property(piece, fc.constantFrom('/', '?', '#', '@', ':', ' ', '%', '&', '='), piece, (first, special, second) => {
      const result = parsePostgresLocation(`postgres://alice:${first}${special}${second}@db:5432/tpa`, {});
      const shown = 'location' in result ? `${result.location.display} ${inspect(result.location)}` : result.message;
      return !shown.includes(first) && !shown.includes(second);
    }),
    {numRuns: 300},
  );
  t.pass();
});

test('the location prints, logs and serialises without its password', t => {
  const location = parsed('postgres://alice:s3cr%3At@db:5432/tpa?sslmode=require');
  t.is(location.display, 'postgres://alice@db:5432/tpa?sslmode=require');
  for (const shown of [String(location), `${location}`, JSON.stringify({location}), inspect(location), inspect({location}, {depth: 5})]) {
    t.false(shown.includes('s3cr'), shown);
  }
  t.is(parsed('postgres://eve@/tpa?host=/run/pg').display, 'postgres://eve@/tpa?host=/run/pg');
  t.is(location.redact('password authentication failed; tried s3cr:t and s3cr%3At'), 'password authentication failed; tried *** and ***');
});

test('a known password is masked where it stands on its own, never inside the words of a message, which would give it away', t => {
  const location = parsed('postgres://tpa_test:password@db/tpa');
  t.is(location.redact('no passwords in this one'), 'no passwords in this one');
  t.is(location.redact('server said "password" back'), 'server said "***" back');
  t.is(parsed('postgres://tpa_test:e@db/tpa').redact('Connection terminated unexpectedly: e'), 'Connection terminated unexpectedly: ***');
});

test('redaction: any connection URL, any password= pair, and the known secret in any of its forms', t => {
  t.is(redactSecrets('at postgresql://bob:pw@db/x and mysql://a:b@c'), 'at postgresql://bob:***@db/x and mysql://a:***@c');
  t.is(redactSecrets("host=db password='it\\'s x' user=x"), 'host=db password=*** user=x');
  t.is(redactSecrets('postgres://db/x?user=a&password=b&sslmode=require'), 'postgres://db/x?user=a&password=***&sslmode=require');
  t.is(redactSecrets('no secret here'), 'no secret here');
});

test('property: whatever the password, where a message carries it on its own, and in any connection URL, it is masked', t => {
  // The words around it are lower-case letters and spaces; a password with another character
  // (letters-only ones are the examples above) cannot be found in them by chance.
  const words = fc.stringMatching(/^[a-z ]{0,40}$/);
  fc.assert(
    fc.property(
      fc.string({minLength: 1, maxLength: 40, unit: 'binary'}).filter(password => !password.includes('*') && /[^a-z ]/.test(password)),
      words,
      words,
      fc.constantFrom(' ', '"', "'", ':', '=', '(', ')'),
      (password, before, after, mark) => {
        const url = `postgres://alice:${encodeURIComponent(password)}@db:5432/tpa`;
        const result = parsePostgresLocation(url, {});
        if (!('location' in result)) return false;
        const {location} = result;
        if (location.password() !== password) return false;
        for (const message of [
          `${before}${mark}${password}${mark}${after}`,
          `${before}${mark}${encodeURIComponent(password)}${mark}${after}`,
        ]) {
          const redacted = location.redact(message);
          if (redacted.includes(password) || redacted.includes(encodeURIComponent(password))) return false;
        }
        if (
          !location.redact(`could not connect to ${url}: ${before}`).startsWith('could not connect to postgres://alice:***@db:5432/tpa: ')
        )
          return false;
        return location.display === 'postgres://alice@db:5432/tpa';
      },
    ),
    {numRuns: 500},
  );
  t.pass();
});
