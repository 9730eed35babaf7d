/** The console's state and the side effects it asks for: saving through the store, and leaving. */
import {useApp} from 'ink';
import {useCallback, useEffect, useMemo, useReducer} from 'react';
import type {Database, Environment} from '../domain/index.js';
import {createConsoleReducer, initialConsoleState, type ConsoleState, type Pages} from './console-state.js';
import type {KeyPress} from './keys.js';
import type {ConsoleStore} from './console-store.js';
import {runLifecycleRequest} from './lifecycle-requests.js';
import type {Outbox} from './outbox.js';

export const useConsole = (store: ConsoleStore, env: Environment, pages: Pages, outbox: Outbox): [ConsoleState, (key: KeyPress) => void] => {
  const {exit} = useApp();
  const reducer = useMemo(() => createConsoleReducer(env), [env]);
  const [state, dispatch] = useReducer(reducer, undefined, () => initialConsoleState(store.database.thirdParties, env));

  const {request} = state;
  useEffect(() => {
    if (!request) return;
    if (request.kind === 'exit') {
      exit();
      return;
    }
    let cancelled = false;
    if (request.kind !== 'save') {
      runLifecycleRequest(request, {store, outbox, env, dispatch: action => cancelled || dispatch(action)});
      return () => {
        cancelled = true;
      };
    }
    store.saveThirdParty(request.thirdParty).then(
      database => {
        const saved = database.thirdParties.find(thirdParty => thirdParty.id === request.thirdParty.id);
        if (!cancelled && saved) dispatch({type: 'saved', thirdParty: saved, at: env.now()});
      },
      (error: unknown) => {
        if (cancelled) return;
        // The file was written but the audit log was not: saved all the same, and said so.
        const database = (error as {database?: Database} | undefined)?.database;
        const saved = database?.thirdParties.find(thirdParty => thirdParty.id === request.thirdParty.id);
        if (saved) {
          dispatch({type: 'saved', thirdParty: saved, at: env.now()});
          dispatch({type: 'notice', text: error instanceof Error ? error.message : String(error)});
          return;
        }
        const errors = (error as {errors?: Record<string, string>}).errors;
        dispatch({type: 'saveFailed', message: error instanceof Error ? error.message : String(error), ...(errors ? {errors} : {})});
      },
    );
    return () => {
      cancelled = true;
    };
  }, [request, store, env, exit, outbox]);

  const onKey = useCallback((key: KeyPress) => dispatch({type: 'key', key, pages}), [pages]);
  return [state, onKey];
};
