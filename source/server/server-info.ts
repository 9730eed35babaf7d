/**
 * The small file beside the data file that says a server is running for it (address, pid and
 * the admin key), so that the console and the commands can reach it. Written 0600 at start,
 * removed at stop; read only through readServerFile, which decides whether to trust it.
 */
import {unlink} from 'node:fs/promises';
import {isIP} from 'node:net';
import path from 'node:path';
import {z} from 'zod';
import {isLoopbackHost, type RunningServerAddress} from '../domain/index.js';
import {serverInfoPath} from '../store/data-file-paths.js';
import {FileTooLargeError, readRegularFile, UnsafeFileError, writePrivateFileSafely} from '../store/safe-file.js';

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
  const found = await readServerFile(dataFile);
  if (found.kind !== 'found' || found.info.pid !== pid) return;
  await unlink(serverInfoPath(dataFile)).catch(() => undefined);
};

/** How to keep others from planting files beside the data file. */
export const keepFolderPrivate = (file: string): string => `keep the data folder writable only by you (chmod 700 ${path.dirname(file)})`;

/**
 * The server file: none; one not to trust (`problem`: what is wrong with it, "belongs to another
 * user (uid 65534)"; `why`: that, with how to fix it); or what it says.
 */
export type ServerFile =
  | {readonly kind: 'none'}
  | {readonly kind: 'untrusted'; readonly problem: string; readonly why: string}
  | {readonly kind: 'found'; readonly info: ServerInfo};

/**
 * The one place that reads the server file and decides whether to trust it (issue 17 §4): only
 * this user's regular file that nobody else may read or write, as tpa serve writes it. Anyone
 * who can write to the data folder could plant one naming their own server, to which the
 * commands and the consoles would then send client secrets, tokens and the admin key.
 */
export const readServerFile = async (dataFile: string): Promise<ServerFile> => {
  const file = serverInfoPath(dataFile);
  const untrusted = (problem: string): ServerFile => ({
    kind: 'untrusted',
    problem,
    why: `${file} ${problem}; tpa ignores it. Remove it, and ${keepFolderPrivate(file)}`,
  });
  let bytes;
  try {
    bytes = await readRegularFile(file, {maxBytes: 4096, followLink: false, privateFile: true});
  } catch (error) {
    if (error instanceof UnsafeFileError) return untrusted(error.problem);
    if (error instanceof FileTooLargeError) return untrusted('is too large to be a server file');
    return untrusted(`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if (!bytes) return {kind: 'none'};
  let parsed;
  try {
    parsed = serverInfoSchema.safeParse(JSON.parse(bytes.toString('utf8')));
  } catch {
    return untrusted('is not a server file of tpa');
  }
  return parsed.success ? {kind: 'found', info: parsed.data} : untrusted('is not a server file of tpa');
};

/** Where the server of this data file answers, for the clients on this machine (the console, the commands), or why there is none to use. */
export type ServerLocation =
  | {readonly kind: 'running'; readonly info: ServerInfo; readonly url: string}
  | {readonly kind: 'none'}
  | {readonly kind: 'unusable'; readonly why: string};

/**
 * The running server to send credentials to: named by a trusted server file, its process alive,
 * and listening on an address of this machine (never a name that could resolve elsewhere).
 */
export const locateServer = async (dataFile: string): Promise<ServerLocation> => {
  const found = await readServerFile(dataFile);
  if (found.kind === 'untrusted') return {kind: 'unusable', why: found.why};
  if (found.kind === 'none' || !isProcessAlive(found.info.pid)) return {kind: 'none'};
  const {info} = found;
  const host = info.host === '0.0.0.0' ? '127.0.0.1' : info.host === '::' ? '::1' : info.host;
  if (!isLoopbackHost(host) && isIP(host) === 0)
    return {kind: 'unusable', why: `it listens on ${info.host}, not an address of this machine`};
  return {kind: 'running', info, url: urlOf(host, info.port)};
};

/**
 * The running server's address for the public address (domain/public-address.ts); undefined when
 * none runs. Shown and put in the sheet only, nothing is sent to it: a trusted server file of a
 * live process is enough.
 */
export const runningServerAddress = async (dataFile: string): Promise<RunningServerAddress | undefined> => {
  const found = await readServerFile(dataFile);
  if (found.kind !== 'found' || !isProcessAlive(found.info.pid)) return undefined;
  return {issuer: found.info.issuer, listening: urlOf(found.info.host, found.info.port)};
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
