import test from 'ava';
import {addToken, createExpirySummarizer, createThirdParty} from './index.js';
import {testEnvironment} from '../../test/helpers/environment.js';

test('the console summarizer gives the same counts as a fresh pass, and follows a saved record and the clock', t => {
  const env = testEnvironment('2026-01-01T10:00:00.000Z');
  const acme = addToken(createThirdParty(env, 'Acme'), env); // expires 2026-07-01
  const city = createThirdParty(env, 'City');
  const summarize = createExpirySummarizer();
  t.is(summarize([acme, city], new Date('2026-06-01T10:00:00.000Z')).expiring, 0);
  // Within a minute the same record keeps its mark; a new record (a save) is looked at at once.
  const renewed = {...acme, tokens: acme.tokens.map(token => ({...token, expiresAt: '2026-06-05T10:00:00.000Z'}))};
  const afterSave = summarize([renewed, city], new Date('2026-06-01T10:00:30.000Z'));
  t.is(afterSave.expiring, 1);
  t.is(afterSave.marks.get(acme.id), 'expiring');
  // Later, the clock moves the mark: expired.
  const later = summarize([renewed, city], new Date('2026-06-06T10:00:00.000Z'));
  t.is(later.expired, 1);
  t.is(later.expiring, 0);
});
