/**
 * Opening the files tpa writes so that nothing planted at their paths is followed: every file is
 * created with O_EXCL (a link, or anything else, at the path makes the open fail) under a temp
 * name from the CSPRNG that nobody can place a link at in advance, then renamed over its path
 * (rename replaces a link, never writes through it); logs are appended with O_NOFOLLOW and only
 * when they are regular files of this user. Nothing here changes a file's owner.
 * ARCHITECTURE.md, Data.
 */
import {randomBytes} from 'node:crypto';
import {
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
  type Stats,
} from 'node:fs';
import {mkdir, open, rename, rm, type FileHandle} from 'node:fs/promises';
import path from 'node:path';

export const FILE_MODE = 0o600;
export const FOLDER_MODE = 0o700;

const {O_WRONLY, O_RDONLY, O_CREAT, O_EXCL, O_APPEND, O_NOFOLLOW, O_NONBLOCK, O_NOCTTY} = constants;
/** A log: appended to, never through a link, never blocking on a FIFO. */
const APPEND_FLAGS = O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY;
/** A new file: only if nothing (not even a link) is at its path. */
const CREATE_FLAGS = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NOCTTY;

/** A file tpa will not write to or read: a link, not a regular file, or another user's. */
export class UnsafeFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file} ${problem}; tpa does not use it. Run tpa doctor.`);
    this.name = 'UnsafeFileError';
  }
}

/** "a named pipe", "a folder", … for messages about what was found at a path. */
export const describeFileType = (info: Stats): string => {
  if (info.isFile()) return 'a regular file';
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isSymbolicLink()) return 'a symbolic link';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
};

const ownUid = (): number | undefined => process.getuid?.();

/**
 * Throws UnsafeFileError unless the opened file is a regular file; with `checkOwner` this user's
 * too, and with `privateMode` one that nobody else may read or write (mode 0600 or stricter).
 */
const assertSafeFile = (file: string, info: Stats, checkOwner: boolean, privateMode = false): void => {
  if (!info.isFile()) throw new UnsafeFileError(file, `is ${describeFileType(info)}, not a regular file`);
  const uid = ownUid();
  if (checkOwner && uid !== undefined && info.uid !== uid) throw new UnsafeFileError(file, `belongs to another user (uid ${info.uid})`);
  if (privateMode && (info.mode & 0o077) !== 0)
    throw new UnsafeFileError(file, `is not private: others can read or write it (mode 0${(info.mode & 0o777).toString(8)})`);
};

/**
 * What a failed open is thrown as: a link at the path (O_NOFOLLOW's ELOOP), a named pipe or
 * socket (a non-blocking open for writing: ENXIO) or a folder (EISDIR) is an UnsafeFileError.
 */
const openError = (file: string, error: unknown): unknown => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ELOOP') return new UnsafeFileError(file, 'is a symbolic link');
  if (code === 'EISDIR') return new UnsafeFileError(file, 'is a folder, not a regular file');
  if (code === 'ENXIO') {
    const found = lstatSync(file, {throwIfNoEntry: false});
    return new UnsafeFileError(file, `is ${found ? describeFileType(found) : 'not a regular file'}, not a regular file`);
  }
  return error;
};

/** Unpredictable: a name nobody can plant a link at before it is created. */
export const temporaryNameFor = (file: string): string => `${file}.${randomBytes(8).toString('hex')}.tmp`;

/**
 * Opens a file of this user for appending (a log), creating it 0600. A link at the path, a file
 * that is not regular (a FIFO is opened without blocking) or another user's file is refused.
 */
export const openPrivateFile = async (file: string): Promise<FileHandle> => {
  let handle: FileHandle;
  try {
    handle = await open(file, APPEND_FLAGS, FILE_MODE);
  } catch (error) {
    throw openError(file, error);
  }
  try {
    assertSafeFile(file, await handle.stat(), true);
    // Created by something else, or under an older umask: only its owner may read it.
    await handle.chmod(FILE_MODE);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
};

/** The same as openPrivateFile, synchronously, as a file descriptor (for streams and exit handlers). */
export const openPrivateFileSync = (file: string): number => {
  let fd: number;
  try {
    fd = openSync(file, APPEND_FLAGS, FILE_MODE);
  } catch (error) {
    throw openError(file, error);
  }
  try {
    assertSafeFile(file, fstatSync(fd), true);
    fchmodSync(fd, FILE_MODE);
    return fd;
  } catch (error) {
    closeSync(fd);
    throw error;
  }
};

/** Creates `file` 0600 only if nothing (not even a link) is at its path; EEXIST otherwise. */
export const createPrivateFile = (file: string): Promise<FileHandle> => open(file, CREATE_FLAGS, FILE_MODE);

export interface SafeWriteOptions {
  /** Called after the temp file is synced, just before it replaces the file: throwing stops the write. */
  readonly beforeRename?: () => void | Promise<void>;
  /** false: no fsync of the file and its folder, for notes that need not survive a crash (the lock owner). */
  readonly durable?: boolean;
}

/** Parts handed to one writev: the kernel takes at most IOV_MAX (1,024 on Linux) in one call. */
const PARTS_PER_WRITE = 1024;

/**
 * Writes every part in order, with as few system calls as the kernel allows (writev), a batch of
 * parts at a time: handing all 100,000 parts of a 50,000-record file to each call made Node check
 * them all again after every short write (seconds a save).
 */
const writeParts = async (handle: FileHandle, parts: readonly Buffer[]): Promise<void> => {
  let index = 0;
  // How much of parts[index] went out already (a short write can end in the middle of a part).
  let offset = 0;
  while (index < parts.length) {
    const batch = parts.slice(index, index + PARTS_PER_WRITE);
    if (offset > 0) batch[0] = batch[0]!.subarray(offset);
    let {bytesWritten} = await handle.writev(batch);
    while (index < parts.length && bytesWritten >= parts[index]!.length - offset) {
      bytesWritten -= parts[index]!.length - offset;
      offset = 0;
      index++;
    }
    offset += bytesWritten;
  }
};

/** Bytes, or their parts in order (written with writev: no copy of the whole into one buffer). */
export type FileBytes = string | Buffer | readonly Buffer[];

/**
 * Replaces `file` atomically: a temp file in the same folder (O_EXCL, random name, 0600 from the
 * first byte), fsync, rename over the path, fsync of the folder. A link at `file` is replaced by
 * the file, its target untouched. A crash leaves the old file or the new one.
 */
export const writePrivateFileSafely = async (file: string, bytes: FileBytes, options: SafeWriteOptions = {}): Promise<void> => {
  const folder = path.dirname(file);
  await mkdir(folder, {recursive: true, mode: FOLDER_MODE});
  const temporary = temporaryNameFor(file);
  let handle: FileHandle | undefined = await createPrivateFile(temporary);
  try {
    // The umask may take bits away, never add them: exactly 0600 all the same.
    await handle.chmod(FILE_MODE);
    if (typeof bytes === 'string' || Buffer.isBuffer(bytes)) await handle.writeFile(bytes);
    else await writeParts(handle, bytes);
    if (options.durable !== false) await handle.sync();
    await handle.close();
    handle = undefined;
    await options.beforeRename?.();
    await rename(temporary, file);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temporary, {force: true});
    throw error;
  }
  if (options.durable !== false) await syncFolder(folder);
};

/** writePrivateFileSafely, synchronously: for a signal handler that runs just before the process exits. */
export const writePrivateFileSafelySync = (file: string, bytes: string | Buffer): void => {
  const folder = path.dirname(file);
  mkdirSync(folder, {recursive: true, mode: FOLDER_MODE});
  const temporary = temporaryNameFor(file);
  const fd = openSync(temporary, CREATE_FLAGS, FILE_MODE);
  try {
    try {
      fchmodSync(fd, FILE_MODE);
      const buffer = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
      for (let written = 0; written < buffer.length;) written += writeSync(fd, buffer, written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, {force: true});
    throw error;
  }
};

/** Makes a rename in the folder survive a crash. */
export const syncFolder = async (folder: string): Promise<void> => {
  const handle = await open(folder, O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};

export class FileTooLargeError extends Error {
  constructor(
    readonly file: string,
    readonly bytes: number,
  ) {
    super(`${file} is larger than expected (${bytes.toLocaleString('en')} bytes)`);
    this.name = 'FileTooLargeError';
  }
}

export interface ReadOptions {
  /** Larger files throw FileTooLargeError before a byte is read. */
  readonly maxBytes: number;
  /** The data file may be a link the admin made; the files beside it never are. */
  readonly followLink: boolean;
  /** Only this user's file that nobody else may read or write (a file whose content is trusted: the server file). */
  readonly privateFile?: boolean;
}

/**
 * O_NONBLOCK: opening a FIFO planted at the path returns at once (then fstat says what it is)
 * instead of blocking one of libuv's threads for ever, which once stopped the server's reloads
 * and kept SIGTERM from ending it.
 */
const readFlags = (followLink: boolean): number => O_RDONLY | O_NONBLOCK | O_NOCTTY | (followLink ? 0 : O_NOFOLLOW);

/**
 * The buffer an opened file is read into, once what was opened is checked: a regular file of at
 * most `maxBytes`. One byte more than allowed: a file that grew meanwhile is refused, not read
 * without end.
 */
const readBufferFor = (file: string, info: Stats, maxBytes: number, privateFile = false): Buffer => {
  assertSafeFile(file, info, privateFile, privateFile);
  if (info.size > maxBytes) throw new FileTooLargeError(file, info.size);
  return Buffer.allocUnsafe(Math.min(info.size, maxBytes) + 1);
};

/**
 * A regular file's bytes, at most `maxBytes`; undefined when there is none. The open never
 * blocks (a named pipe at the path would wait for a writer for ever) and what was opened is
 * checked before reading: anything but a regular file throws UnsafeFileError.
 */
export const readRegularFile = async (file: string, {maxBytes, followLink, privateFile}: ReadOptions): Promise<Buffer | undefined> => {
  let handle: FileHandle;
  try {
    handle = await open(file, readFlags(followLink));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw openError(file, error);
  }
  try {
    const buffer = readBufferFor(file, await handle.stat(), maxBytes, privateFile);
    let length = 0;
    for (;;) {
      if (length === buffer.length) throw new FileTooLargeError(file, length);
      const {bytesRead} = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
};

/** readRegularFile, synchronously (the recovery file is read before the console draws). */
export const readRegularFileSync = (file: string, {maxBytes, followLink, privateFile}: ReadOptions): Buffer | undefined => {
  let fd: number;
  try {
    fd = openSync(file, readFlags(followLink));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw openError(file, error);
  }
  try {
    const buffer = readBufferFor(file, fstatSync(fd), maxBytes, privateFile);
    let length = 0;
    for (;;) {
      if (length === buffer.length) throw new FileTooLargeError(file, length);
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
};
