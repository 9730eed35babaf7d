/**
 * The console's live view (ARCHITECTURE.md, The console): the data file is refreshed when
 * another writer saved it, "Last used" when the server wrote its access log, the requests
 * waiting for approval as the server announces them, the running server's address. These are
 * subscriptions; what the admin asks of the server (decisions, the automatic authorization test)
 * are requests (console/requests.ts).
 */
import {useEffect, useRef, useState, type Dispatch} from 'react';
import {publicAddress, type RunningServerAddress, type ThirdPartyStore} from '../../domain/index.js';
import type {ConsoleAction, ConsoleState} from '../console/state.js';
import type {LiveSources} from './live-sources.js';

export interface LiveView {
  /** Goes up each time the access log changed: "Last used" is read again. */
  readonly lastUsedChanges: number;
  /** The server running for this data file, when one runs. */
  readonly runningServer: RunningServerAddress | undefined;
}

/** The records whose unsaved edits a refresh must leave alone. */
const editingOf = (state: ConsoleState): ReadonlySet<string> =>
  state.draft && (state.draft.modified || state.draft.isNew) ? new Set([state.draft.thirdParty.id]) : new Set();

const sameServer = (a: RunningServerAddress | undefined, b: RunningServerAddress | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.issuer === b.issuer && a.listening === b.listening);

export const useLive = (live: LiveSources, store: ThirdPartyStore, state: ConsoleState, dispatch: Dispatch<ConsoleAction>): LiveView => {
  const latest = useRef(state);
  latest.current = state;
  const [lastUsedChanges, setLastUsedChanges] = useState(0);
  const [runningServer, setRunningServer] = useState<RunningServerAddress | undefined>(undefined);

  useEffect(() => {
    let running = false;
    let again = false;
    let stopped = false;
    // One refresh at a time; a change during one is looked at right after it.
    const refresh = async (): Promise<void> => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          const refreshed = await store.refresh(editingOf(latest.current)).catch(() => undefined);
          if (refreshed && !stopped) dispatch({type: 'refreshed', refreshed});
        } while (again && !stopped);
      } finally {
        running = false;
      }
    };
    const stopData = live.watchDataFile(() => void refresh());
    const stopLog = live.watchLastUsed(() => setLastUsedChanges(count => count + 1));
    // A database gone and back is said once each; the watch reads what changed meanwhile once back.
    const stopConnection = live.watchConnection?.(connection =>
      dispatch({
        type: 'notice',
        text:
          connection.kind === 'lost'
            ? `The database cannot be reached (${connection.problem}): saves wait until it is back; your edits stay here.`
            : 'The database is back: saves go through again, and others’ changes come in.',
      }),
    );
    return () => {
      stopped = true;
      stopData();
      stopLog();
      stopConnection?.();
    };
  }, [live, store, dispatch]);

  const connected = state.approvals?.connected ?? false;
  useEffect(() => live.subscribeApprovals(view => dispatch({type: 'approvals', view})), [live, dispatch]);
  // What the last look found (undefined before the first answer): a change after it is a server started or stopped.
  const lastLook = useRef<{server: RunningServerAddress | undefined}>(undefined);
  useEffect(() => {
    let cancelled = false;
    const look = () =>
      void live.runningServer().then(
        server => {
          if (cancelled) return;
          const before = lastLook.current;
          // The same server keeps the same object: nothing is drawn again.
          if (before && sameServer(before.server, server)) return;
          lastLook.current = {server};
          setRunningServer(server);
          if (before) dispatch({type: 'serverMoved'});
        },
        () => undefined,
      );
    look();
    const stop = live.watchRunningServer?.(look);
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [live, connected, dispatch]);

  // The data file's setting (read again with every refresh) wins over the running server's address.
  const saved = store.database.settings?.issuer;
  const {url, source} = publicAddress(saved, runningServer);
  useEffect(() => dispatch({type: 'publicAddress', address: {url, source}, saved}), [url, source, saved, dispatch]);

  return {lastUsedChanges, runningServer};
};
