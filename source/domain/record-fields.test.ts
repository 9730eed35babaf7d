/** The field-by-field merge of two writers' changes to one third party (record-fields.ts). */
import test from 'ava';
import fc from 'fast-check';
import {addToken, createThirdParty, markTokenSent, setTokenExpiry, type ThirdParty} from './index.js';
import {changedFields, fieldLabels, fieldValues, mergeFields} from './record-fields.js';
import {testEnvironment} from '../../test/helpers/environment.js';

const env = testEnvironment();
const base: ThirdParty = addToken(addToken({...createThirdParty(env, 'Acme Payments'), enabled: true}, env), env);
const [newer, older] = base.tokens;

const merge = (mine: ThirdParty, theirs: ThirdParty, reads: string[] = []) =>
  mergeFields({base, record: mine, fields: changedFields(base, mine), reads}, theirs);

test('changes to different fields merge: both are kept, and their fields are named', t => {
  const result = merge({...base, name: 'Acme Ltd'}, {...base, enabled: false, callbackUrl: 'https://acme.example/cb'});
  if (result.kind !== 'merged') return t.fail(result.kind);
  t.like(result.record, {name: 'Acme Ltd', enabled: false, callbackUrl: 'https://acme.example/cb'});
  t.deepEqual([...result.theirs].sort(), ['callbackUrl', 'enabled']);
  t.deepEqual(fieldLabels(result.theirs), ['Enabled', 'Callback URL']);
});

test('the same field changed to different values is a conflict naming the field; to the same value it is not', t => {
  const conflict = merge({...base, name: 'Acme Ltd'}, {...base, name: 'Acme GmbH'});
  t.deepEqual(conflict, {kind: 'conflict', fields: ['name']});
  const same = merge({...base, name: 'Acme Ltd', enabled: false}, {...base, name: 'Acme Ltd'});
  if (same.kind !== 'merged') return t.fail(same.kind);
  t.like(same.record, {name: 'Acme Ltd', enabled: false});
});

test('tokens merge token by token and field by field: a token added on each side, two fields of one token', t => {
  const mine = setTokenExpiry(addToken({...base}, env), older!.id, new Date('2027-01-01T00:00:00.000Z'));
  const theirs = addToken(markTokenSent(base, older!.id, new Date('2026-11-27T12:00:00.000Z')), env);
  const result = merge(mine, theirs);
  if (result.kind !== 'merged') return t.fail(result.kind);
  t.is(result.record.tokens.length, 4);
  const token = result.record.tokens.find(candidate => candidate.id === older!.id)!;
  t.is(token.expiresAt, '2027-01-01T00:00:00.000Z');
  t.is(token.sentAt, '2026-11-27T12:00:00.000Z');
  t.deepEqual(fieldLabels(result.theirs), ['tokens']);
});

test('a token removed on one side and changed on the other is a conflict', t => {
  const removed = {...base, tokens: base.tokens.filter(token => token.id !== newer!.id)};
  const changed = {...base, tokens: base.tokens.map(token => (token.id === newer!.id ? {...token, active: false} : token))};
  t.is(merge(removed, changed).kind, 'conflict');
  t.is(merge(changed, removed).kind, 'conflict');
  // Its sentAt set there, the token removed here: a conflict too (an absent sentAt is a value).
  t.is(merge(removed, markTokenSent(base, newer!.id, new Date('2026-11-27T12:00:00.000Z'))).kind, 'conflict');
});

test('a field the change relied on, changed by the other writer, is a conflict', t => {
  const mine = addToken(base, env);
  t.deepEqual(merge(mine, {...base, enabled: false}, ['enabled', 'callbackUrl']), {kind: 'conflict', fields: ['enabled']});
});

const TOP = ['name', 'enabled', 'callbackUrl', 'approval'] as const;
const valueOf = (field: (typeof TOP)[number], seed: number): Partial<ThirdParty> =>
  field === 'name'
    ? {name: `Name ${seed}`}
    : field === 'enabled'
      ? {enabled: seed % 2 === 0}
      : field === 'callbackUrl'
        ? {callbackUrl: `https://app${seed}.example/cb`}
        : {approval: seed % 2 === 0 ? 'automatic' : 'ask'};

test('property: changes to disjoint sets of fields always merge into both; an overlap with different values always conflicts', t => {
  fc.assert(
    fc.property(fc.subarray([...TOP]), fc.subarray([...TOP]), fc.integer({min: 1, max: 1_000}), (mineFields, theirFields, seed) => {
      const mine = Object.assign({...base}, ...mineFields.map(field => valueOf(field, seed))) as ThirdParty;
      const theirs = Object.assign({...base}, ...theirFields.map(field => valueOf(field, seed + 1))) as ThirdParty;
      const result = merge(mine, theirs);
      const overlap = changedFields(base, mine).filter(field => changedFields(base, theirs).includes(field));
      if (overlap.length > 0) return result.kind === 'conflict' && result.fields.every(field => overlap.includes(field));
      if (result.kind !== 'merged') return false;
      // Compared as the merge compares them: no approval is "ask".
      const merged = fieldValues(result.record);
      const changedHere = changedFields(base, mine);
      return TOP.every(field => merged.get(field) === fieldValues(changedHere.includes(field) ? mine : theirs).get(field));
    }),
  );
  t.pass();
});

test('property: changedFields names exactly the keys whose values differ', t => {
  const token = fc.record({expiresAt: fc.option(fc.constant('2027-01-01T00:00:00.000Z')), active: fc.boolean(), sent: fc.boolean()});
  fc.assert(
    fc.property(fc.array(token, {maxLength: 3}), fc.array(token, {maxLength: 3}), fc.boolean(), (mine, theirs, rename) => {
      const made = (changes: {expiresAt: string | null; active: boolean; sent: boolean}[]) =>
        base.tokens.flatMap((existing, index) => {
          const change = changes[index];
          if (!change) return [existing];
          const {sent, ...fields} = change;
          return [{...existing, ...fields, ...(sent ? {sentAt: '2026-11-27T12:00:00.000Z'} : {})}];
        });
      const a: ThirdParty = {...base, tokens: made(mine)};
      const b: ThirdParty = {...base, name: rename ? 'Other' : base.name, tokens: made(theirs).slice(0, 1 + (theirs.length % 2))};
      const [va, vb] = [fieldValues(a), fieldValues(b)];
      const expected = new Set([...vb.keys(), ...va.keys()].filter(key => va.get(key) !== vb.get(key)));
      const got = changedFields(a, b);
      return got.length === expected.size && got.every(key => expected.has(key));
    }),
  );
  t.pass();
});
