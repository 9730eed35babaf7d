/**
 * The small file beside the data file that says a server is running for it (address and pid),
 * so that the console can offer to test through it. Written 0600 at start, removed at stop.
 */
import {readFile, unlink} from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import {z} from 'zod';
import {serverInfoPath} from '../store/data-file-paths.js';

const serverInfoSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65_535),
  startedAt: z.string(),
  /** The key of the admin channel (approvals): CSPRNG, only in this 0600 file. Absent in a file of an older server. */
  adminKey: z.string().min(32).optional(),
  /** The public address of the authorization server. */
  issuer: z.string().optional(),
});

export type ServerInfo = z.infer<typeof serverInfoSchema>;

export const writeServerInfo = (dataFile: string, info: ServerInfo): Promise<void> =>
  writeFileAtomic(serverInfoPath(dataFile), `${JSON.stringify(info, null, 2)}\n`, {mode: 0o600});

/** Removes the file only when it is this process's: a second server must not erase the first one's. */
export const removeServerInfo = async (dataFile: string, pid: number): Promise<void> => {
  const info = await readServerInfo(dataFile);
  if (info?.pid !== pid) return;
  await unlink(serverInfoPath(dataFile)).catch(() => undefined);
};

/** What the file says, or undefined when there is none or it is not one of ours. */
export const readServerInfo = async (dataFile: string): Promise<ServerInfo | undefined> => {
  try {
    const parsed = serverInfoSchema.safeParse(JSON.parse(await readFile(serverInfoPath(dataFile), 'utf8')));
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
