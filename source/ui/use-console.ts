/** The console's state and the side effects it asks for: saving through the store, and leaving. */
import {useApp} from 'ink';
import {useCallback, useEffect, useMemo, useReducer} from 'react';
import type {Database, Environment} from '../domain/index.js';
import {createConsoleReducer, initialConsoleState, type ConsoleState, type Pages} from './console-state.js';
import type {KeyPress} from './keys.js';
import type {ConsoleStore} from './console-store.js';
import {runLifecycleRequest} from './lifecycle-requests.js';
import type {Outbox} from './outbox.js';
import {noAccessTester, type AccessTester} from './access-tester.js';
import {useTestAccess} from './use-test-access.js';

export const useConsole = (
  store: ConsoleStore,
  env: Environment,
  pages: Pages,
  outbox: Outbox,
  access: AccessTester = noAccessTester,
): [ConsoleState, (key: KeyPress) => void, ReadonlyMap<string, Date>] => {
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
    // No cancellation on cleanup: a save that has started always reports back, or the
    // console would stay on "Saving…" forever.
    if (request.kind !== 'save') {
      runLifecycleRequest(request, {store, outbox, env, dispatch});
      return;
    }
    store.saveThirdParty(request.thirdParty).then(
      database => {
        const saved = database.thirdParties.find(thirdParty => thirdParty.id === request.thirdParty.id);
        dispatch(saved ? {type: 'saved', thirdParty: saved, at: env.now()} : {type: 'saveFailed', message: 'The saved third party is missing from the file.'});
      },
      (error: unknown) => {
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
  }, [request, store, env, exit, outbox]);

  const lastUsed = useTestAccess(access, state.dialog, dispatch);
  const onKey = useCallback((key: KeyPress) => dispatch({type: 'key', key, pages}), [pages]);
  return [state, onKey, lastUsed];
};
