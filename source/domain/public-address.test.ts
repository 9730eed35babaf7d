import test from 'ava';
import fc from 'fast-check';
import {addressWarning, DEFAULT_SERVER_URL, publicAddress, unreachableAddress} from './index.js';

test('the public address: the issuer setting, else the running server (its --issuer, else where it listens), else the default', t => {
  const server = {listening: 'http://127.0.0.1:18301'};
  t.deepEqual(publicAddress('https://tpa.example.com/', server), {url: 'https://tpa.example.com', source: 'issuer'});
  t.deepEqual(publicAddress(undefined, server), {url: 'http://127.0.0.1:18301', source: 'server'});
  t.deepEqual(publicAddress(undefined, {...server, issuer: 'https://proxy.example'}), {url: 'https://proxy.example', source: 'server'});
  t.deepEqual(publicAddress(undefined, undefined), {url: DEFAULT_SERVER_URL, source: 'default'});
});

test('a loopback or unspecified address is warned of, with how to set the public address; a public one is not', t => {
  t.regex(
    addressWarning(publicAddress(undefined, {listening: 'http://127.0.0.1:18301'}), 'console')!,
    /^http:\/\/127\.0\.0\.1:18301 is this machine's own \(loopback\) address: a third party on another machine cannot reach it\. Set the public address with F2 or tpa serve --issuer URL\.$/,
  );
  t.regex(addressWarning(publicAddress(undefined, undefined), 'command')!, /No server runs for this data file/);
  t.regex(unreachableAddress('http://0.0.0.0:8787')!, /no machine's address/);
  t.regex(unreachableAddress('http://[::]:8787')!, /no machine's address/);
  t.regex(unreachableAddress('http://[::1]:8787')!, /loopback/);
  t.regex(unreachableAddress('http://app.localhost:8787')!, /loopback/);
  t.is(addressWarning(publicAddress('https://tpa.example.com', undefined), 'console'), undefined);
  t.is(unreachableAddress('http://10.1.2.3:8787'), undefined, 'a private network address may be what the third party reaches');
});

test('property: every 127.x.y.z address and localhost is warned of; every public host name is not', t => {
  const octet = fc.integer({min: 0, max: 255});
  fc.assert(
    fc.property(octet, octet, octet, fc.integer({min: 1, max: 65_535}), (a, b, c, port) => {
      t.truthy(unreachableAddress(`http://127.${a}.${b}.${c}:${port}`));
      t.truthy(unreachableAddress(`http://LocalHost:${port}`));
    }),
  );
  fc.assert(
    fc.property(fc.domain(), fc.constantFrom('http', 'https'), (host, scheme) => {
      fc.pre(host !== 'localhost' && !host.endsWith('.localhost'));
      t.is(unreachableAddress(`${scheme}://${host}`), undefined);
    }),
  );
});
