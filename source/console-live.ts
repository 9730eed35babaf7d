/**
 * The console's live sources (source/ui/live/live-sources.ts) wired to the real parts: the store's
 * watch of the data (its engine's: the data file's folder), the watch of the server's last-used
 * index, and the approvals client of the server.
 */
import {consoleApprovals} from './server/shared-approvals-client.js';
import {runAuthorizationSelfTest} from './server/authorization-self-test.js';
import {runningServerAddress} from './server/server-info.js';
import {lastUsedIndexPath, watchFile} from './store/index.js';
import type {ThirdPartyStore} from './domain/index.js';
import type {LiveSources} from './ui/live/live-sources.js';

/** Bursts of writes are seen as one change, well within the half second a refresh may take. */
export const DEBOUNCE_MS = 40;

/** How often a console on a database looks for a server on this machine, as the approvals client does on a file. */
const SERVER_LOOK_MS = 1_000;

/** A watch of `file` for the console: it calls `onChange` after each burst of writes, until the returned stop. */
const watching =
  (file: string) =>
  (onChange: () => void): (() => void) => {
    const watch = watchFile(file, onChange, DEBOUNCE_MS);
    return () => watch.close();
  };

export const createLiveSources = (dataFile: string, by: string, store: ThirdPartyStore): LiveSources & {close(): void} => {
  // On a database, the waiting requests and Last used are every server's, kept with the data; on a
  // file, the running server's (its admin channel, its index beside the file).
  const approvals = consoleApprovals(store, dataFile, {by});
  return {
    watchDataFile: onChange => store.watch(onChange),
    // The server's last-used index (ARCHITECTURE.md, The server), rewritten at most every 0.1 s: not the access log, which it is made from.
    watchLastUsed: store.lastUsed?.watch ?? watching(lastUsedIndexPath(dataFile)),
    ...(store.connection ? {watchConnection: store.connection.watch} : {}),
    subscribeApprovals: listener => {
      const stop = approvals.subscribe(listener);
      return () => void stop();
    },
    decide: (id, decision) => (decision === 'approve' ? approvals.approve(id) : approvals.deny(id)),
    runningServer: () => runningServerAddress(dataFile),
    // A server file read and a signal 0: cheap enough once a second.
    ...(store.waitingRequests
      ? {
          watchRunningServer: (onLook: () => void) => {
            const timer = setInterval(onLook, SERVER_LOOK_MS);
            timer.unref();
            return () => clearInterval(timer);
          },
        }
      : {}),
    testAuthorization: target => runAuthorizationSelfTest(dataFile, target, by),
    close: () => approvals.close(),
  };
};
