/**
 * A record's JSON, worked out once per record object. A refresh compares every record of the file
 * with the one this console knows; with the text kept per object, an unchanged record costs one
 * JSON.stringify of the new one and a string comparison, and no schema check.
 */
import type {ThirdParty} from '../domain/index.js';

const recordTexts = new WeakMap<object, string>();

export const recordText = (thirdParty: ThirdParty): string => {
  let text = recordTexts.get(thirdParty);
  if (text === undefined) {
    text = JSON.stringify(thirdParty);
    recordTexts.set(thirdParty, text);
  }
  return text;
};

/** Keeps a text already worked out for a record (by the read that compared it). */
export const rememberRecordText = (record: object, text: string): void => {
  recordTexts.set(record, text);
};
