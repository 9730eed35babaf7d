import test from 'ava';
import {parseDatabase} from './index.js';

const file = (thirdParty: Record<string, unknown>, token: Record<string, unknown> = {}) =>
  JSON.stringify({
    schema: 1,
    revision: 3,
    thirdParties: [
      {
        id: '01JD8X4K2M9Q7P3R5T6V8W0Y1Z',
        name: 'Acme',
        clientId: '01JD8X4K2M9Q7P3R5T6V8W0Y2A',
        clientSecret: 'tpas_secret',
        enabled: true,
        callbackUrl: null,
        tokens: [
          {
            id: 'T1',
            token: 'tpat_token',
            createdAt: '2026-05-27T10:00:00.000Z',
            expiresAt: '2026-11-27T10:00:00.000Z',
            active: true,
            ...token,
          },
        ],
        createdAt: '2026-05-27T10:00:00.000Z',
        updatedAt: '2026-05-27T10:00:00.000Z',
        ...thirdParty,
      },
    ],
  });

test('files written before rotation and sending load unchanged', t => {
  const database = parseDatabase(file({}), 'db.json');
  t.is(database.thirdParties[0]!.previousClientSecret, undefined);
  t.is(database.thirdParties[0]!.tokens[0]!.sentAt, undefined);
});

test('a previous secret and a sent time load', t => {
  const database = parseDatabase(
    file({previousClientSecret: {secret: 'tpas_old', validUntil: '2026-11-28T10:00:00.000Z'}}, {sentAt: '2026-11-27T11:00:00.000Z'}),
    'db.json',
  );
  t.deepEqual(database.thirdParties[0]!.previousClientSecret, {secret: 'tpas_old', validUntil: '2026-11-28T10:00:00.000Z'});
  t.is(database.thirdParties[0]!.tokens[0]!.sentAt, '2026-11-27T11:00:00.000Z');
  t.is(parseDatabase(file({previousClientSecret: null}), 'db.json').thirdParties[0]!.previousClientSecret, null);
});

test('the new fields are checked as strictly as the others', t => {
  t.throws(() => parseDatabase(file({previousClientSecret: {secret: 'tpas_old'}}), 'db.json'), {
    message: /previousClientSecret\.validUntil is missing/,
  });
  t.throws(() => parseDatabase(file({previousClientSecret: {secret: '', validUntil: '2026-11-28T10:00:00.000Z'}}), 'db.json'), {
    message: /previousClientSecret\.secret/,
  });
  t.throws(() => parseDatabase(file({}, {sentAt: 'yesterday'}), 'db.json'), {message: /sentAt/});
  t.throws(() => parseDatabase(file({}, {sentBy: 'x'}), 'db.json'), {message: /unknown field "sentBy"/});
});
