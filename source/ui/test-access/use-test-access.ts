/**
 * The I/O the test-access panel asks for, through the AccessTester: finding the server when the
 * panel opens, testing through it on Enter; and the "Last used" of each token, read at start,
 * whenever the access log changes (live/),
 * when the panel opens and after each test through the server.
 */
import {useEffect, useState, type Dispatch} from 'react';
import type {AccessTester} from './access-tester.js';
import type {ConsoleAction, Dialog} from '../console/state.js';

/**
 * When to read "Last used" again after an answer from the server: it gathers its access-log lines
 * for up to 0.1 s before writing them (server/access-log.ts), so a read right after the answer
 * finds them only on a slow machine; the later reads allow for a busy one.
 */
const READS_AFTER_ANSWER_MS = [0, 300, 1500];

const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const useTestAccess = (
  access: AccessTester,
  dialog: Dialog | undefined,
  dispatch: Dispatch<ConsoleAction>,
  /** Goes up when the access log changed (live/): "Last used" is read again. */
  lastUsedChanges = 0,
): ReadonlyMap<string, Date> => {
  const [lastUsed, setLastUsed] = useState<ReadonlyMap<string, Date>>(() => new Map());
  const [reads, setReads] = useState(0);
  const [answers, setAnswers] = useState(0);

  useEffect(() => {
    let cancelled = false;
    // A log that cannot be read leaves "Last used" as it was: it is a hint, not a record.
    access.lastUsed().then(
      map => !cancelled && setLastUsed(map),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [access, reads, lastUsedChanges]);

  const panel = dialog?.kind === 'testAccess' ? dialog : undefined;
  const server = panel?.server;
  const looking = server?.kind === 'looking';
  const testing = server?.kind === 'testing' ? server : undefined;

  useEffect(() => {
    if (!looking) return;
    setReads(count => count + 1);
    let cancelled = false;
    access.findServer().then(
      found =>
        !cancelled &&
        dispatch({
          type: 'testAccess',
          event: found.running ? {kind: 'serverFound', url: found.url} : {kind: 'serverAbsent', why: found.why},
        }),
      error => !cancelled && dispatch({type: 'testAccess', event: {kind: 'serverAbsent', why: describeError(error)}}),
    );
    return () => {
      cancelled = true;
    };
  }, [access, looking, dispatch]);

  useEffect(() => {
    if (!testing) return;
    const {run, url, presented} = testing;
    access.testThroughServer(url, presented).then(
      test => {
        dispatch({type: 'testAccess', event: {kind: 'serverAnswered', run, test}});
        setAnswers(count => count + 1);
      },
      error => dispatch({type: 'testAccess', event: {kind: 'serverFailed', run, message: describeError(error)}}),
    );
    // No cancel: a late answer carries its run number, and the panel ignores one it no longer waits for.
  }, [access, testing, dispatch]);

  useEffect(() => {
    if (answers === 0) return;
    const timers = READS_AFTER_ANSWER_MS.map(ms => setTimeout(() => setReads(count => count + 1), ms));
    return () => timers.forEach(clearTimeout);
  }, [answers]);

  return lastUsed;
};
