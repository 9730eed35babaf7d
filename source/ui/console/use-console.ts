/** The console's state, and the side effects it asks for carried out from one effect (console/requests.ts). */
import {useApp} from 'ink';
import {useCallback, useEffect, useMemo, useReducer} from 'react';
import type {Environment, ThirdPartyStore} from '../../domain/index.js';
import {createConsoleReducer, initialConsoleState} from './console-reducer.js';
import type {ConsoleState, Pages} from './state.js';
import type {KeyPress} from '../keys/keys.js';
import {runRequest} from './requests.js';
import type {Outbox} from './outbox.js';
import {noAccessTester, type AccessTester} from '../test-access/access-tester.js';
import {useTestAccess} from '../test-access/use-test-access.js';
import {noLiveSources, type LiveSources} from '../live/live-sources.js';
import {useLive, type LiveView} from '../live/use-live.js';

export const useConsole = (
  store: ThirdPartyStore,
  env: Environment,
  outbox: Outbox,
  access: AccessTester = noAccessTester,
  live: LiveSources = noLiveSources,
): [ConsoleState, (key: KeyPress, pages: Pages) => void, ReadonlyMap<string, Date>, LiveView] => {
  const {exit} = useApp();
  const reducer = useMemo(() => createConsoleReducer(env), [env]);
  const [state, dispatch] = useReducer(reducer, undefined, () =>
    initialConsoleState(store.database.thirdParties, env, {
      warnings: store.warnings,
      recovered: store.recovered,
      sheetFolder: outbox.sheetFolder,
    }),
  );

  // Every side effect the reducer asks for, from this one effect (console/requests.ts).
  const {request} = state;
  useEffect(() => {
    if (request) runRequest(request, {store, outbox, env, live, dispatch, exit});
  }, [request, store, env, exit, outbox, live]);

  const liveView = useLive(live, store, state, dispatch);
  const lastUsed = useTestAccess(access, state.dialog, dispatch, liveView.lastUsedChanges);
  const onKey = useCallback((key: KeyPress, pages: Pages) => dispatch({type: 'key', key, pages}), []);
  return [state, onKey, lastUsed, liveView];
};
