import test from 'ava';
import {
  addToken,
  callbackUrlMatch,
  matchesCallbackUrl,
  checkAccess,
  checkBearerToken,
  createThirdParty,
  indexAccess,
  type AccessCheckId,
  type PresentedCredentials,
  type ThirdParty,
} from './index.js';
import {testEnvironment} from '../../test/helpers/environment.js';

const env = testEnvironment('2026-11-27T10:00:00.000Z');
const acme: ThirdParty = {
  ...addToken(createThirdParty(env, 'Acme Payments'), env),
  enabled: true,
  callbackUrl: 'https://acme.example/oauth/callback',
};
const city: ThirdParty = {...addToken(createThirdParty(env, 'City Utilities'), env), enabled: true};
const acmeToken = acme.tokens[0]!;
const thirdParties = [acme, city];
const now = new Date('2026-12-01T00:00:00.000Z');

const right: PresentedCredentials = {
  clientId: acme.clientId,
  clientSecret: acme.clientSecret,
  token: acmeToken.token,
  callbackUrl: acme.callbackUrl!,
};
const withAcme = (change: Partial<ThirdParty>): ThirdParty[] => [{...acme, ...change}, city];
const withAcmeToken = (change: Partial<typeof acmeToken>): ThirdParty[] => withAcme({tokens: [{...acmeToken, ...change}]});

interface Case {
  readonly title: string;
  readonly presented: PresentedCredentials;
  readonly data: readonly ThirdParty[];
  readonly failed: AccessCheckId | undefined;
  readonly troubleshooting?: RegExp;
}

const cases: Case[] = [
  {title: 'the right credentials are granted', presented: right, data: thirdParties, failed: undefined},
  {
    title: 'an unknown client ID',
    presented: {...right, clientId: '01JD8X4K2M9Q7P3R5T6V8W0Y1Z'},
    data: thirdParties,
    failed: 'clientId',
    troubleshooting: /Right OAuth information/,
  },
  {
    title: 'a wrong client secret',
    presented: {...right, clientSecret: city.clientSecret},
    data: thirdParties,
    failed: 'clientSecret',
    troubleshooting: /Right OAuth information/,
  },
  {title: 'Enabled cleared', presented: right, data: withAcme({enabled: false}), failed: 'enabled', troubleshooting: /Enabled selected/},
  {
    title: 'a token issued to another client',
    presented: {...right, token: city.tokens[0]!.token},
    data: thirdParties,
    failed: 'tokenIssued',
    troubleshooting: /Right OAuth information/,
  },
  {
    title: 'Active cleared',
    presented: right,
    data: withAcmeToken({active: false}),
    failed: 'tokenActive',
    troubleshooting: /Active selected/,
  },
  {
    title: 'an expired token',
    presented: right,
    data: withAcmeToken({expiresAt: '2026-11-30T00:00:00.000Z'}),
    failed: 'tokenNotExpired',
    troubleshooting: /expired/,
  },
  {
    title: 'a different callback URL',
    presented: {...right, callbackUrl: 'https://acme.example/other'},
    data: thirdParties,
    failed: 'callbackUrl',
    troubleshooting: /Right callback URL/,
  },
];

for (const {title, presented, data, failed, troubleshooting} of cases) {
  test(`checkAccess: ${title}`, t => {
    const verdict = checkAccess(presented, data, now);
    const firstFailure = verdict.checks.find(check => !check.passed);
    t.is(firstFailure?.id, failed);
    t.is(verdict.granted, failed === undefined);
    if (troubleshooting) t.regex(verdict.troubleshooting ?? '', troubleshooting);
    else t.is(verdict.troubleshooting, undefined);
    // Only the one failure: every other check passed, or could not be made because of it.
    t.deepEqual(
      verdict.checks.filter(check => !check.passed && !check.skipped).map(check => check.id),
      failed ? [failed] : [],
    );
  });
}

test('the checks come in the order of the issue, the callback URL only when one is given', t => {
  t.deepEqual(
    checkAccess(right, thirdParties, now).checks.map(check => check.id),
    ['clientId', 'clientSecret', 'enabled', 'tokenIssued', 'tokenActive', 'tokenNotExpired', 'callbackUrl'],
  );
  const {callbackUrl: _, ...withoutCallback} = right;
  t.deepEqual(
    checkAccess(withoutCallback, thirdParties, now).checks.map(check => check.id),
    ['clientId', 'clientSecret', 'enabled', 'tokenIssued', 'tokenActive', 'tokenNotExpired'],
  );
});

test('an unknown client ID leaves the checks that need it skipped, not passed', t => {
  const verdict = checkAccess({...right, clientId: 'nobody'}, thirdParties, now);
  const byId = Object.fromEntries(verdict.checks.map(check => [check.id, check]));
  t.true(byId['clientSecret']!.skipped);
  t.true(byId['enabled']!.skipped);
  t.false(byId['clientSecret']!.passed);
  // The token's own state is still reported.
  t.true(byId['tokenActive']!.passed);
});

test('empty fields say that nothing was given', t => {
  const verdict = checkAccess({clientId: '', clientSecret: '', token: ''}, thirdParties, now);
  t.false(verdict.granted);
  t.is(verdict.checks[0]!.reason, 'No client ID was given.');
  t.is(verdict.checks.find(check => check.id === 'tokenIssued')!.reason, 'No OAuth token was given.');
});

test('no reason ever holds the secret or the token', t => {
  for (const {presented, data} of cases) {
    const text = JSON.stringify(checkAccess(presented, data, now).checks) + (checkAccess(presented, data, now).troubleshooting ?? '');
    t.false(text.includes(acme.clientSecret));
    t.false(text.includes(acmeToken.token));
  }
});

test('after a rotation, the previous secret is accepted in its grace period, and not after it (issue 4)', t => {
  const rotated = withAcme({
    clientSecret: city.clientSecret.replace('tpas_', 'tpas_x'),
    previousClientSecret: {secret: acme.clientSecret, validUntil: '2026-12-01T12:00:00.000Z'},
  });
  const inGrace = checkAccess(right, rotated, now);
  t.true(inGrace.granted);
  t.is(inGrace.checks[1]!.reason, 'The previous one, accepted until 2026-12-01 12:00.');
  const after = checkAccess(right, rotated, new Date('2026-12-01T12:00:00.000Z'));
  t.is(after.checks.find(check => !check.passed)?.id, 'clientSecret');
  t.is(checkAccess({...right, clientSecret: rotated[0]!.clientSecret}, rotated, now).checks[1]!.reason, 'Matches the saved one.');
});

test('a token expires at its expiry instant', t => {
  const expiresAt = '2026-12-01T00:00:00.000Z';
  t.true(checkAccess(right, withAcmeToken({expiresAt}), new Date(Date.parse(expiresAt) - 1)).granted);
  t.false(checkAccess(right, withAcmeToken({expiresAt}), new Date(expiresAt)).granted);
  t.true(checkAccess(right, withAcmeToken({expiresAt: null}), new Date('2099-01-01T00:00:00.000Z')).granted);
});

test('callback URL: exact string, except any port on a loopback http URL (RFC 8252 §7.3)', t => {
  t.is(callbackUrlMatch('https://acme.example/cb', 'https://acme.example/cb'), 'exact');
  t.is(callbackUrlMatch('https://acme.example/cb', 'https://acme.example/cb/'), 'different');
  t.is(callbackUrlMatch('https://acme.example/cb', 'https://ACME.example/cb'), 'different');
  t.is(callbackUrlMatch('https://acme.example:8443/cb', 'https://acme.example:9443/cb'), 'different');
  t.is(callbackUrlMatch('http://127.0.0.1:8080/callback', 'http://127.0.0.1:51004/callback'), 'loopback');
  t.is(callbackUrlMatch('http://127.0.0.1/callback', 'http://127.0.0.1:51004/callback'), 'loopback');
  t.is(callbackUrlMatch('http://[::1]:8080/cb?x=1', 'http://[::1]:1/cb?x=1'), 'loopback');
  t.is(callbackUrlMatch('http://localhost:8080/cb', 'http://localhost:9/cb'), 'loopback');
  t.is(callbackUrlMatch('http://127.0.0.1:8080/callback', 'http://127.0.0.1:8080/other'), 'different');
  t.is(callbackUrlMatch('http://127.0.0.1:8080/callback', 'http://127.0.0.2:8080/callback'), 'different');
  t.is(callbackUrlMatch('http://127.0.0.1:8080/callback', 'https://127.0.0.1:8080/callback'), 'different');
  // Plain http to another host may not be a callback URL at all.
  t.is(callbackUrlMatch('http://example.com:8080/cb', 'http://example.com:9090/cb'), 'different');
});

test('checkAccess takes an index as well as the list, with the same verdict', t => {
  t.deepEqual(checkAccess(right, indexAccess(thirdParties), now), checkAccess(right, thirdParties, now));
});

test('bearer token: valid, unknown, disabled, inactive, expired', t => {
  t.true(checkBearerToken(acmeToken.token, indexAccess(thirdParties), now).valid);
  const why = (token: string, data: readonly ThirdParty[]) => {
    const verdict = checkBearerToken(token, indexAccess(data), now);
    return verdict.valid ? 'valid' : verdict.why;
  };
  t.is(why('tpat_nothing', thirdParties), 'unknown');
  t.is(why('', thirdParties), 'unknown');
  t.is(why(acmeToken.token, withAcme({enabled: false})), 'disabled');
  t.is(why(acmeToken.token, withAcmeToken({active: false})), 'inactive');
  t.is(why(acmeToken.token, withAcmeToken({expiresAt: '2026-11-30T00:00:00.000Z'})), 'expired');
});

test('a presented callback URL is compared as a string: a URL a parser reads as the saved one is different', t => {
  t.is(callbackUrlMatch('https://acme.example/cb', 'https://ACME.example:443/x/../cb'), 'different');
  t.is(callbackUrlMatch('https://acme.example/cb', 'https://acme.example\\cb'), 'different');
  t.is(callbackUrlMatch('http://127.0.0.1/cb', 'http://2130706433:5000/cb'), 'different');
  t.is(callbackUrlMatch('http://127.0.0.1/cb', 'http://127.0.0.1.evil.example:5000/cb'), 'different');
  t.is(callbackUrlMatch('https://acme.example/', 'https://acme.example'), 'different');
  t.is(callbackUrlMatch('http://[::1]/cb', 'http://[::1]:49152/cb'), 'loopback');
  t.is(callbackUrlMatch('http://localhost/cb', 'http://127.0.0.1:49152/cb'), 'different');
  t.is(callbackUrlMatch('https://acme.example/cb', 'https://acme.example/cb#x'), 'different');
  t.true(matchesCallbackUrl('http://127.0.0.1/cb', 'http://127.0.0.1:8080/cb'));
  t.false(matchesCallbackUrl('https://acme.example:8443/cb', 'https://acme.example:9443/cb'));
  t.false(matchesCallbackUrl('https://acme.example/cb', 'https://acme.example/cb?x=1'));
});
