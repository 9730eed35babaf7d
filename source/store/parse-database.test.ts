import test from 'ava';
import {DataFileError, parseDatabase} from './index.js';

const FILE = '/srv/tpa/db.json';

const problem = (text: string): string => {
  try {
    parseDatabase(text, FILE);
  } catch (error) {
    if (error instanceof DataFileError) return error.message;
    throw error;
  }
  throw new Error('expected the file to be refused');
};

const valid = {
  schema: 1,
  revision: 3,
  thirdParties: [
    {
      id: '01JD8X4K2M9Q7P3R5T6V8W0Y1Z',
      name: 'Acme Payments',
      clientId: '01JD8X4K2M9Q7P3R5T6V8W0Y20',
      clientSecret: 'tpas_secret',
      enabled: true,
      callbackUrl: null,
      tokens: [{id: 't1', token: 'tpat_token', createdAt: '2026-11-27T10:00:00.000Z', expiresAt: '2027-05-27T10:00:00.000Z', active: true}],
      createdAt: '2026-11-27T10:00:00.000Z',
      updatedAt: '2026-11-27T10:00:00.000Z',
    },
  ],
};

const withFirst = (change: Record<string, unknown>) => JSON.stringify({...valid, thirdParties: [{...valid.thirdParties[0], ...change}]});

test('a valid file is read as it is (schema 1 as schema 2, the fields it lacks are optional)', t => {
  t.deepEqual(parseDatabase(JSON.stringify(valid), FILE), {...valid, schema: 2});
  t.deepEqual(parseDatabase(JSON.stringify({...valid, schema: 2}), FILE), {...valid, schema: 2});
});

test('every message names the file', t => {
  t.true(problem('').startsWith(`${FILE}: `));
});

test('an empty file is refused', t => {
  t.regex(problem(''), /is empty/);
  t.regex(problem(' \n'), /is empty/);
});

test('a file that is not JSON is refused with the place of the error', t => {
  t.regex(problem('{"schema": 1,\n "revision": 2,\n x'), /is not valid JSON \(line 3, column 2\)/);
  t.regex(problem('{"schema": 1, "revision": }'), /is not valid JSON \(unexpected "}"\)/);
  t.regex(problem('{"schema": 1, "thirdParties": [{"clientSecret": "tpas_abc"'), /it ends too early/);
});

test('null, an array or a number is not a database', t => {
  t.regex(problem('null'), /holds null, not a tpa database/);
  t.regex(problem('[]'), /holds an array/);
  t.regex(problem('42'), /holds a number/);
});

test('a file without a schema, or of an unknown or newer schema, is refused', t => {
  t.regex(problem('{"revision": 1, "thirdParties": []}'), /has no "schema" field/);
  t.regex(problem('{"schema": 3, "revision": 1, "thirdParties": []}'), /written by a newer tpa \(schema 3\)/);
  t.regex(problem('{"schema": "one", "revision": 1, "thirdParties": []}'), /unknown schema "one"/);
});

test('invalid content names the record and the field', t => {
  t.regex(problem(withFirst({enabled: 'yes'})), /thirdParties\[0\] \("Acme Payments"\)\.enabled/);
  t.regex(problem(withFirst({clientSecret: undefined})), /thirdParties\[0\] \("Acme Payments"\)\.clientSecret is missing/);
  t.regex(problem(withFirst({colour: 'red'})), /thirdParties\[0\] \("Acme Payments"\) has unknown field "colour"/);
  t.regex(problem(withFirst({createdAt: 'yesterday'})), /createdAt: expected a date and time/);
});

test('two records with one id or one name are refused', t => {
  const second = {...valid.thirdParties[0], name: 'Other'};
  t.regex(
    problem(JSON.stringify({...valid, thirdParties: [valid.thirdParties[0], second]})),
    /thirdParties\[1\] \("Other"\)\.id is the same as thirdParties\[0\] \("Acme Payments"\)\.id/,
  );
  const third = {...valid.thirdParties[0], id: 'x2', name: 'ACME payments'};
  t.regex(
    problem(JSON.stringify({...valid, thirdParties: [valid.thirdParties[0], third]})),
    /thirdParties\[1\] \("ACME payments"\)\.name is the same as thirdParties\[0\] \("Acme Payments"\)\.name/,
  );
});

test('escape sequences in a hand-edited name do not reach the message', t => {
  const message = problem(withFirst({name: 'Evil\u001B]0;pwned\u0007', enabled: 'yes'}));
  t.false(message.includes('\u001B'));
});

test('the message never holds a secret', t => {
  const message = problem(withFirst({enabled: 'yes'}));
  t.false(message.includes('tpas_secret'));
  t.false(message.includes('tpat_token'));
});
