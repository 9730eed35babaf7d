/**
 * The short cross-process lock around each save (never held for a whole session), so that two
 * consoles, or a console and the server, never interleave read-compare-write. proper-lockfile
 * makes the lock (a folder, atomic mkdir) and treats it as stale when its mtime is not kept
 * fresh; beside it we note who holds it, so that a lock left by a process killed on this host
 * is taken over at once instead of after the stale time.
 */
import * as fs from 'node:fs';
import {mkdir, rm, stat} from 'node:fs/promises';
import {hostname} from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import {lockOwnerPath, lockPath} from './data-file-paths.js';
import {DataFileError} from './data-file-error.js';
import {readRegularFile, writePrivateFileSafely} from './safe-file.js';

/**
 * The file system proper-lockfile works with: its own makes the lock folder with a bare mkdir,
 * 0777 less the umask (0777 under umask 000, and anyone could then put a file in it, which keeps
 * it from being removed). Here it is made 0700 by the mkdir itself, whatever the umask (which can
 * only take bits away): there is no moment at which it is wider, as there would be with a chmod after.
 */
const lockFileSystem = {
  ...fs,
  mkdir: (folder: string, done: (error: NodeJS.ErrnoException | null) => void) => fs.mkdir(folder, {mode: 0o700}, done),
};

/** proper-lockfile's stale time: a holder on another host that stops refreshing its lock loses it after this. */
export const LOCK_STALE_MS = 10_000;
/** A lock folder with no owner note is only that young while its holder is between two lines of `acquire`. */
const OWNERLESS_STALE_MS = 2_000;
/** How long a save waits for another one before it gives up (a save takes well under a second). */
const WAIT_MS = LOCK_STALE_MS + 5_000;

export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export const readLockOwner = async (dataFile: string): Promise<LockOwner | undefined> => {
  try {
    const bytes = await readRegularFile(lockOwnerPath(dataFile), {maxBytes: 4096, followLink: false});
    const owner = JSON.parse(bytes?.toString('utf8') ?? 'null') as Partial<LockOwner> | null;
    if (!owner) return undefined;
    if (typeof owner.pid === 'number' && typeof owner.host === 'string' && typeof owner.since === 'string') {
      return {pid: owner.pid, host: owner.host, since: owner.since};
    }
  } catch {
    // No note, or half written by a process killed while writing it.
  }
  return undefined;
};

export type LockState =
  | {readonly kind: 'free'}
  | {readonly kind: 'held'; readonly owner: LockOwner | undefined; readonly since: Date}
  | {readonly kind: 'stale'; readonly owner: LockOwner | undefined; readonly since: Date; readonly why: string};

/** Whether a save holds the lock now, or a killed one left it behind. */
export const lockState = async (dataFile: string): Promise<LockState> => {
  let since: Date;
  try {
    since = (await stat(lockPath(dataFile))).mtime;
  } catch {
    return {kind: 'free'};
  }
  const owner = await readLockOwner(dataFile);
  const age = Date.now() - since.getTime();
  if (owner && owner.host === hostname() && !isAlive(owner.pid)) {
    return {kind: 'stale', owner, since, why: `process ${owner.pid} that took it is no longer running`};
  }
  if (!owner && age > OWNERLESS_STALE_MS) return {kind: 'stale', owner, since, why: 'nobody has noted taking it'};
  if (age > LOCK_STALE_MS) return {kind: 'stale', owner, since, why: `it has not been refreshed for ${Math.round(age / 1000)} s`};
  return {kind: 'held', owner, since};
};

const removeStaleLock = async (dataFile: string): Promise<boolean> => {
  const state = await lockState(dataFile);
  if (state.kind !== 'stale') return false;
  await rm(lockOwnerPath(dataFile), {force: true});
  await rm(lockPath(dataFile), {recursive: true, force: true});
  return true;
};

/**
 * The lock was lost while a save held it (its folder removed, or not refreshed in time because
 * the disk or the process stalled, and so possibly taken over): the save stopped before it
 * replaced the file.
 */
export class SaveLockLostError extends Error {
  constructor(
    readonly file: string,
    why: string,
  ) {
    super(`Not saved: the save lock on ${file} was lost during the save (${why}); another save may be running. Save again.`);
    this.name = 'SaveLockLostError';
  }
}

export interface SaveLock {
  /** Throws SaveLockLostError unless the lock is still this save's; called just before the file is replaced. */
  assertHeld(): Promise<void>;
  release(): Promise<void>;
}

const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Takes the lock, waiting for another save to finish. undefined only with `wait: false` when it is taken. */
export const acquireSaveLock = async (dataFile: string, options: {wait?: boolean} = {}): Promise<SaveLock | undefined> => {
  await mkdir(path.dirname(dataFile), {recursive: true, mode: 0o700});
  const deadline = Date.now() + WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    let compromised: Error | undefined;
    try {
      const release = await lockfile.lock(dataFile, {
        realpath: false,
        fs: lockFileSystem,
        lockfilePath: lockPath(dataFile),
        stale: LOCK_STALE_MS,
        retries: 0,
        // The default throws from a timer and would end the program; the save asks assertHeld instead.
        onCompromised: error => {
          compromised = error;
        },
      });
      const owner: LockOwner = {pid: process.pid, host: hostname(), since: new Date().toISOString()};
      // A note for other processes while the lock is held: no fsync (a crash ends the lock too).
      await writePrivateFileSafely(lockOwnerPath(dataFile), JSON.stringify(owner), {durable: false});
      return {
        assertHeld: async () => {
          if (compromised) throw new SaveLockLostError(dataFile, compromised.message);
          // proper-lockfile notices only at its next refresh (seconds away): look now.
          const folder = await stat(lockPath(dataFile)).catch(() => undefined);
          if (!folder) throw new SaveLockLostError(dataFile, 'its lock folder was removed');
          const noted = await readLockOwner(dataFile);
          if (noted?.pid !== owner.pid || noted.host !== owner.host || noted.since !== owner.since)
            throw new SaveLockLostError(dataFile, 'another process took it over');
        },
        release: async () => {
          // Only a lock that is still ours is removed: a lost one may be another save's by now.
          const noted = await readLockOwner(dataFile);
          if (noted?.pid === owner.pid && noted.since === owner.since) await rm(lockOwnerPath(dataFile), {force: true});
          if (compromised === undefined) await release().catch(() => undefined);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      if (await removeStaleLock(dataFile)) continue;
      if (options.wait === false) return undefined;
      if (Date.now() > deadline) {
        const owner = await readLockOwner(dataFile);
        throw new DataFileError(
          dataFile,
          `is being saved by another process${owner ? ` (pid ${owner.pid} on ${owner.host})` : ''} that has not finished for ${Math.round(WAIT_MS / 1000)} s; nothing was saved. Run tpa doctor.`,
        );
      }
      await pause(Math.min(200, 10 * 2 ** Math.min(attempt, 5)));
    }
  }
};

/** Runs `work` holding the save lock; `work` calls assertHeld before it replaces a file. */
export const withSaveLock = async <T>(dataFile: string, work: (lock: SaveLock) => Promise<T>): Promise<T> => {
  const lock = (await acquireSaveLock(dataFile))!;
  try {
    return await work(lock);
  } finally {
    await lock.release();
  }
};
