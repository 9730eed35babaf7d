/** Field rules (ARCHITECTURE.md, Bad input), as messages in the admin's words next to the field. */
import {characterCount, hasBidiCharacters, hasControlCharacters, hasInvisibleCharacters} from './text.js';
import type {ThirdParty} from './types.js';

export const NAME_MAX = 80;
export const CALLBACK_URL_MAX = 2048;

export type FieldName = 'name' | 'callbackUrl';
export type FieldErrors = Partial<Record<FieldName, string>>;

/** How two names are compared for uniqueness. */
export const nameKey = (name: string): string => name.trim().normalize('NFC').toLocaleLowerCase('en');

export const validateName = (name: string, isTaken: (key: string) => boolean): string | undefined => {
  const trimmed = name.trim();
  if (trimmed === '') return 'Enter the third party name.';
  if (hasControlCharacters(trimmed)) return 'The name cannot contain control characters or escape sequences.';
  if (hasBidiCharacters(trimmed)) return 'The name cannot contain text-direction characters.';
  if (hasInvisibleCharacters(trimmed)) return 'The name cannot contain invisible characters (zero-width spaces or joiners, soft hyphens).';
  const count = characterCount(trimmed);
  if (count > NAME_MAX) return `The name can have at most ${NAME_MAX} characters (it has ${count.toLocaleString('en')}).`;
  if (isTaken(nameKey(trimmed))) return 'Another third party already has this name.';
  return undefined;
};

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Loopback hosts, where RFC 8252 §7.3 allows plain http and any port. */
export const isLoopbackHost = (hostname: string): boolean => LOOPBACK_HOSTS.test(hostname);

/**
 * Optional. Absolute https, or http to a loopback host (RFC 8252 §7.3); no fragment (RFC 6749
 * §3.1.2); no user:password; no spaces or control characters; at most 2,048 characters.
 */
export const validateCallbackUrl = (url: string): string | undefined => {
  const trimmed = url.trim();
  if (trimmed === '') return undefined;
  const count = characterCount(trimmed);
  if (count > CALLBACK_URL_MAX)
    return `The callback URL can have at most ${CALLBACK_URL_MAX.toLocaleString('en')} characters (it has ${count.toLocaleString('en')}).`;
  if (hasControlCharacters(trimmed) || hasBidiCharacters(trimmed) || hasInvisibleCharacters(trimmed)) {
    return 'The callback URL cannot contain control characters, escape sequences or invisible characters.';
  }
  if (/\s/.test(trimmed)) return 'The callback URL cannot contain spaces.';
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === undefined) return 'Enter an absolute URL that starts with https://.';
  if (scheme !== 'https' && scheme !== 'http') return `The callback URL must use https, not ${scheme}:.`;
  if (!/^https?:\/\/[^/?#]/i.test(trimmed)) return 'Enter an absolute URL with a host, such as https://example.com/callback.';
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return 'This is not a valid URL.';
  }
  if (parsed.username !== '' || parsed.password !== '' || /^https?:\/\/[^/?#]*@/i.test(trimmed)) {
    return 'The callback URL cannot contain a user name or password.';
  }
  if (trimmed.includes('#')) return 'The callback URL cannot contain a fragment (#…).';
  if (scheme === 'http' && !isLoopbackHost(parsed.hostname)) {
    return 'Use https; plain http is allowed only for a loopback host (127.0.0.1, [::1], localhost).';
  }
  return undefined;
};

/** The value stored for what was typed in the callback field: trimmed, or null when empty. */
export const normalizeCallbackUrl = (url: string | null): string | null => {
  const trimmed = (url ?? '').trim();
  return trimmed === '' ? null : trimmed;
};

/** Who holds each name (by `nameKey`): built once per load or save, so a keystroke never scans every record. */
export type NameIndex = ReadonlyMap<string, string>;

export const indexNames = (thirdParties: Iterable<Pick<ThirdParty, 'id' | 'name'>>): NameIndex => {
  const index = new Map<string, string>();
  for (const {id, name} of thirdParties) index.set(nameKey(name), id);
  return index;
};

/** Every field rule for one third party against the others; empty when it may be saved. */
export const validateThirdParty = (thirdParty: Pick<ThirdParty, 'id' | 'name' | 'callbackUrl'>, names: NameIndex): FieldErrors => {
  const errors: FieldErrors = {};
  const name = validateName(thirdParty.name, key => {
    const owner = names.get(key);
    return owner !== undefined && owner !== thirdParty.id;
  });
  if (name) errors.name = name;
  const callbackUrl = validateCallbackUrl(thirdParty.callbackUrl ?? '');
  if (callbackUrl) errors.callbackUrl = callbackUrl;
  return errors;
};

export const hasErrors = (errors: FieldErrors): boolean => Object.keys(errors).length > 0;
