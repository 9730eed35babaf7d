import test from 'ava';
import {
  addToken,
  createThirdParty,
  DEFAULT_SERVER_URL,
  newestUsableToken,
  oauthSheet,
  sendRefusal,
  testAccessCommand,
  toggleTokenActive,
  type ThirdParty,
} from './index.js';
import {testEnvironment} from '../../test/helpers/environment.js';

const acme = (): {thirdParty: ThirdParty; env: ReturnType<typeof testEnvironment>} => {
  const env = testEnvironment('2026-08-01T10:00:00.000Z');
  let thirdParty: ThirdParty = {
    ...createThirdParty(env, 'Acme Payments'),
    enabled: true,
    callbackUrl: 'https://acme.example/oauth/callback',
  };
  thirdParty = addToken(thirdParty, env);
  env.setNow('2026-11-27T10:00:00.000Z');
  thirdParty = addToken(thirdParty, env);
  return {thirdParty, env};
};

test('the token sent is the newest active, unexpired one', t => {
  const {thirdParty, env} = acme();
  const [newest, older] = thirdParty.tokens;
  t.is(newestUsableToken(thirdParty, env.now())?.id, newest!.id);
  t.is(newestUsableToken(toggleTokenActive(thirdParty, newest!.id), env.now())?.id, older!.id);
  env.setNow('2027-03-01T00:00:00.000Z'); // the older one (Aug 1 + 6 months) has expired
  t.is(newestUsableToken(toggleTokenActive(thirdParty, newest!.id), env.now()), undefined);
});

test('sending is refused unless saved and, without a callback URL, with an active, unexpired token', t => {
  const {thirdParty, env} = acme();
  t.is(sendRefusal(thirdParty, true, env.now()), undefined);
  t.is(sendRefusal(thirdParty, false, env.now()), 'Save first (Ctrl+S): only saved information is sent.');
  const manual: ThirdParty = {...thirdParty, callbackUrl: null};
  const none = manual.tokens.reduce((record, token) => toggleTokenActive(record, token.id), manual);
  t.is(sendRefusal(none, true, env.now()), 'No active, unexpired token to send: add one (Ctrl+G).');
  t.is(sendRefusal({...manual, tokens: []}, true, env.now()), 'No active, unexpired token to send: add one (Ctrl+G).');
  // With a callback URL its application gets its token itself: the sheet with the flow goes without one.
  t.is(sendRefusal({...thirdParty, tokens: []}, true, env.now()), undefined);
});

/** The lines every sheet with a token begins with, in full. */
const head = (thirdParty: ThirdParty, token: {token: string}): string[] => [
  'OAuth information for Acme Payments',
  '',
  'Third Party Name  Acme Payments',
  `Client ID         ${thirdParty.clientId}`,
  `Client Secret     ${thirdParty.clientSecret}`,
  `OAuth Token       ${token.token}`,
  'Token expires     2027-05-27 10:00 UTC',
];

test('without a callback URL the sheet holds name, client ID, secret, token, expiry and the test command at the address, in full', t => {
  const {thirdParty: automatic} = acme();
  const thirdParty = {...automatic, callbackUrl: null};
  const token = thirdParty.tokens[0]!;
  const sheet = oauthSheet(thirdParty, token, 'http://127.0.0.1:18301');
  t.is(
    sheet,
    [
      ...head(thirdParty, token),
      'Callback URL      none (manual authorization)',
      '',
      'Test your access (the answer says "active":true):',
      `curl -s -u "${thirdParty.clientId}:${thirdParty.clientSecret}" -d "token=${token.token}" http://127.0.0.1:18301/oauth/introspect`,
      '',
      'Keep these values secret: whoever holds them has your access.',
      '',
    ].join('\n'),
  );
});

test('with a callback URL and a usable token the sheet has the token, its test command and the flow, all at the one address', t => {
  const {thirdParty} = acme();
  const token = thirdParty.tokens[0]!;
  const sheet = oauthSheet(thirdParty, token, 'https://tpa.example');
  t.is(
    sheet,
    [
      ...head(thirdParty, token),
      'Callback URL      https://acme.example/oauth/callback',
      'Discovery         https://tpa.example/.well-known/oauth-authorization-server',
      '',
      'Test your access (the answer says "active":true):',
      `curl -s -u "${thirdParty.clientId}:${thirdParty.clientSecret}" -d "token=${token.token}" https://tpa.example/oauth/introspect`,
      '',
      'Your application obtains its OAuth token itself (authorization code, PKCE S256):',
      '1. GET https://tpa.example/oauth/authorize: response_type=code, client_id, redirect_uri, state, code_challenge, code_challenge_method=S256.',
      '2. Once approved: back at the callback URL with code, state and iss (check both).',
      '3. POST https://tpa.example/oauth/token: grant_type=authorization_code, code, redirect_uri, code_verifier; HTTP Basic with client ID and secret.',
      '4. The token does not expire; POST https://tpa.example/oauth/revoke gives it back.',
      '',
      'Keep these values secret: whoever holds them has your access.',
      '',
    ].join('\n'),
  );
});

test('the sheet on screen shortens secret and token; no callback URL says manual authorization', t => {
  const {thirdParty} = acme();
  const token = thirdParty.tokens[0]!;
  const sheet = oauthSheet(
    {...thirdParty, callbackUrl: null, tokens: [{...token, expiresAt: null}]},
    {...token, expiresAt: null},
    DEFAULT_SERVER_URL,
    {concealed: true},
  );
  t.false(sheet.includes(thirdParty.clientSecret));
  t.false(sheet.includes(token.token));
  t.true(sheet.includes('Token expires     never'));
  t.true(sheet.includes('Callback URL      none (manual authorization)'));
});

test('a name with escape sequences from a hand-edited file cannot reach the clipboard as a sequence', t => {
  const {thirdParty} = acme();
  const sheet = oauthSheet(
    {...thirdParty, name: 'Evil\u001B]52;c;AAAA\u0007'},
    thirdParty.tokens[0]!,
    'https://tpa.example\u001B]0;x\u0007',
  );
  t.false(sheet.includes('\u001B'));
  t.false(sheet.includes('\u0007'));
});

test('the test command is the curl line of the introspection endpoint', t => {
  t.is(testAccessCommand('ID', 'S', 'T', 'http://10.0.0.1:9000'), 'curl -s -u "ID:S" -d "token=T" http://10.0.0.1:9000/oauth/introspect');
});

test('with a callback URL and no token: discovery and the flow, the secret in full, no token and no test command', t => {
  const env = testEnvironment();
  const thirdParty = {...createThirdParty(env, 'Acme Payments'), callbackUrl: 'https://acme.example/cb'};
  const text = oauthSheet(thirdParty, undefined, 'https://tpa.example');
  t.regex(text, /Discovery {9}https:\/\/tpa\.example\/\.well-known\/oauth-authorization-server/);
  t.true(text.includes(thirdParty.clientSecret));
  t.regex(text, /POST https:\/\/tpa\.example\/oauth\/token/);
  t.regex(text, /Callback URL {6}https:\/\/acme\.example\/cb/);
  t.notRegex(text, /tpat_|OAuth Token|curl/);
  t.false(oauthSheet(thirdParty, undefined, 'https://tpa.example', {concealed: true}).includes(thirdParty.clientSecret));
});
