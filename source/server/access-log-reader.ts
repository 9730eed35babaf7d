/**
 * "Last used" per token from the end of an access log: the grants in its last `maxBytes`. Only
 * used once, to start the last-used index when there is none yet (a log written by an older
 * version); the console reads the index (last-used-index.ts), never the log.
 */
import {constants} from 'node:fs';
import {open} from 'node:fs/promises';

const GRANTED = '"result":"granted"';

export const lastUsedFromAccessLog = async (file: string, maxBytes: number): Promise<ReadonlyMap<string, Date>> => {
  const lastUsed = new Map<string, Date>();
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return lastUsed; // no log
  }
  let text: string;
  try {
    const size = (await handle.stat()).size;
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    text = buffer.toString('utf8');
    // Started inside a line: that line is skipped.
    if (length < size) text = text.slice(text.indexOf('\n') + 1);
  } finally {
    await handle.close();
  }
  for (const line of text.split('\n')) {
    // Most lines are not grants: a substring test spares parsing them.
    if (!line.includes(GRANTED)) continue;
    try {
      const entry = JSON.parse(line) as {time?: unknown; tokenId?: unknown; result?: unknown};
      if (entry.result !== 'granted' || typeof entry.tokenId !== 'string' || typeof entry.time !== 'string') continue;
      const time = new Date(entry.time);
      const previous = lastUsed.get(entry.tokenId);
      if (!Number.isNaN(time.getTime()) && (!previous || previous < time)) lastUsed.set(entry.tokenId, time);
    } catch {
      // A torn or hand-edited line: skipped.
    }
  }
  return lastUsed;
};
