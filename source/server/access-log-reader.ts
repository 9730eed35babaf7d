/**
 * "Last used" per token, from the access log. The log only grows, so the reader remembers how
 * far it read and reads only what was appended since: the whole log once, then the new lines.
 */
import {createReadStream} from 'node:fs';
import {stat} from 'node:fs/promises';

export interface LastUsedReader {
  /** Token record id → the last time it was granted access. */
  read(): Promise<ReadonlyMap<string, Date>>;
}

const GRANTED = '"result":"granted"';

export const createLastUsedReader = (file: string): LastUsedReader => {
  let offset = 0;
  let partial = '';
  let lastUsed = new Map<string, Date>();

  const take = (line: string) => {
    // Most lines are not grants: a substring test spares parsing them.
    if (!line.includes(GRANTED)) return;
    try {
      const entry = JSON.parse(line) as {time?: unknown; tokenId?: unknown; result?: unknown};
      if (entry.result !== 'granted' || typeof entry.tokenId !== 'string' || typeof entry.time !== 'string') return;
      const time = new Date(entry.time);
      const previous = lastUsed.get(entry.tokenId);
      if (!Number.isNaN(time.getTime()) && (!previous || previous < time)) lastUsed.set(entry.tokenId, time);
    } catch {
      // A torn or hand-edited line: skipped.
    }
  };

  const read = async (): Promise<ReadonlyMap<string, Date>> => {
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch {
      return lastUsed; // no log yet
    }
    if (size < offset) {
      // The log was truncated or replaced: start again.
      offset = 0;
      partial = '';
      lastUsed = new Map();
    }
    if (size === offset) return lastUsed;
    // A new map, so that whoever holds the previous one sees a change.
    lastUsed = new Map(lastUsed);
    await new Promise<void>((resolve, reject) => {
      const stream = createReadStream(file, {start: offset, end: size - 1, encoding: 'utf8'});
      stream.on('data', chunk => {
        const lines = (partial + (chunk as string)).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) take(line);
      });
      stream.once('end', resolve);
      stream.once('error', reject);
    });
    offset = size;
    return lastUsed;
  };

  return {read};
};
