/**
 * The audit log beside the data file (auditLogPath): JSON lines, appended after each successful
 * save or send, mode 0600. Reading goes backwards from the end and stops as soon as it has the
 * newest entries asked for, so opening a history costs the same in a log of any length.
 */
import {constants} from 'node:fs';
import {open} from 'node:fs/promises';
import {z} from 'zod';
import type {AuditEntry} from '../domain/index.js';
import {DEFAULT_LOG_MAX, logGenerations, needsRotation, openLog, rotateLog} from './rotating-log.js';

/**
 * Appends entries and makes them durable; the file is created 0600 and kept so, never through a
 * link, and rotated past `maxBytes` (rotating-log.ts). Called under the save lock, so two
 * consoles never rotate at once.
 */
export const appendAuditEntries = async (file: string, entries: readonly AuditEntry[], maxBytes = DEFAULT_LOG_MAX): Promise<void> => {
  if (entries.length === 0) return;
  const text = entries.map(entry => `${JSON.stringify(entry)}\n`).join('');
  const opened = await openLog(file);
  let handle = opened.handle;
  if (needsRotation(opened.size, Buffer.byteLength(text), maxBytes)) {
    await handle.close();
    await rotateLog(file);
    ({handle} = await openLog(file));
  }
  try {
    await handle.appendFile(text, 'utf8');
    await handle.datasync();
  } finally {
    await handle.close();
  }
};

const scalar = z.union([z.string(), z.boolean(), z.null()]);
const value = z.union([scalar, z.record(z.string(), scalar)]);

/** What a line must hold to be shown; a line that does not (cut short by a crash, edited by hand) is skipped. */
const auditEntrySchema = z.object({
  time: z.string(),
  actor: z.string(),
  action: z.enum(['create', 'update', 'delete', 'send']),
  thirdParty: z.object({id: z.string(), name: z.string()}),
  changes: z.array(z.object({field: z.string(), old: value, new: value})),
});

/**
 * One line of the audit log as an entry, or undefined when it is not one (a torn or hand-edited
 * line). The entry is the line as written, extra keys included (`tpa copy` moves it as it is).
 */
export const parseAuditLine = (line: string): AuditEntry | undefined => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  return auditEntrySchema.safeParse(parsed).success ? (parsed as AuditEntry) : undefined;
};

const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/**
 * The newest `limit` entries about one third party, newest first: from the log, then from its
 * rotated files (log.1, log.2, …) while more are wanted. A missing file is an empty history.
 */
export const readAuditHistory = async (file: string, thirdPartyId: string, limit: number): Promise<AuditEntry[]> => {
  const found: AuditEntry[] = [];
  for (const name of logGenerations(file)) {
    if (found.length >= limit) break;
    await readBackwards(name, thirdPartyId, limit, found);
  }
  return found.slice(0, limit);
};

/**
 * Adds to `found` the entries of one file about the third party, newest first, until there are
 * `limit`. Lines are split on the newline byte, which never occurs inside a UTF-8 character, so
 * a chunk boundary inside a name is harmless.
 */
const readBackwards = async (file: string, thirdPartyId: string, limit: number, found: AuditEntry[]): Promise<void> => {
  let handle;
  try {
    // Not blocking on a named pipe, not following a link.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    if (!(await handle.stat()).isFile()) {
      await handle.close();
      return;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const needle = Buffer.from(JSON.stringify(thirdPartyId));
  const consider = (line: Buffer) => {
    if (line.indexOf(needle) === -1) return;
    const entry = parseAuditLine(line.toString('utf8'));
    if (entry?.thirdParty.id === thirdPartyId) found.push(entry);
  };
  try {
    let position = (await handle.stat()).size;
    let carry = Buffer.alloc(0);
    while (position > 0 && found.length < limit) {
      const length = Math.min(CHUNK_BYTES, position);
      position -= length;
      const chunk = Buffer.alloc(length);
      await handle.read(chunk, 0, length, position);
      const buffer = Buffer.concat([chunk, carry]);
      let end = buffer.length;
      for (let index = buffer.length - 1; index >= 0 && found.length < limit; index--) {
        if (buffer[index] !== NEWLINE) continue;
        consider(buffer.subarray(index + 1, end));
        end = index;
      }
      carry = buffer.subarray(0, end);
    }
    if (position === 0 && found.length < limit) consider(carry);
  } finally {
    await handle.close();
  }
};
