import test from 'ava';
import {
  isLoopbackHost,
  normalizeCallbackUrl,
  readCallbackUrl,
  indexNames,
  validateCallbackUrl,
  validateName,
  validateThirdParty,
} from './index.js';

const free = () => false;

test('a name is required', t => {
  t.is(validateName('', free), 'Enter the third party name.');
  t.is(validateName('   ', free), 'Enter the third party name.');
});

test('a name is trimmed before it is checked', t => {
  t.is(validateName('  Acme Payments  ', free), undefined);
});

test('a name has at most 80 characters, counted as a person counts them', t => {
  t.is(validateName('a'.repeat(80), free), undefined);
  t.is(validateName('a'.repeat(81), free), 'The name can have at most 80 characters (it has 81).');
  t.is(validateName('😀'.repeat(80), free), undefined, 'an emoji is one character, not two');
  t.regex(validateName('x'.repeat(10_000), free)!, /it has 10,000/);
});

test('a name with control characters or escape sequences is refused', t => {
  for (const name of ['Acme\u001B[31mRed', 'Acme\u0007', 'Acme\nPayments', 'Acme\u0000', 'Acme\u009B31m', 'Acme\u001B]0;title\u0007']) {
    t.is(validateName(name, free), 'The name cannot contain control characters or escape sequences.', JSON.stringify(name));
  }
});

test('a name with bidi overrides is refused', t => {
  t.is(validateName('Acme\u202Egnp.exe', free), 'The name cannot contain text-direction characters.');
  t.is(validateName('\u2066Acme', free), 'The name cannot contain text-direction characters.');
});

test('wide characters, accents and emoji are fine in a name', t => {
  t.is(validateName('株式会社 Ünïcode Café 🚀', free), undefined);
});

test('a name must be unique, whatever its case and surrounding spaces', t => {
  const names = indexNames([{id: 'a', name: 'Acme Payments'}]);
  t.deepEqual(validateThirdParty({id: 'b', name: ' acme PAYMENTS ', callbackUrl: null}, names), {
    name: 'Another third party already has this name.',
  });
  t.deepEqual(validateThirdParty({id: 'a', name: 'ACME Payments', callbackUrl: null}, names), {}, 'a record may keep its own name');
});

test('the callback URL is optional', t => {
  t.is(validateCallbackUrl(''), undefined);
  t.is(validateCallbackUrl('   '), undefined);
});

test('https callback URLs are accepted, with port, path and query', t => {
  for (const url of ['https://acme.example/oauth/callback', 'https://acme.example:8443/cb?x=1', 'https://xn--acm-bla.example/cb']) {
    t.is(validateCallbackUrl(url), undefined, url);
  }
});

test('plain http is accepted only for a loopback host (RFC 8252 §7.3)', t => {
  for (const url of ['http://127.0.0.1:8080/callback', 'http://[::1]:5000/cb', 'http://localhost/cb', 'http://127.1.2.3/cb']) {
    t.is(validateCallbackUrl(url), undefined, url);
  }
  t.regex(validateCallbackUrl('http://acme.example/cb')!, /Use https/);
  t.regex(validateCallbackUrl('http://localhost.evil.example/cb')!, /Use https/);
});

test('other schemes are refused, javascript: first of all', t => {
  t.is(validateCallbackUrl('javascript:alert(1)'), 'The callback URL must use https, not javascript:.');
  t.is(validateCallbackUrl('data:text/html,x'), 'The callback URL must use https, not data:.');
  t.is(validateCallbackUrl('ftp://acme.example/cb'), 'The callback URL must use https, not ftp:.');
});

test('a relative URL is refused', t => {
  t.is(validateCallbackUrl('/oauth/callback'), 'Enter an absolute URL that starts with https://.');
  t.is(validateCallbackUrl('acme.example/cb'), 'Enter an absolute URL that starts with https://.');
  t.regex(validateCallbackUrl('https:///cb')!, /with a host/);
});

test('a fragment is refused (RFC 6749 §3.1.2)', t => {
  t.is(validateCallbackUrl('https://acme.example/cb#top'), 'The callback URL cannot contain a fragment (#…).');
});

test('user name and password are refused', t => {
  t.is(validateCallbackUrl('https://user:pass@acme.example/cb'), 'The callback URL cannot contain a user name or password.');
  t.is(validateCallbackUrl('https://user@acme.example/cb'), 'The callback URL cannot contain a user name or password.');
});

test('spaces and control characters are refused', t => {
  t.is(validateCallbackUrl('https://acme.example/o auth'), 'The callback URL cannot contain spaces.');
  t.is(
    validateCallbackUrl('https://acme.example/\u001B[2J'),
    'The callback URL cannot contain control characters, escape sequences or invisible characters.',
  );
});

test('a callback URL has at most 2,048 characters', t => {
  const base = 'https://acme.example/';
  t.is(validateCallbackUrl(base + 'a'.repeat(2048 - base.length)), undefined);
  t.regex(validateCallbackUrl(base + 'a'.repeat(2049 - base.length))!, /at most 2,048 characters \(it has 2,049\)/);
});

test('both fields are reported at once', t => {
  const errors = validateThirdParty({id: 'a', name: '', callbackUrl: 'javascript:alert(1)'}, new Map());
  t.deepEqual(Object.keys(errors).sort(), ['callbackUrl', 'name']);
});

test('callback URLs are kept in their serialized form: a typed form that reads differently is refused with "did you mean"', t => {
  const cases: Array<[string, string]> = [
    ['https://EXAMPLE.com:443/a/../cb', 'https://example.com/cb'],
    ['https://example.com\\cb', 'https://example.com/cb'],
    ['https://%65xample.com/cb', 'https://example.com/cb'],
    ['http://127.1/cb', 'http://127.0.0.1/cb'],
    ['http://0x7f.0.0.1/cb', 'http://127.0.0.1/cb'],
    ['http://2130706433/cb', 'http://127.0.0.1/cb'],
    ['HTTPS://ACME.EXAMPLE/cb', 'https://acme.example/cb'],
  ];
  for (const [typed, meant] of cases) {
    const reading = readCallbackUrl(typed);
    t.false(reading.ok, typed);
    if (reading.ok) continue;
    t.is(reading.suggestion, meant, typed);
    t.true(reading.problem.endsWith(`Did you mean ${meant}?`), reading.problem);
    t.is(validateCallbackUrl(typed), reading.problem);
    // The suggestion itself is accepted as it is.
    t.deepEqual(readCallbackUrl(meant), {ok: true, url: meant});
  }
});

test('only the "/" of an empty path may be left out: it is stored with it', t => {
  t.deepEqual(readCallbackUrl('https://acme.example'), {ok: true, url: 'https://acme.example/'});
  t.is(normalizeCallbackUrl(' https://acme.example '), 'https://acme.example/');
  t.is(normalizeCallbackUrl('https://acme.example/cb'), 'https://acme.example/cb');
});

test('a host with letters outside ASCII is shown as its punycode, with a warning about look-alikes', t => {
  const reading = readCallbackUrl('https://аcme.example/cb'); // a Cyrillic "а"
  t.false(reading.ok);
  if (reading.ok) return;
  t.is(reading.suggestion, 'https://xn--cme-5cd.example/cb');
  t.regex(reading.problem, /outside ASCII, which can look like other letters: clients see it as xn--cme-5cd\.example/);
});

test('one loopback rule: hosts as the URL parser writes them', t => {
  for (const host of ['localhost', '127.0.0.1', '127.255.0.9', '[::1]']) t.true(isLoopbackHost(host), host);
  for (const host of ['127.1', '0x7f.0.0.1', '2130706433', '127.0.0.256', 'localhost.evil.example', '[::2]'])
    t.false(isLoopbackHost(host), host);
});
