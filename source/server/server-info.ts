/**
 * The small file beside the data file that says a server is running for it (address and pid),
 * so that the console can offer to test through it. Written 0600 at start, removed at stop.
 */
import {unlink} from 'node:fs/promises';
import {z} from 'zod';
import type {RunningServerAddress} from '../domain/index.js';
import {serverInfoPath} from '../store/data-file-paths.js';
import {readRegularFile, writePrivateFileSafely} from '../store/safe-file.js';

const serverInfoSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65_535),
  startedAt: z.string(),
  /** The key of the admin channel (approvals): CSPRNG, only in this 0600 file. Absent in a file of an older server. */
  adminKey: z.string().min(32).optional(),
  /** `tpa serve --issuer` as given (a server of an older tpa wrote the address it answered with). */
  issuer: z.string().optional(),
});

export type ServerInfo = z.infer<typeof serverInfoSchema>;

/** 0600, through a random temp file and rename: a link planted at its path is replaced, never followed. */
export const writeServerInfo = (dataFile: string, info: ServerInfo): Promise<void> =>
  writePrivateFileSafely(serverInfoPath(dataFile), `${JSON.stringify(info, null, 2)}\n`);

/** Removes the file only when it is this process's: a second server must not erase the first one's. */
export const removeServerInfo = async (dataFile: string, pid: number): Promise<void> => {
  const info = await readServerInfo(dataFile);
  if (info?.pid !== pid) return;
  await unlink(serverInfoPath(dataFile)).catch(() => undefined);
};

/** What the file says, or undefined when there is none or it is not one of ours. */
export const readServerInfo = async (dataFile: string): Promise<ServerInfo | undefined> => {
  try {
    const bytes = await readRegularFile(serverInfoPath(dataFile), {maxBytes: 4096, followLink: false});
    if (!bytes) return undefined;
    const parsed = serverInfoSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};

/** Whether a process with this id exists (signal 0 only asks). */
export const isProcessAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The URL of a host and port; IPv6 addresses go in brackets. */
export const urlOf = (host: string, port: number): string => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

/** The running server's address for the public address (domain/public-address.ts); undefined when none runs. */
export const runningServerAddress = async (dataFile: string): Promise<RunningServerAddress | undefined> => {
  const info = await readServerInfo(dataFile);
  if (!info || !isProcessAlive(info.pid)) return undefined;
  return {issuer: info.issuer, listening: urlOf(info.host, info.port)};
};
