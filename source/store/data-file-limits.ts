/**
 * What a data file may hold before it is parsed, so that no file, however made, can stall or end
 * a process: a size, a count of JSON values and a depth. A 50,000-third-party file with four
 * tokens each (bench/generate-data.ts) is 74 MB, about 2.1 million values, 5 levels deep.
 */
import {DataFileError} from './data-file-error.js';

/** 256 MiB: about 170,000 third parties with four tokens each. */
export const MAX_DATA_FILE_BYTES = 256 * 1024 * 1024;
/** JSON values (objects, lists, texts, numbers…): about 190,000 third parties with four tokens each. */
export const MAX_DATA_FILE_VALUES = 8_000_000;
/** A tpa data file is 5 levels deep (file › thirdParties › record › tokens › token). */
export const MAX_DATA_FILE_DEPTH = 16;
/** Problems listed when a file is refused; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 10;

const OPEN_OBJECT = 0x7b;
const OPEN_LIST = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_LIST = 0x5d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toLocaleString('en', {maximumFractionDigits: 1})} MiB`;

export const assertSizeWithinLimit = (file: string, bytes: number): void => {
  if (bytes > MAX_DATA_FILE_BYTES)
    throw new DataFileError(
      file,
      `is ${megabytes(bytes)}, more than a tpa data file may be (${megabytes(MAX_DATA_FILE_BYTES)}); it was not read`,
    );
};

/**
 * One pass over the text, without recursion and without allocating: the nesting depth and the
 * number of values (every comma and every opened object or list starts one), skipping texts in
 * quotes. Runs before JSON.parse, which would otherwise build whatever the file holds.
 */
export const assertShapeWithinLimits = (file: string, text: string): void => {
  let depth = 0;
  let values = 1;
  const length = text.length;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      // To the closing quote: one not preceded by an odd number of backslashes.
      for (;;) {
        const next = text.indexOf('"', index + 1);
        if (next === -1) return;
        index = next;
        let backslashes = 0;
        while (text.charCodeAt(next - 1 - backslashes) === BACKSLASH) backslashes++;
        if (backslashes % 2 === 0) break;
      }
    } else if (code === OPEN_OBJECT || code === OPEN_LIST) {
      depth++;
      values++;
      if (depth > MAX_DATA_FILE_DEPTH)
        throw new DataFileError(
          file,
          `is nested more than ${MAX_DATA_FILE_DEPTH} levels deep (at character ${(index + 1).toLocaleString('en')}); a tpa data file is 5 levels deep. It was not read`,
        );
    } else if (code === CLOSE_OBJECT || code === CLOSE_LIST) depth--;
    else if (code === COMMA) {
      values++;
      if (values > MAX_DATA_FILE_VALUES)
        throw new DataFileError(
          file,
          `holds more than ${MAX_DATA_FILE_VALUES.toLocaleString('en')} values, more than a tpa data file may (about 190,000 third parties); it was not read`,
        );
    }
  }
};

/** What shapeOfBytes finds. */
export interface BytesShape {
  /** Within the depth and value limits: assertShapeWithinLimits's verdict on the decoded text. */
  readonly withinLimits: boolean;
  /** JSON values counted as assertShapeWithinLimits counts them (commas and opened objects and lists). */
  readonly values: number;
  /** The offsets of the brackets that closed a value back to depth `closesAt`, in order (the records of the list, at 2). */
  readonly closes: readonly number[];
}

/**
 * assertShapeWithinLimits over the UTF-8 bytes, without decoding them: every byte it looks at is
 * ASCII, and UTF-8 keeps ASCII bytes as they are (no byte of a longer character is below 0x80),
 * so its verdict is the text's. `depth`: how deep the bytes stand (a record of the list at 2).
 * It also notes where values close back to depth `closesAt` (record-slices.ts proves with it
 * that each record's bytes are exactly one value).
 */
export const shapeOfBytes = (bytes: Buffer, {depth: startDepth = 0, closesAt = -1} = {}): BytesShape => {
  let depth = startDepth;
  let values = 1;
  const closes: number[] = [];
  const length = bytes.length;
  for (let index = 0; index < length; index++) {
    const code = bytes[index]!;
    if (code === QUOTE) {
      for (;;) {
        const next = bytes.indexOf(QUOTE, index + 1);
        if (next === -1) return {withinLimits: true, values, closes};
        index = next;
        let backslashes = 0;
        while (bytes[next - 1 - backslashes] === BACKSLASH) backslashes++;
        if (backslashes % 2 === 0) break;
      }
    } else if (code === OPEN_OBJECT || code === OPEN_LIST) {
      depth++;
      values++;
      if (depth > MAX_DATA_FILE_DEPTH) return {withinLimits: false, values, closes};
    } else if (code === CLOSE_OBJECT || code === CLOSE_LIST) {
      depth--;
      if (depth === closesAt) closes.push(index);
    } else if (code === COMMA) {
      values++;
      if (values > MAX_DATA_FILE_VALUES) return {withinLimits: false, values, closes};
    }
  }
  return {withinLimits: true, values, closes};
};
