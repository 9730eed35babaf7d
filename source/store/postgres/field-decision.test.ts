/**
 * Property: PostgreSQL decides a commit exactly as record-fields.ts `mergeFields` does in
 * JavaScript (the rule the file engine runs). Two writers edit one record from the same base with
 * random edits drawn from small value sets (so that both sides often touch the same field, with
 * the same or another value); the first commits, then the second: its outcome (written, merged
 * with which fields, or a conflict on which fields) and the stored record must be mergeFields's.
 */
import test from 'ava';
import fc from 'fast-check';
import {addToken, changedFields, createThirdParty, fieldValues, mergeFields, type ThirdParty} from '../../domain/index.js';
import {testEnvironment} from '../../../test/helpers/environment.js';
import {postgresForThisFile} from '../../../test/helpers/postgres-per-file.js';
import {commitOf, createWrite, engineOn, migratedDatabase, updateWrite} from '../../../test/helpers/postgres-engine.js';
import type {CommitResult} from '../engine.js';

const postgres = postgresForThisFile();

type Edit = (record: ThirdParty, seed: number) => ThirdParty;

const env = testEnvironment('2026-11-27T10:00:00.000Z', 'field-decision');
const names = ['Alpha', 'Beta'];
const urls = [null, 'https://a.example/cb', 'https://b.example/cb'];
const expiries = [null, '2027-01-01T00:00:00.000Z', '2027-06-01T00:00:00.000Z'];
const tokenAt = (record: ThirdParty, seed: number) => record.tokens[seed % Math.max(1, record.tokens.length)];

const EDITS: Record<string, Edit> = {
  rename: (record, seed) => ({...record, name: `${names[seed % 2]} ${record.id.slice(-6)}`}),
  enable: (record, seed) => ({...record, enabled: seed % 2 === 0}),
  callback: (record, seed) => ({...record, callbackUrl: urls[seed % 3]!}),
  approval: (record, seed) =>
    seed % 3 === 0 ? (({approval: _, ...rest}) => rest)(record) : {...record, approval: seed % 2 ? 'automatic' : 'ask'},
  rotate: (record, seed) => ({
    ...record,
    previousClientSecret: seed % 3 === 0 ? null : {secret: record.clientSecret, validUntil: expiries[1 + (seed % 2)]!},
  }),
  addToken: record => addToken(record, env),
  deleteToken: (record, seed) => {
    const token = tokenAt(record, seed);
    return token ? {...record, tokens: record.tokens.filter(candidate => candidate !== token)} : record;
  },
  toggleActive: (record, seed) => {
    const token = tokenAt(record, seed);
    return {
      ...record,
      tokens: record.tokens.map(candidate => (candidate === token ? {...candidate, active: !candidate.active} : candidate)),
    };
  },
  expiry: (record, seed) => {
    const token = tokenAt(record, seed);
    return {
      ...record,
      tokens: record.tokens.map(candidate => (candidate === token ? {...candidate, expiresAt: expiries[seed % 3]!} : candidate)),
    };
  },
  sent: (record, seed) => {
    const token = tokenAt(record, seed);
    return {
      ...record,
      tokens: record.tokens.map(candidate => (candidate === token ? {...candidate, sentAt: '2026-11-27T11:00:00.000Z'} : candidate)),
    };
  },
};

const edits = fc.array(fc.tuple(fc.constantFrom(...Object.keys(EDITS)), fc.nat(11)), {minLength: 1, maxLength: 3});
const apply = (record: ThirdParty, list: ReadonlyArray<readonly [string, number]>): ThirdParty =>
  list.reduce((current, [name, seed]) => EDITS[name]!(current, seed), record);
const reads = fc.subarray(['enabled', 'callbackUrl', 'name'], {maxLength: 2});

const committed = (result: CommitResult) => {
  if (result.kind !== 'committed') throw new Error(result.kind);
  return result;
};

/** The field map as JSON values, for comparing records whatever the order of their tokens. */
const fieldsOf = (record: ThirdParty | undefined) => (record ? [...fieldValues(record)].sort(([a], [b]) => a.localeCompare(b)) : undefined);

test('the SQL decision is mergeFields’s, for random edits on both sides', async t => {
  const location = await migratedDatabase(postgres());
  const first = await engineOn(t, location, 'tpa first');
  const second = await engineOn(t, location, 'tpa second');
  let minute = 0;
  const at = () => new Date(Date.UTC(2026, 10, 27, 10, 0, minute++));
  await fc.assert(
    fc.asyncProperty(edits, edits, reads, async (theirEdits, myEdits, relied) => {
      const seedRecord = addToken(addToken({...createThirdParty(env, ''), enabled: true, callbackUrl: urls[1]!}, env), env);
      const original = {...seedRecord, name: `Record ${seedRecord.id.slice(-6)}`};
      const made = committed(await first.commit(await first.read(), commitOf(at(), createWrite(original, 'setup', at()))));
      const base = made.snapshot.base(original.id)!.record;
      const known = await second.read();

      const theirs = {...apply(base, theirEdits), updatedAt: at().toISOString()};
      const theirOutcome = committed(await first.commit(made.snapshot, commitOf(at(), updateWrite(made.snapshot, theirs, 'them', at()))))
        .records[0]!;
      if (theirOutcome.kind !== 'written') throw new Error(`their own write: ${theirOutcome.kind}`);
      const current = (await first.read()).base(original.id)!.record;

      const mine = {...apply(base, myEdits), updatedAt: at().toISOString()};
      const write = updateWrite(known, mine, 'me', new Date(mine.updatedAt), relied);
      if (write.kind !== 'update') throw new Error('not an update');
      const expected = mergeFields({base, record: write.record, fields: write.fields, reads: relied}, current);
      const outcome = committed(await second.commit(known, commitOf(new Date(mine.updatedAt), write))).records[0]!;
      const stored = (await first.read()).base(original.id)?.record;

      if (expected.kind === 'conflict') {
        if (outcome.kind !== 'conflict') return false;
        if (JSON.stringify([...outcome.fields].sort()) !== JSON.stringify([...expected.fields].sort())) return false;
        return JSON.stringify(fieldsOf(stored)) === JSON.stringify(fieldsOf(current));
      }
      if (outcome.kind !== 'written') return false;
      const mergedFields = [...(outcome.merged?.fields ?? [])].sort();
      if (JSON.stringify(mergedFields) !== JSON.stringify([...expected.theirs].sort())) return false;
      if (JSON.stringify(fieldsOf(stored)) !== JSON.stringify(fieldsOf(expected.record))) return false;
      // What the writer is told it stored is what is stored.
      return (
        JSON.stringify(fieldsOf(outcome.record)) === JSON.stringify(fieldsOf(stored)) &&
        changedFields(stored!, outcome.record!).length === 0
      );
    }),
    {numRuns: 60},
  );
  t.pass();
});
