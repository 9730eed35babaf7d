/**
 * The file engine's "Last used" (db.last-used.json beside the data file: {"tokenId": "ISO time of
 * the last grant", …}), as the server writes it (server/last-used-index.ts) and the console and
 * `tpa copy` read it. A hint, not a record: a foreign or broken file reads as empty.
 */
import {readRegularFile} from './safe-file.js';

/** Tokens kept at most (~60 bytes each in the file). */
export const MAX_ENTRIES = 100_000;
/** A larger file is not ours, or not to be trusted: not read. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

const isTime = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value));

/** The entries of an index file, oldest use first; an unreadable or foreign file is empty. */
export const parseIndex = (text: string): Map<string, string> => {
  const entries = new Map<string, string>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return entries;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return entries;
  const sorted = Object.entries(parsed as Record<string, unknown>)
    .filter((entry): entry is [string, string] => isTime(entry[1]))
    .sort((a, b) => Date.parse(a[1]) - Date.parse(b[1]));
  for (const [tokenId, time] of sorted.slice(-MAX_ENTRIES)) entries.set(tokenId, time);
  return entries;
};

/** The index's text; undefined when there is none, or it is a link, not a regular file, or too large. */
export const readIndexText = async (file: string): Promise<string | undefined> => {
  try {
    return (await readRegularFile(file, {maxBytes: MAX_FILE_BYTES, followLink: false}))?.toString('utf8');
  } catch {
    return undefined;
  }
};

/** The file's text for these entries (oldest use first). */
export const lastUsedText = (entries: ReadonlyMap<string, string>): string => `${JSON.stringify(Object.fromEntries(entries))}\n`;

/** The entries of the file; empty when there is none or it cannot be used. */
export const readLastUsedFile = async (file: string): Promise<Map<string, string>> => {
  const text = await readIndexText(file);
  return text === undefined ? new Map() : parseIndex(text);
};
