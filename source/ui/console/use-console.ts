/** The console's state and the side effects it asks for: saving through the store, and leaving. */
import {useApp} from 'ink';
import {useCallback, useEffect, useMemo, useReducer} from 'react';
import {unhandled, type Environment, type SaveOutcome, type ThirdPartyStore} from '../../domain/index.js';
import {createConsoleReducer, initialConsoleState} from './console-reducer.js';
import {failureText} from './failure-text.js';
import type {ConsoleAction, ConsoleState, Pages, Request} from './state.js';
import type {KeyPress} from '../keys/keys.js';
import {runLifecycleRequest} from './lifecycle-requests.js';
import type {Outbox} from './outbox.js';
import {noAccessTester, type AccessTester} from '../test-access/access-tester.js';
import {useTestAccess} from '../test-access/use-test-access.js';
import {noLiveSources, type LiveSources} from '../live/live-sources.js';
import {useLive, type LiveView} from '../live/use-live.js';

/**
 * A save's outcome, to the reducer (a switch on the closed union: a kind not handled here does
 * not compile). Merged records of other writers come with the whole list.
 */
const reportSave = (outcome: SaveOutcome, id: string, env: Environment, dispatch: (action: ConsoleAction) => void): void => {
  switch (outcome.kind) {
    case 'saved':
    case 'savedAuditFailed': {
      const saved = outcome.database.thirdParties.find(thirdParty => thirdParty.id === id);
      if (!saved) {
        dispatch({type: 'saveFailed', message: 'The saved third party is missing from the file.'});
        return;
      }
      const merged = outcome.merged.length > 0;
      dispatch({
        type: 'saved',
        thirdParty: saved,
        at: env.now(),
        ...(merged ? {all: outcome.database.thirdParties, merged: outcome.merged} : {}),
        ...(outcome.mergedFields ? {mergedFields: outcome.mergedFields} : {}),
      });
      // Saved all the same: the history lacks this change, and the admin is told.
      if (outcome.kind === 'savedAuditFailed') dispatch({type: 'notice', text: outcome.problem});
      return;
    }
    case 'conflict':
      dispatch({type: 'saveConflict', conflict: outcome.conflict});
      return;
    case 'invalid':
      dispatch({type: 'saveFailed', message: outcome.message, errors: outcome.errors});
      return;
    default:
      unhandled(outcome);
  }
};

/** Carries out one request and reports back through `dispatch`. */
const carryOut = async (
  request: Extract<Request, {kind: 'save' | 'resolveConflict' | 'settleRecovery'}>,
  store: ThirdPartyStore,
  env: Environment,
  dispatch: (action: ConsoleAction) => void,
): Promise<void> => {
  switch (request.kind) {
    case 'save':
      reportSave(await store.saveThirdParty(request.thirdParty), request.thirdParty.id, env, dispatch);
      return;
    case 'resolveConflict': {
      const {conflict} = request;
      if (conflict.fileDeleted) {
        if (!request.keepCopy) {
          reportSave(await store.rewriteDeletedFile(conflict.mine), conflict.thirdPartyId, env, dispatch);
          return;
        }
        const copy = await store.keepCopy(conflict.mine, true);
        dispatch({
          type: 'saveFailed',
          message: `Not saved: the data file is gone. Every third party this console has is kept in ${copy} (open it with tpa --data).`,
        });
        return;
      }
      const copy = request.keepCopy ? await store.keepCopy(conflict.mine) : undefined;
      const database = await store.reload();
      const notice = copy
        ? `Your version is kept in ${copy} (open it with tpa --data); the form shows theirs.`
        : conflict.theirs
          ? 'Reloaded as the other console saved it; your changes were dropped.'
          : 'The other console deleted this third party; your changes were dropped.';
      dispatch({type: 'reloaded', database, openId: conflict.thirdPartyId, notice});
      return;
    }
    case 'settleRecovery':
      // Keys are not held back for this: the admin may already be typing in the restored form.
      dispatch({type: 'requestHandled'});
      await store.settleRecovery(request.restored);
      return;
  }
};

export const useConsole = (
  store: ThirdPartyStore,
  env: Environment,
  pages: Pages,
  outbox: Outbox,
  access: AccessTester = noAccessTester,
  live: LiveSources = noLiveSources,
): [ConsoleState, (key: KeyPress) => void, ReadonlyMap<string, Date>, LiveView] => {
  const {exit} = useApp();
  const reducer = useMemo(() => createConsoleReducer(env), [env]);
  const [state, dispatch] = useReducer(reducer, undefined, () =>
    initialConsoleState(store.database.thirdParties, env, {
      warnings: store.warnings,
      recovered: store.recovered,
      sheetFolder: outbox.sheetFolder,
    }),
  );

  const {request} = state;
  useEffect(() => {
    if (!request) return;
    if (request.kind === 'exit') {
      exit();
      return;
    }
    // Carried out by use-live.ts.
    if (request.kind === 'decide' || request.kind === 'authorizationTest' || request.kind === 'saveSettings') return;
    // No cancellation on cleanup: a save that has started always reports back, or the
    // console would stay on "Saving…" forever.
    if (request.kind !== 'save' && request.kind !== 'resolveConflict' && request.kind !== 'settleRecovery') {
      runLifecycleRequest(request, {store, outbox, env, dispatch});
      return;
    }
    // Thrown only when the storage failed (the file could not be written, the lock was lost): nothing was saved.
    carryOut(request, store, env, dispatch).catch((error: unknown) => dispatch({type: 'saveFailed', message: failureText(error)}));
  }, [request, store, env, exit, outbox]);

  const liveView = useLive(live, store, state, dispatch);
  const lastUsed = useTestAccess(access, state.dialog, dispatch, liveView.lastUsedChanges);
  const onKey = useCallback((key: KeyPress) => dispatch({type: 'key', key, pages}), [pages]);
  return [state, onKey, lastUsed, liveView];
};
