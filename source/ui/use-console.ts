/** The console's state and the side effects it asks for: saving through the store, and leaving. */
import {useApp} from 'ink';
import {useCallback, useEffect, useMemo, useReducer} from 'react';
import type {Environment} from '../domain/index.js';
import {createConsoleReducer, initialConsoleState, type ConsoleAction, type ConsoleState, type Pages, type Request} from './console-state.js';
import type {KeyPress} from './keys.js';
import type {ConsoleStore} from './console-store.js';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Carries out one request and reports back through `dispatch`. */
const carryOut = async (request: Exclude<Request, {kind: 'exit'}>, store: ConsoleStore, env: Environment, dispatch: (action: ConsoleAction) => void): Promise<void> => {
  switch (request.kind) {
    case 'save': {
      const outcome = await store.saveThirdParty(request.thirdParty);
      if (outcome.kind === 'conflict') {
        dispatch({type: 'saveConflict', conflict: outcome.conflict});
        return;
      }
      const saved = outcome.database.thirdParties.find(thirdParty => thirdParty.id === request.thirdParty.id);
      if (!saved) {
        dispatch({type: 'saveFailed', message: 'The saved third party is missing from the file.'});
        return;
      }
      const merged = outcome.merged.length > 0;
      dispatch({type: 'saved', thirdParty: saved, at: env.now(), ...(merged ? {all: outcome.database.thirdParties, merged: outcome.merged} : {})});
      return;
    }
    case 'resolveConflict': {
      const {conflict} = request;
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

export const useConsole = (store: ConsoleStore, env: Environment, pages: Pages): [ConsoleState, (key: KeyPress) => void] => {
  const {exit} = useApp();
  const reducer = useMemo(() => createConsoleReducer(env), [env]);
  const [state, dispatch] = useReducer(reducer, undefined, () =>
    initialConsoleState(store.database.thirdParties, env, {warnings: store.warnings, recovered: store.recovered}),
  );

  const {request} = state;
  useEffect(() => {
    if (!request) return;
    if (request.kind === 'exit') {
      exit();
      return;
    }
    // No cancellation on cleanup: a save that has started always reports back, or the
    // console would stay on "Saving…" forever.
    carryOut(request, store, env, dispatch).catch((error: unknown) => {
      const errors = (error as {errors?: Record<string, string>}).errors;
      dispatch({type: 'saveFailed', message: messageOf(error), ...(errors ? {errors} : {})});
    });
  }, [request, store, env, exit]);

  const onKey = useCallback((key: KeyPress) => dispatch({type: 'key', key, pages}), [pages]);
  return [state, onKey];
};
