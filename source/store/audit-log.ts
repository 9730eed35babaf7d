/**
 * The audit log beside the data file (auditLogPath): JSON lines, appended after each successful
 * save or send, mode 0600. Reading goes backwards from the end and stops as soon as it has the
 * newest entries asked for, so opening a history costs the same in a log of any length.
 */
import {constants} from 'node:fs';
import {open} from 'node:fs/promises';
import {z} from 'zod';
import type {AuditEntry} from '../domain/index.js';
import {openPrivateFile} from './safe-file.js';

/** Appends entries and makes them durable; the file is created 0600 and kept so. */
export const appendAuditEntries = async (file: string, entries: readonly AuditEntry[]): Promise<void> => {
  if (entries.length === 0) return;
  // Never through a link, only into this user's regular file, brought back to 0600.
  const handle = await openPrivateFile(file);
  try {
    await handle.appendFile(entries.map(entry => `${JSON.stringify(entry)}\n`).join(''), 'utf8');
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

const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/**
 * The newest `limit` entries about one third party, newest first. A missing log is an empty
 * history. Lines are split on the newline byte, which never occurs inside a UTF-8 character, so
 * a chunk boundary inside a name is harmless.
 */
export const readAuditHistory = async (file: string, thirdPartyId: string, limit: number): Promise<AuditEntry[]> => {
  let handle;
  try {
    // Not blocking on a named pipe, not following a link.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    if (!(await handle.stat()).isFile()) {
      await handle.close();
      return [];
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const found: AuditEntry[] = [];
  const needle = Buffer.from(JSON.stringify(thirdPartyId));
  const consider = (line: Buffer) => {
    if (line.indexOf(needle) === -1) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line.toString('utf8'));
    } catch {
      return;
    }
    const result = auditEntrySchema.safeParse(parsed);
    if (result.success && result.data.thirdParty.id === thirdPartyId) found.push(result.data);
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
  return found.slice(0, limit);
};
