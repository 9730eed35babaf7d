/** Editing one line of text: the value and the cursor, as a pure function of a key. */
import {withoutUnsafeCharacters} from '../../domain/index.js';

export interface TextValue {
  readonly text: string;
  /** In UTF-16 code units, always on a code point boundary. */
  readonly cursor: number;
}

export const textValue = (text: string): TextValue => ({text, cursor: text.length});

export interface EditResult {
  readonly value: TextValue;
  /** Set when characters were refused: escape sequences, control or bidi characters. */
  readonly refused?: boolean;
}

const previousBoundary = (text: string, cursor: number): number => {
  if (cursor <= 0) return 0;
  const low = text.charCodeAt(cursor - 1);
  return low >= 0xdc00 && low <= 0xdfff && cursor >= 2 ? cursor - 2 : cursor - 1;
};

const nextBoundary = (text: string, cursor: number): number => {
  if (cursor >= text.length) return text.length;
  const high = text.charCodeAt(cursor);
  return high >= 0xd800 && high <= 0xdbff && cursor + 2 <= text.length ? cursor + 2 : cursor + 1;
};

const insert = (value: TextValue, raw: string): EditResult => {
  const text = withoutUnsafeCharacters(raw);
  const refused = text !== raw;
  return {
    value: {text: value.text.slice(0, value.cursor) + text + value.text.slice(value.cursor), cursor: value.cursor + text.length},
    ...(refused ? {refused} : {}),
  };
};

/** A paste into a one-line field: surrounding whitespace trimmed, line breaks inside dropped. */
export const normalizePaste = (text: string): string => text.replace(/\r\n|\r|\n/g, '').trim();

/** undefined: the key does not edit text, let someone else have it. */
export const editText = (value: TextValue, keyName: string, keyText: string): EditResult | undefined => {
  const {text, cursor} = value;
  switch (keyName) {
    case 'text':
    case 'space':
      return insert(value, keyText);
    case 'paste':
      return insert(value, normalizePaste(keyText));
    case 'backspace': {
      const start = previousBoundary(text, cursor);
      return {value: {text: text.slice(0, start) + text.slice(cursor), cursor: start}};
    }
    case 'delete':
      return {value: {text: text.slice(0, cursor) + text.slice(nextBoundary(text, cursor)), cursor}};
    case 'ctrl+u':
      // As in readline: everything before the cursor goes; at the end of a filled-in field, all of it.
      return {value: {text: text.slice(cursor), cursor: 0}};
    case 'left':
      return {value: {text, cursor: previousBoundary(text, cursor)}};
    case 'right':
      return {value: {text, cursor: nextBoundary(text, cursor)}};
    case 'home':
      return {value: {text, cursor: 0}};
    case 'end':
      return {value: {text, cursor: text.length}};
    default:
      return undefined;
  }
};
