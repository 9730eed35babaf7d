/**
 * Callback URLs in one form: the WHATWG URL serialization, the form every OAuth client library
 * and browser reads them in. A typed URL that reads differently (`https://EXAMPLE.com:443/a/../cb`
 * is https://example.com/cb, `http://2130706433/cb` is http://127.0.0.1/cb) is refused with
 * "did you mean …", so what is saved is what a client will present. One loopback rule serves
 * the validation and the matching (RFC 8252 §7.3).
 */
import {characterCount, hasBidiCharacters, hasControlCharacters, hasInvisibleCharacters} from './text.js';

export const CALLBACK_URL_MAX = 2048;

/**
 * Loopback hosts, where RFC 8252 §7.3 allows plain http and any port, as the WHATWG parser
 * writes them: localhost, an IPv4 address in 127.0.0.0/8 (always four decimal parts after
 * parsing), or [::1].
 */
export const isLoopbackHost = (hostname: string): boolean => {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]') return true;
  const parts = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return parts !== null && parts.slice(1).every(part => Number(part) <= 255);
};

export type CallbackUrlReading =
  {readonly ok: true; readonly url: string} | {readonly ok: false; readonly problem: string; readonly suggestion?: string};

const refuse = (problem: string, suggestion?: string): CallbackUrlReading =>
  suggestion === undefined ? {ok: false, problem} : {ok: false, problem, suggestion};

/**
 * The URL as it is saved and compared, or why it may not be a callback URL. Absolute https, or
 * http to a loopback host; no fragment (RFC 6749 §3.1.2); no user:password; no spaces or control
 * characters; at most 2,048 characters; in its serialized form (only the "/" of an empty path
 * may be left out: `https://acme.example` is saved as https://acme.example/).
 */
export const readCallbackUrl = (text: string): CallbackUrlReading => {
  const typed = text.trim();
  const count = characterCount(typed);
  if (count > CALLBACK_URL_MAX)
    return refuse(
      `The callback URL can have at most ${CALLBACK_URL_MAX.toLocaleString('en')} characters (it has ${count.toLocaleString('en')}).`,
    );
  if (hasControlCharacters(typed) || hasBidiCharacters(typed) || hasInvisibleCharacters(typed)) {
    return refuse('The callback URL cannot contain control characters, escape sequences or invisible characters.');
  }
  if (/\s/.test(typed)) return refuse('The callback URL cannot contain spaces.');
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(typed)?.[1]?.toLowerCase();
  if (scheme === undefined) return refuse('Enter an absolute URL that starts with https://.');
  if (scheme !== 'https' && scheme !== 'http') return refuse(`The callback URL must use https, not ${scheme}:.`);
  if (!/^https?:\/\/[^/?#]/i.test(typed)) return refuse('Enter an absolute URL with a host, such as https://example.com/callback.');
  let parsed: URL;
  try {
    parsed = new URL(typed);
  } catch {
    return refuse('This is not a valid URL.');
  }
  if (parsed.username !== '' || parsed.password !== '' || /^https?:\/\/[^/?#]*@/i.test(typed)) {
    return refuse('The callback URL cannot contain a user name or password.');
  }
  if (typed.includes('#')) return refuse('The callback URL cannot contain a fragment (#…).');
  if (scheme === 'http' && !isLoopbackHost(parsed.hostname)) {
    return refuse('Use https; plain http is allowed only for a loopback host (127.0.0.1, [::1], localhost).');
  }
  const serialized = parsed.href;
  if (characterCount(serialized) > CALLBACK_URL_MAX)
    return refuse(`The callback URL can have at most ${CALLBACK_URL_MAX.toLocaleString('en')} characters once written out in full.`);
  if (serialized === typed || serialized === `${typed}/`) return {ok: true, url: serialized};
  if (/(^|\.)xn--/i.test(parsed.hostname) && !/(^|\.)xn--/i.test(typed)) {
    return refuse(
      `The host has letters outside ASCII, which can look like other letters: clients see it as ${parsed.hostname}. Did you mean ${serialized}? Check that this is the host you expect.`,
      serialized,
    );
  }
  return refuse(`Clients read this URL as ${serialized}. Did you mean ${serialized}?`, serialized);
};

export type CallbackUrlMatch = 'exact' | 'loopback' | 'different';

/**
 * A loopback http URL as saved callback URLs write one (RFC 8252 §7.3): the host, and everything
 * after the port. The port, when there is one, is a port number as the WHATWG serializer writes
 * it (1-65535, no leading zero); anything else makes the URL no loopback URL at all.
 */
const LOOPBACK_URL = /^http:\/\/(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(?::([1-9]\d{0,4}))?(\/.*)$/;

const loopbackParts = (url: string): {readonly host: string; readonly rest: string} | undefined => {
  const parts = LOOPBACK_URL.exec(url);
  if (!parts || !isLoopbackHost(parts[1]!) || Number(parts[2] ?? 0) > 65_535) return undefined;
  return {host: parts[1]!, rest: parts[3]!};
};

/**
 * THE decision whether the authorization server may send a code or an error to a presented
 * redirect_uri (RFC 6749 §3.1.2.3, §4.1.2.1; RFC 9700 §4.1): every path that writes a Location
 * asks this, through matchesCallbackUrl. The presented text is compared as a string with the
 * saved callback URL, after nothing but the loopback rule of RFC 8252 §7.3: a saved loopback http
 * URL also matches itself with another port, because a native app listens on whatever port it
 * gets. Nothing is parsed or normalised first: a URL that a parser would read as the saved one
 * (other case, `:443`, dot segments, percent-encodings, a fragment, user:password) is different.
 */
export const callbackUrlMatch = (saved: string, presented: string): CallbackUrlMatch => {
  if (presented === saved) return 'exact';
  const mine = loopbackParts(saved);
  const theirs = mine && loopbackParts(presented);
  return theirs && theirs.host === mine.host && theirs.rest === mine.rest ? 'loopback' : 'different';
};

/** true when a code or an error may be redirected to `presented` for a third party with this saved callback URL (none saved: never). */
export const matchesCallbackUrl = (saved: string | null | undefined, presented: string | null | undefined): presented is string => {
  if (saved === null || saved === undefined || presented === null || presented === undefined) return false;
  return callbackUrlMatch(saved, presented) !== 'different';
};
