/** Field rules (ARCHITECTURE.md, Data), as messages in the admin's words next to the field. */
import {readCallbackUrl} from './callback-url.js';
import {characterCount, hasBidiCharacters, hasControlCharacters, hasInvisibleCharacters} from './text.js';
import type {ThirdParty} from './types.js';

export const NAME_MAX = 80;

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

/** Optional; the rules are readCallbackUrl's (callback-url.ts). */
export const validateCallbackUrl = (url: string): string | undefined => {
  if (url.trim() === '') return undefined;
  const reading = readCallbackUrl(url);
  return reading.ok ? undefined : reading.problem;
};

/** The value stored for what was typed in the callback field: its serialized form, or null when empty. */
export const normalizeCallbackUrl = (url: string | null): string | null => {
  const trimmed = (url ?? '').trim();
  if (trimmed === '') return null;
  const reading = readCallbackUrl(trimmed);
  return reading.ok ? reading.url : trimmed;
};

/** Who holds each name (by `nameKey`): built once per load or save, so a keystroke never scans every record. */
export type NameIndex = ReadonlyMap<string, string>;

const recordNameKeys = new WeakMap<object, string>();

/** A record's name key, worked out once per record object (records are immutable): a save indexes 5,000 names in well under a millisecond. */
export const recordNameKey = (thirdParty: Pick<ThirdParty, 'name'>): string => {
  let key = recordNameKeys.get(thirdParty);
  if (key === undefined) {
    key = nameKey(thirdParty.name);
    recordNameKeys.set(thirdParty, key);
  }
  return key;
};

export const indexNames = (thirdParties: Iterable<Pick<ThirdParty, 'id' | 'name'>>): NameIndex => {
  const index = new Map<string, string>();
  for (const thirdParty of thirdParties) index.set(recordNameKey(thirdParty), thirdParty.id);
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
