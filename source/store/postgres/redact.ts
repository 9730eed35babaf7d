/**
 * The one place that keeps a PostgreSQL password out of what tpa prints or logs: every message,
 * error and log line about the database passes through `redactSecrets` (ARCHITECTURE.md,
 * PostgreSQL engine). It removes the password of any connection URL (`scheme://user:PASSWORD@`),
 * any `password=…` (a URL's query, a libpq key/value string), and every known secret (the
 * password of the location in use, raw and URL-encoded) where it stands on its own. Only text
 * tpa did not write goes through it (the driver's and the server's messages): tpa's own sentences
 * are made of what is safe to show (postgres-error.ts).
 */

const REDACTED = '***';

/** `postgres://user:secret@host` → `postgres://user:***@host`; any scheme, any user. */
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^/?#@\s:]*):[^@\s/]*@/gi;
/** `password=secret` in a query (up to `&`) or a key/value string (up to a space), quoted or not. */
const KEY_VALUE_PASSWORD = /(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|[^&\s]*)/gi;

/** The forms a secret may take in a message: as typed, URL-encoded, decoded. */
const formsOf = (secret: string): string[] => {
  const forms = new Set([secret, encodeURIComponent(secret)]);
  try {
    forms.add(decodeURIComponent(secret));
  } catch {
    // Not percent-encoded text: the raw form is enough.
  }
  // Longest first, so that a form containing another is replaced whole.
  return [...forms].filter(form => form !== '').sort((a, b) => b.length - a.length);
};

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A known secret as text would carry it: on its own, not inside a longer word. Masking it inside
 * words would give it away ("the *** of the user" for the password "password", "th*** us***r" for "e").
 */
const standingAlone = (form: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(form)}(?![\\p{L}\\p{N}_])`, 'gu');

export const redactSecrets = (text: string, secrets: Iterable<string | undefined> = []): string => {
  let result = text.replace(URL_PASSWORD, `$1:${REDACTED}@`).replace(KEY_VALUE_PASSWORD, `$1${REDACTED}`);
  for (const secret of secrets) {
    if (secret === undefined || secret === '') continue;
    for (const form of formsOf(secret)) result = result.replace(standingAlone(form), REDACTED);
  }
  return result;
};
