/**
 * The one redirect_uri decision (callbackUrlMatch), property-based: generated variants of saved
 * callback URLs (case, userinfo, dot segments, percent-encodings, IDN look-alikes, ports,
 * fragments, schemes, loopback hosts) never match, except the saved URL itself and, for a saved
 * loopback http URL, the same URL with another port (RFC 8252 §7.3).
 */
import test from 'ava';
import fc from 'fast-check';
import {ISSUE_17_ATTACKS} from '../../test/helpers/oauth-server.js';
import {callbackUrlMatch, matchesCallbackUrl, readCallbackUrl} from './callback-url.js';

/** Saved callback URLs as the console saves them (readCallbackUrl's serialized form). */
export const SAVED_CALLBACK_URLS = [
  'https://acme.example/cb',
  'https://acme.example:8443/oauth/callback?tenant=7',
  'https://xn--bcher-kva.example/cb',
  'https://acme.example/',
  'http://127.0.0.1/callback',
  'http://127.0.0.1:8080/cb',
  'http://127.10.0.3/cb?x=%20y',
  'http://[::1]/cb',
  'http://localhost:3000/auth/cb?x=1',
] as const;

const savedArbitrary = fc.oneof(
  fc.constantFrom(...SAVED_CALLBACK_URLS),
  // Any https URL the console would save.
  fc
    .webUrl({validSchemes: ['https'], withQueryParameters: true})
    .map(url => readCallbackUrl(url))
    .filter(reading => reading.ok)
    .map(reading => (reading.ok ? reading.url : '')),
);

/** scheme://, the authority, the rest (path, query, fragment), by text. */
const split = (url: string): [string, string, string] | undefined => {
  const parts = /^([^:/?#]*:\/\/)([^/?#]*)(.*)$/s.exec(url);
  return parts ? [parts[1]!, parts[2]!, parts[3]!] : undefined;
};
const hostOf = (authority: string) => authority.replace(/^.*@/, '').replace(/:\d*$/, '');

type Mutation = (url: string) => string;
const at = (index: number, text: string) => index % Math.max(1, text.length);

const MUTATIONS: fc.Arbitrary<Mutation>[] = [
  // Case of one character.
  fc.nat().map(index => (url: string) => {
    const k = at(index, url);
    const character = url.charAt(k);
    const other = character === character.toUpperCase() ? character.toLowerCase() : character.toUpperCase();
    return url.slice(0, k) + other + url.slice(k + 1);
  }),
  // User information before the host.
  fc
    .constantFrom('user@', 'user:pass@', 'acme.example@', '@', ':@', '127.0.0.1@', '%40@')
    .map(info => (url: string) => url.replace('://', `://${info}`)),
  // Dot segments, encoded or not, somewhere in the path.
  fc
    .tuple(fc.constantFrom('/.', '/x/..', '/./', '/%2e', '/%2E%2E', '/..', '/.%2e', '/x/%2e%2e'), fc.nat())
    .map(([segment, index]) => (url: string) => {
      const parts = split(url);
      if (!parts) return url + segment;
      const [scheme, authority, rest] = parts;
      const k = at(index, rest);
      return scheme + authority + rest.slice(0, k) + segment + rest.slice(k);
    }),
  // One character percent-encoded, in upper or lower case hex.
  fc.tuple(fc.nat(), fc.boolean()).map(([index, lower]) => (url: string) => {
    const k = at(index, url);
    const hex = url.charCodeAt(k).toString(16).padStart(2, '0');
    return `${url.slice(0, k)}%${lower ? hex.toLowerCase() : hex.toUpperCase()}${url.slice(k + 1)}`;
  }),
  // A look-alike letter (Cyrillic, Greek) in the host, and its punycode form.
  fc
    .tuple(fc.constantFrom(['a', 'а'], ['e', 'е'], ['o', 'о'], ['c', 'с'], ['p', 'р'], ['x', 'х'], ['l', 'ӏ'], ['i', 'і']), fc.boolean())
    .map(([[latin, other], punycode]) => (url: string) => {
      const parts = split(url);
      if (!parts) return url;
      const looking = parts[0] + parts[1].replace(latin!, other!) + parts[2];
      if (!punycode) return looking;
      try {
        return new URL(looking).href;
      } catch {
        return looking;
      }
    }),
  // The port: added, changed, removed, out of range, with leading zeros, the scheme's default.
  fc
    .oneof(
      fc.integer({min: 0, max: 70_000}).map(String),
      fc.constantFrom('', '0', '00080', '0443', '443', '80', '65535', '65536', '99999', '1e3', '-1', ' 80', '8080:9090', '８０'),
    )
    .map(port => (url: string) => {
      const parts = split(url);
      if (!parts) return url;
      const [scheme, authority, rest] = parts;
      return `${scheme}${authority.replace(/:\d*$/, '')}${port === '' ? ':' : `:${port}`}${rest}`;
    }),
  fc.constant((url: string) => {
    const parts = split(url);
    return parts ? parts[0] + parts[1].replace(/:\d*$/, '') + parts[2] : url;
  }),
  // A fragment.
  fc.string({maxLength: 8}).map(fragment => (url: string) => `${url}#${fragment}`),
  // Another scheme, or a broken one.
  fc
    .constantFrom(
      'http://',
      'https://',
      'HTTP://',
      'HTTPS://',
      'javascript:',
      'data:text/html,',
      'ftp://',
      'ws://',
      '',
      '//',
      'http:/',
      'https:///',
      'http:\\\\',
    )
    .map(scheme => (url: string) => scheme + url.replace(/^[^:/?#]*:\/\//, '')),
  // Another loopback spelling (or a host that only starts like one).
  fc
    .constantFrom(
      '127.0.0.1',
      'localhost',
      '[::1]',
      '127.1',
      '2130706433',
      '0x7f.0.0.1',
      '127.000.000.001',
      '[0:0:0:0:0:0:0:1]',
      'LOCALHOST',
      'localhost.',
      '127.0.0.1.evil.example',
      '127.0.0.2',
      '[::ffff:127.0.0.1]',
      'evil.example',
    )
    .map(host => (url: string) => {
      const parts = split(url);
      if (!parts) return url;
      const [scheme, authority, rest] = parts;
      return scheme + authority.replace(hostOf(authority), host) + rest;
    }),
  // Something after, or one character less.
  fc.constantFrom('/', '?', '&', '?x=1', ' ', '%20', '\t', '\\', '/..', '#', '%00', '\n', '/cb').map(tail => (url: string) => url + tail),
  fc.nat().map(index => (url: string) => url.slice(0, Math.max(0, url.length - 1 - at(index, url)))),
  fc.constant((url: string) => url.replaceAll('/', '\\')),
  fc.constant((url: string) => ` ${url}`),
  // Anything at all in its place.
  fc.oneof(fc.string({maxLength: 40}), fc.webUrl()).map(other => () => other),
];

const presentedArbitrary = (saved: string) =>
  fc.array(fc.oneof(...MUTATIONS), {minLength: 1, maxLength: 3}).map(mutations => mutations.reduce((url, mutate) => mutate(url), saved));

/** The saved URL's loopback-port variants, spelled out: `http://HOST/REST` and `http://HOST:PORT/REST` for a port 1-65535 written without leading zeros. */
const isPortVariant = (saved: string, presented: string): boolean => {
  const parts = split(saved);
  if (!parts || parts[0] !== 'http://') return false;
  const host = hostOf(parts[1]);
  if (!['localhost', '[::1]'].includes(host) && !/^127\.\d+\.\d+\.\d+$/.test(host)) return false;
  if (presented === `http://${host}${parts[2]}`) return true;
  const prefix = `http://${host}:`;
  if (!presented.startsWith(prefix) || !presented.endsWith(parts[2])) return false;
  const port = presented.slice(prefix.length, presented.length - parts[2].length);
  return /^\d+$/.test(port) && String(Number(port)) === port && Number(port) >= 1 && Number(port) <= 65_535;
};

test('property: a generated variant matches only when it is the saved URL or a loopback port variant of it', t => {
  fc.assert(
    fc.property(
      savedArbitrary.chain(saved => fc.tuple(fc.constant(saved), presentedArbitrary(saved))),
      ([saved, presented]) => matchesCallbackUrl(saved, presented) === (presented === saved || isPortVariant(saved, presented)),
    ),
    {numRuns: 5_000},
  );
  t.pass();
});

test('property: whatever matches is, for a URL parser, the saved URL with at most the port changed on loopback', t => {
  fc.assert(
    fc.property(
      savedArbitrary.chain(saved => fc.tuple(fc.constant(saved), presentedArbitrary(saved))),
      ([saved, presented]) => {
        if (!matchesCallbackUrl(saved, presented)) return true;
        const mine = new URL(saved);
        const theirs = new URL(presented);
        const sameButPort =
          theirs.protocol === mine.protocol &&
          theirs.hostname === mine.hostname &&
          theirs.pathname === mine.pathname &&
          theirs.search === mine.search &&
          theirs.username === '' &&
          theirs.password === '' &&
          !presented.includes('#');
        return sameButPort && (theirs.port === mine.port || (mine.protocol === 'http:' && isPortVariant(saved, presented)));
      },
    ),
    {numRuns: 5_000},
  );
  t.pass();
});

test('property: every port of a saved loopback URL matches, on no other kind of URL does a port', t => {
  fc.assert(
    fc.property(fc.constantFrom(...SAVED_CALLBACK_URLS), fc.integer({min: 1, max: 65_535}), (saved, port) => {
      const parts = split(saved)!;
      const presented = `${parts[0]}${hostOf(parts[1])}:${port}${parts[2]}`;
      const loopback = saved.startsWith('http://');
      return matchesCallbackUrl(saved, presented) === (loopback || presented === saved);
    }),
  );
  t.pass();
});

test('property: arbitrary text never matches a saved callback URL it is not', t => {
  fc.assert(
    fc.property(savedArbitrary, fc.oneof(fc.string(), fc.string({unit: 'binary'}), fc.webUrl({withFragments: true})), (saved, presented) =>
      presented === saved ? matchesCallbackUrl(saved, presented) : callbackUrlMatch(saved, presented) === 'different',
    ),
  );
  t.pass();
});

test('the issue’s attacks are different; none saved, nothing matches', t => {
  for (const presented of ISSUE_17_ATTACKS) t.is(callbackUrlMatch('https://acme.example/cb', presented), 'different', presented);
  t.is(callbackUrlMatch('http://127.0.0.1/cb', 'http://127.0.0.1:65536/cb'), 'different');
  t.is(callbackUrlMatch('http://127.0.0.1/cb', 'http://127.0.0.1:0/cb'), 'different');
  t.is(callbackUrlMatch('http://127.0.0.1/cb', 'http://127.0.0.1:65535/cb'), 'loopback');
  t.false(matchesCallbackUrl(null, 'https://acme.example/cb'));
  t.false(matchesCallbackUrl('https://acme.example/cb', null));
  t.true(matchesCallbackUrl('https://acme.example/cb', 'https://acme.example/cb'));
});
