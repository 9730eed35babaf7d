import test from 'ava';
import fc from 'fast-check';
import {
  addToken,
  indexAccess,
  issueAutomaticToken,
  tokenKey,
  type AccessIndex,
  type Environment,
  type ThirdParty,
} from '../domain/index.js';
import {reindexAccess} from './reindex.js';
import {sampleThirdParties} from '../../test/helpers/data-files.js';
import {testEnvironment} from '../../test/helpers/environment.js';

test('the index after a save that replaced some records equals a full index, and finds the new token, not the replaced record', t => {
  const env = testEnvironment();
  const before = sampleThirdParties(env, ['A', 'B', 'C']);
  const index = indexAccess(before);
  const issued = issueAutomaticToken(before[1]!, {id: 'N', token: 'tpat_new'}, env.now());
  const after = before.with(1, issued.thirdParty);
  const incremental = reindexAccess(before, index, after);
  const full = indexAccess(after);
  t.deepEqual([...incremental.byToken.keys()].sort(), [...full.byToken.keys()].sort());
  t.is(incremental.byToken.get(tokenKey('tpat_new'))!.thirdParty, issued.thirdParty);
  t.is(incremental.byClientId.get(before[1]!.clientId), issued.thirdParty);
  t.is(incremental.byToken.get(tokenKey(before[0]!.tokens[0]!.token))!.thirdParty, before[0]!);
  // A deleted token is gone from the index.
  const without = after.with(1, {...issued.thirdParty, tokens: []});
  t.is(reindexAccess(after, incremental, without).byToken.get(tokenKey('tpat_new')), undefined);
  // Nothing changed: the same index.
  t.is(reindexAccess(after, incremental, after), incremental);
});

/** One change a save can make to a record: a token added, made inactive (a new object, the same text), removed, or the record renamed. */
type Change =
  | {readonly kind: 'add'; readonly at: number; readonly text: string}
  | {readonly kind: 'deactivate'; readonly at: number; readonly token: number}
  | {readonly kind: 'remove'; readonly at: number; readonly token: number}
  | {readonly kind: 'rename'; readonly at: number}
  | {readonly kind: 'reparse'; readonly at: number};

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({kind: fc.constant('add' as const), at: fc.nat(), text: fc.string({minLength: 1, maxLength: 6})}),
  fc.record({kind: fc.constant('deactivate' as const), at: fc.nat(), token: fc.nat()}),
  fc.record({kind: fc.constant('remove' as const), at: fc.nat(), token: fc.nat()}),
  fc.record({kind: fc.constant('rename' as const), at: fc.nat()}),
  // A record read again from the file: new objects, the same content.
  fc.record({kind: fc.constant('reparse' as const), at: fc.nat()}),
);

const apply = (thirdParties: readonly ThirdParty[], changes: readonly Change[], env: Environment): ThirdParty[] => {
  let next = [...thirdParties];
  for (const item of changes) {
    const at = item.at % next.length;
    const record = next[at]!;
    const {tokens} = record;
    const pick = (index: number) => index % Math.max(1, tokens.length);
    const changed: ThirdParty | undefined =
      // A new token's text is never one another token has (tokens are 256 random bits): such an add is left out.
      item.kind === 'add' && next.some(other => other.tokens.some(token => token.token === `tpat_${item.text}`))
        ? undefined
        : item.kind === 'add'
          ? {...addToken(record, env), tokens: [...tokens, {...addToken(record, env).tokens.at(-1)!, token: `tpat_${item.text}`}]}
          : item.kind === 'deactivate' && tokens.length > 0
            ? {...record, tokens: tokens.with(pick(item.token), {...tokens[pick(item.token)]!, active: false})}
            : item.kind === 'remove' && tokens.length > 0
              ? {...record, tokens: tokens.filter((_, index) => index !== pick(item.token))}
              : item.kind === 'rename'
                ? {...record, name: `${record.name}+`}
                : item.kind === 'reparse'
                  ? (JSON.parse(JSON.stringify(record)) as ThirdParty)
                  : undefined;
    if (changed) next = next.with(at, changed);
  }
  return next;
};

/** What a lookup finds, by the token's text: the record and token objects. */
const lookups = (index: AccessIndex, thirdParties: readonly ThirdParty[]) =>
  thirdParties.flatMap(thirdParty => thirdParty.tokens.map(token => index.byToken.get(tokenKey(token.token))));

test('saves one after another: the index updated in place finds exactly what a full index of the same records finds', t => {
  fc.assert(
    fc.property(fc.array(fc.array(change, {minLength: 1, maxLength: 4}), {minLength: 1, maxLength: 6}), saves => {
      const env = testEnvironment();
      let thirdParties = sampleThirdParties(env, ['A', 'B', 'C', 'D']).map(thirdParty => addToken(thirdParty, env));
      let index = indexAccess(thirdParties);
      for (const changes of saves) {
        const next = apply(thirdParties, changes, env);
        index = reindexAccess(thirdParties, index, next);
        thirdParties = next;
        const full = indexAccess(thirdParties);
        t.deepEqual([...index.byToken.keys()].sort(), [...full.byToken.keys()].sort());
        const found = lookups(index, thirdParties);
        lookups(full, thirdParties).forEach((entry, position) => {
          t.is(found[position]?.thirdParty, entry?.thirdParty);
          t.is(found[position]?.token, entry?.token);
        });
        t.is(index.byClientId.size, full.byClientId.size);
        for (const [clientId, thirdParty] of full.byClientId) t.is(index.byClientId.get(clientId), thirdParty);
      }
    }),
    {numRuns: 300},
  );
});
