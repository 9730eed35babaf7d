/**
 * `tpa doctor`: looks at the data file and the files beside it and says what is wrong and how to
 * fix it. It only reads: nothing is changed, so it is safe to run while consoles are open.
 */
import type {Stats} from 'node:fs';
import {lstat, readdir, readlink, stat} from 'node:fs/promises';
import path from 'node:path';
import {toDisplayText} from '../domain/index.js';
import {
  accessLogPath,
  auditLogPath,
  backupPath,
  schema1CopyPath,
  lastUsedIndexPath,
  lockOwnerPath,
  lockPath,
  recoveryPath,
  serverInfoPath,
} from './data-file-paths.js';
import {logGenerations} from './rotating-log.js';
import {DataFileError} from './data-file-error.js';
import {checkRecords, type DoctorCheck} from './doctor-records.js';
import {MAX_DATA_FILE_BYTES} from './data-file-limits.js';
import {readDataFileText} from './json-file-adapter.js';
import {parseDatabase} from './parse-database.js';
import {describeFileType, readRegularFile, UnsafeFileError} from './safe-file.js';
import {readRecovery} from './recovery-file.js';
import {lockState} from './save-lock.js';
import {findTempFiles} from './temp-files.js';

export type {DoctorCheck};

const modeOf = (mode: number): string => (mode & 0o777).toString(8).padStart(4, '0');
const when = (date: Date): string =>
  date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');

const checkDataFile = async (file: string): Promise<DoctorCheck[]> => {
  const checks: DoctorCheck[] = [];
  try {
    const text = await readDataFileText(file);
    if (text === undefined) return [{level: 'note', text: 'the data file does not exist yet: the first save creates it (0600)'}];
    const database = parseDatabase(text, file);
    checks.push({
      level: 'ok',
      text: `the data file parses: schema ${database.schema}, revision ${database.revision}, ${database.thirdParties.length} third parties`,
    });
    checks.push(...checkRecords(database.thirdParties));
  } catch (error) {
    if (!(error instanceof DataFileError)) throw error;
    checks.push({
      level: 'problem',
      text: `the data file cannot be used: ${error.problem}`,
      fix: `correct it by hand, or restore the backup: cp -p ${backupPath(file)} ${file}`,
    });
  }
  return checks;
};

/** What is at a path tpa writes, when it is not a regular file of this user: links, pipes, other users' files. */
const checkKind = (candidate: string, info: Stats, isDataFile: boolean, target: string | undefined): DoctorCheck | undefined => {
  if (info.isSymbolicLink()) {
    if (isDataFile)
      return {
        level: 'note',
        text: `the data file is a symbolic link to ${target ?? '?'}: saves replace that file, and the backup keeps its content`,
      };
    return {
      level: 'problem',
      text: `${candidate} is a symbolic link${target ? ` to ${target}` : ''}: tpa never writes through it (someone may have planted it)`,
      fix: `look at it, then remove it: rm ${candidate}`,
    };
  }
  if (!info.isFile()) {
    return {
      level: 'problem',
      text: `${candidate} is ${describeFileType(info)}, not a regular file: tpa does not use it`,
      fix: `remove it: rm ${candidate}`,
    };
  }
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) {
    return {
      level: 'problem',
      text: `${candidate} belongs to another user (uid ${info.uid}): tpa does not write to it; whoever owns it can read and change it`,
      fix: `look at it, then remove it or give it to this user (uid ${uid})`,
    };
  }
  return undefined;
};

/**
 * Folders from the data file's up to the root: one others can write to (and, above it, without the
 * sticky bit) lets them replace files in it; the data file's own folder is the owner's alone (0700).
 */
const checkFolders = async (file: string): Promise<DoctorCheck[]> => {
  const checks: DoctorCheck[] = [];
  let folder = path.dirname(path.resolve(file));
  for (let first = true; ; first = false) {
    const info = await stat(folder).catch(() => undefined);
    const sticky = info !== undefined && (info.mode & 0o1000) !== 0;
    if (info && (info.mode & 0o022) !== 0 && (first || !sticky)) {
      checks.push({
        level: 'problem',
        text: `group or others can write the folder ${folder} (mode ${modeOf(info.mode)}): they could replace the data file or plant links beside it`,
        fix: `chmod go-w ${folder}`,
      });
    } else if (first && info && (info.mode & 0o077) !== 0) {
      // The data file's own folder is 0700 (README, The data file): the names in it say what is kept there.
      checks.push({
        level: 'problem',
        text: `group or others can list the folder ${folder} (mode ${modeOf(info.mode)}), which holds the data file and its backup, logs and copies`,
        fix: `chmod 700 ${folder}`,
      });
    }
    const parent = path.dirname(folder);
    if (parent === folder) return checks;
    folder = parent;
  }
};

/** Files that hold secrets or what admins did: only their owner may read them, and none may be a link or another user's. */
const checkModes = async (file: string): Promise<DoctorCheck[]> => {
  const folder = path.dirname(file);
  const names = await readdir(folder).catch(() => [] as string[]);
  const copies = names.filter(name => name.startsWith(`${path.parse(file).name}.mine-`)).map(name => path.join(folder, name));
  const checks: DoctorCheck[] = [];
  const open: string[] = [];
  for (const candidate of [
    file,
    backupPath(file),
    schema1CopyPath(file),
    recoveryPath(file),
    ...logGenerations(auditLogPath(file)),
    ...logGenerations(accessLogPath(file)),
    lastUsedIndexPath(file),
    serverInfoPath(file),
    lockOwnerPath(file),
    ...copies,
  ]) {
    const info = await lstat(candidate).catch(() => undefined);
    if (!info) continue;
    const target = info.isSymbolicLink() ? await readlink(candidate).catch(() => undefined) : undefined;
    const kind = checkKind(candidate, info, candidate === file, target);
    if (kind) checks.push(kind);
    const seen = candidate === file && info.isSymbolicLink() ? await stat(candidate).catch(() => undefined) : info;
    // The lock owner note says only which process saves: anyone may read it.
    if (candidate !== lockOwnerPath(file) && seen?.isFile() && (seen.mode & 0o077) !== 0)
      open.push(`${candidate} (mode ${modeOf(seen.mode)})`);
  }
  if (open.length === 0) checks.push({level: 'ok', text: 'only the owner can read the data file and the files beside it'});
  for (const entry of open) {
    const name = entry.slice(0, entry.lastIndexOf(' ('));
    checks.push({
      level: 'problem',
      text: `group or others can read ${entry}, which holds secrets or who did what`,
      fix: `chmod 600 ${name}`,
    });
  }
  checks.push(...(await checkFolders(file)));
  if (copies.length > 0) {
    checks.push({
      level: 'note',
      text: `versions kept after a conflict: ${copies.join(', ')} (open one with tpa --data FILE; remove it when done)`,
    });
  }
  return checks;
};

const checkLock = async (file: string): Promise<DoctorCheck> => {
  const state = await lockState(file);
  if (state.kind === 'free') return {level: 'ok', text: 'no save is running (the save lock is free)'};
  const owner = state.owner ? ` by pid ${state.owner.pid} on ${toDisplayText(state.owner.host)}` : '';
  if (state.kind === 'held') return {level: 'ok', text: `a save is running now${owner}`};
  return {
    level: 'problem',
    text: `the save lock was left behind${owner} at ${when(state.since)}: ${state.why}`,
    fix: `the next save takes it over; or remove it: rm -r ${lockPath(file)} ${lockOwnerPath(file)}`,
  };
};

const checkTempFiles = async (file: string): Promise<DoctorCheck> => {
  const found = await findTempFiles(file);
  if (found.length === 0) return {level: 'ok', text: 'no temp files left by an interrupted save'};
  return {
    level: 'problem',
    text: `temp files left by an interrupted save (they are never read): ${found.join(', ')}`,
    fix: `the next start of tpa removes them; or: rm ${found.join(' ')}`,
  };
};

const checkBackup = async (file: string): Promise<DoctorCheck> => {
  const backup = backupPath(file);
  let text: string | undefined;
  try {
    text = (await readRegularFile(backup, {maxBytes: MAX_DATA_FILE_BYTES, followLink: false}))?.toString('utf8');
  } catch (error) {
    return {
      level: 'problem',
      text: `the backup cannot be used: ${error instanceof UnsafeFileError ? `it ${error.problem}` : String(error)}`,
      fix: `rm ${backup}`,
    };
  }
  if (text === undefined) return {level: 'note', text: `no backup yet: each save keeps the previous revision in ${backup}`};
  try {
    const database = parseDatabase(text, backup);
    const info = await stat(backup);
    return {level: 'ok', text: `backup of revision ${database.revision} from ${when(info.mtime)}: ${backup}`};
  } catch (error) {
    return {
      level: 'problem',
      text: `the backup cannot be used: ${error instanceof DataFileError ? error.problem : String(error)}`,
      fix: 'the next save replaces it',
    };
  }
};

const checkRecovery = (file: string): DoctorCheck | undefined => {
  const recovery = readRecovery(file);
  if (recovery.kind === 'none') return undefined;
  if (recovery.kind === 'unreadable')
    return {level: 'problem', text: recovery.problem, fix: `look at it, then remove it: rm ${recoveryPath(file)}`};
  const name = toDisplayText(recovery.changes.thirdParty.name.trim()) || 'a new third party';
  return {
    level: 'note',
    text: `unsaved changes to "${name}" from ${when(recovery.changes.savedAt)} wait in ${recoveryPath(file)}`,
    fix: `start tpa --data ${file} to restore or discard them`,
  };
};

export const runDoctor = async (file: string): Promise<DoctorCheck[]> => {
  const checks = [
    ...(await checkDataFile(file)),
    ...(await checkModes(file)),
    await checkLock(file),
    await checkTempFiles(file),
    await checkBackup(file),
  ];
  const recovery = checkRecovery(file);
  if (recovery) checks.push(recovery);
  return checks;
};

const LABELS: Record<DoctorCheck['level'], string> = {ok: 'ok     ', note: 'note   ', problem: 'PROBLEM'};

/** `file`: the data file's path, or the database's address without its password. */
export const formatDoctorReport = (file: string, checks: readonly DoctorCheck[]): string => {
  const lines = [`tpa doctor: ${file}`];
  for (const check of checks) {
    // A text of several lines (the problems of an invalid file) stays in the text column.
    lines.push(`  ${LABELS[check.level]} ${check.text.replace(/\n\s*/g, '\n            ')}`);
    if (check.fix) lines.push(`          fix: ${check.fix}`);
  }
  const problems = checks.filter(check => check.level === 'problem').length;
  lines.push(problems === 0 ? 'No problems found.' : `${problems} problem${problems === 1 ? '' : 's'} found.`);
  return lines.join('\n');
};
