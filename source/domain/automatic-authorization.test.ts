import test from 'ava';
import fc from 'fast-check';
import {
  awaitingAuthorization,
  createThirdParty,
  deactivateToken,
  issueAutomaticToken,
  KEPT_REPLACED_TOKENS,
  addToken,
  withoutStaleAutomaticTokens,
  type OAuthToken,
  type ThirdParty,
} from './index.js';
import {testEnvironment} from '../../test/helpers/environment.js';

const env = testEnvironment('2026-11-27T10:00:00.000Z');
const at = (minute: number): Date => new Date(Date.UTC(2026, 10, 27, 10, minute));

test('a day of automatic authorizations and self-tests leaves the live token and the last few replaced ones', t => {
  let thirdParty: ThirdParty = {...addToken(createThirdParty(env, 'Acme'), env), callbackUrl: 'https://acme.example/cb'};
  const manual = thirdParty.tokens[0]!;
  for (let run = 0; run < 25; run++) {
    // The console's self-test: a test token, revoked at its end.
    const tested = issueAutomaticToken(thirdParty, {id: `T${run}`, token: `tpat_t${run}`}, at(2 * run), true).thirdParty;
    thirdParty = deactivateToken(tested, `T${run}`);
    thirdParty = issueAutomaticToken(thirdParty, {id: `A${run}`, token: `tpat_a${run}`}, at(2 * run + 1)).thirdParty;
  }
  t.deepEqual(
    thirdParty.tokens.map(token => [token.id, token.active]),
    [
      ['A24', true],
      ['A23', false],
      ['A22', false],
      ['A21', false],
      [manual.id, true],
    ],
  );
});

test('awaiting authorization: a callback URL, never authorized, no usable token', t => {
  const bare = {...createThirdParty(env, 'Acme'), callbackUrl: 'https://acme.example/cb'};
  t.true(awaitingAuthorization(bare, env.now()));
  t.false(awaitingAuthorization({...bare, callbackUrl: null}, env.now()), 'manual authorization waits for nobody');
  t.false(awaitingAuthorization(addToken(bare, env), env.now()), 'an admin gave it a token');
  const issued = issueAutomaticToken(bare, {id: 'A', token: 'tpat_a'}, env.now()).thirdParty;
  t.false(awaitingAuthorization(deactivateToken(issued, 'A'), env.now()), 'it was authorized once');
});

const token = fc.record({
  id: fc.uuid(),
  token: fc.constant('tpat_x'),
  createdAt: fc.integer({min: 0, max: 10_000}).map(minute => at(minute).toISOString()),
  expiresAt: fc.constant(null),
  active: fc.boolean(),
  origin: fc.constantFrom<OAuthToken['origin']>('manual', 'automatic', undefined),
  test: fc.constantFrom<boolean | undefined>(true, undefined),
}) as fc.Arbitrary<OAuthToken>;

test("the rule never drops an Active token or an admin's token, keeps at most a few replaced ones and no revoked test token, in order", t => {
  fc.assert(
    fc.property(fc.array(token, {maxLength: 30}), tokens => {
      const before = {
        ...createThirdParty(env, 'Acme'),
        tokens: tokens.map(one => Object.fromEntries(Object.entries(one).filter(([, v]) => v !== undefined)) as OAuthToken),
      };
      const after = withoutStaleAutomaticTokens(before).tokens;
      const kept = new Set(after);
      for (const one of before.tokens) if (one.active || one.origin !== 'automatic') t.true(kept.has(one));
      const stale = after.filter(one => !one.active && one.origin === 'automatic');
      t.true(stale.length <= KEPT_REPLACED_TOKENS);
      t.false(stale.some(one => one.test === true));
      t.deepEqual(
        after,
        before.tokens.filter(one => kept.has(one)),
        'the order is kept',
      );
      // The newest replaced ones are those kept.
      const allStale = before.tokens.filter(one => !one.active && one.origin === 'automatic' && !one.test);
      const newest = Math.max(...allStale.map(one => Date.parse(one.createdAt)));
      if (allStale.length > 0) t.true(stale.some(one => Date.parse(one.createdAt) === newest));
      t.deepEqual(withoutStaleAutomaticTokens({...before, tokens: after}).tokens, after, 'applied twice, the same');
    }),
  );
});
