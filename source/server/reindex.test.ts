import test from 'ava';
import {indexAccess, issueAutomaticToken, tokenKey} from '../domain/index.js';
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
