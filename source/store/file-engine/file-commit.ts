/**
 * One commit to the data file (ARCHITECTURE.md, "File engine"), every step under the
 * cross-process save lock:
 *
 * 1. take the lock (save-lock.ts); remove temp files of killed saves (temp-files.ts);
 * 2. the file's fingerprint: gone though the writer read it → `gone`, nothing written; the one
 *    Low's data came from → no read; else read it (records equal to known ones are not parsed
 *    again: record-slices.ts);
 * 3. decide each record against the file as it is (decide-records.ts: written, merged field by
 *    field, conflict, invalid); nothing to write → done;
 * 4. check the lock is still this save's; keep the backup (backup.ts, and the schema-1 copy when
 *    this save upgrades the file);
 * 5. Low writes the new data (the adapter checks the lock again just before the rename);
 * 6. append the audit entries of the records written; a failure there is `auditProblem` (the data
 *    is written). The folder watch of every other writer then sees the rename.
 */
import {appendAuditEntries} from '../audit-log.js';
import {keepBackup, keepSchema1Copy} from '../backup.js';
import {auditLogPath} from '../data-file-paths.js';
import {decideRecords} from '../decide-records.js';
import type {Commit, CommitOptions, CommitResult, Snapshot} from '../engine.js';
import {errorCode} from '../data-file-error.js';
import {fileFingerprint} from '../json-file-adapter.js';
import {lastChangeOf} from '../last-change.js';
import {wasUpgraded} from '../parse-database.js';
import {withSaveLock, type SaveLock} from '../save-lock.js';
import {removeTempFiles} from '../temp-files.js';
import {loadFile, type FileState} from './file-state.js';
import {fileSnapshot, positionsOf} from './file-snapshot.js';

export const commitToFile = (state: FileState, known: Snapshot, commit: Commit, options: CommitOptions): Promise<CommitResult> =>
  withSaveLock(state.file, async lock => {
    state.lock = lock;
    try {
      return await commitLocked(state, lock, known, commit, options);
    } finally {
      state.lock = undefined;
    }
  });

const commitLocked = async (
  state: FileState,
  lock: SaveLock,
  known: Snapshot,
  commit: Commit,
  options: CommitOptions,
): Promise<CommitResult> => {
  const {file, low} = state;
  await removeTempFiles(file);
  const fingerprint = await fileFingerprint(file);
  // The file this writer read is gone: writing what the file holds now (nothing) plus this change would lose every other record.
  const gone = fingerprint === undefined && known.mark !== undefined;
  if (gone && !options.recreate) return {kind: 'gone'};
  const current = gone ? known.database : await loadFile(state, fingerprint);

  const decided = await decideRecords(
    current.thirdParties,
    commit.records,
    (id, seen) => lastChangeOf(file, id, seen),
    positionsOf(current),
  );
  if (decided.written === 0 && commit.settings === undefined)
    return {kind: 'committed', snapshot: fileSnapshot(current, fingerprint), records: decided.outcomes};

  const next = {
    ...current,
    // The revision only goes up, even over a file restored from its backup.
    revision: Math.max(current.revision, known.database.revision) + 1,
    ...(commit.settings === undefined ? {} : {settings: commit.settings}),
    thirdParties: decided.thirdParties,
  };
  // Nothing is replaced unless the lock is still this save's (checked again just before the rename).
  await lock.assertHeld();
  if (fingerprint !== undefined) {
    // The backup is the file as it was, byte for byte.
    await keepBackup(file);
    if (wasUpgraded(current)) await keepSchema1Copy(file);
  }
  const before = {data: low.data, mark: state.mark};
  low.data = next;
  try {
    await low.write();
  } catch (error) {
    low.data = before.data;
    state.mark = before.mark;
    throw error;
  }
  state.mark = await fileFingerprint(file);
  let auditProblem: string | undefined;
  try {
    await appendAuditEntries(auditLogPath(file), decided.entries);
  } catch (error) {
    auditProblem = errorCode(error);
  }
  return {
    kind: 'committed',
    snapshot: fileSnapshot(next, state.mark, decided.samePositions ? current : undefined),
    records: decided.outcomes,
    ...(auditProblem === undefined ? {} : {auditProblem}),
  };
};
