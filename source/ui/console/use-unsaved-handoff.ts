/**
 * Tells whoever started the console (cli.tsx) what is unsaved right now, so that a session that
 * ends on a signal (SSH dropped: SIGHUP; SIGTERM) can write it to the recovery file. The UI
 * itself never touches the file system.
 */
import {useLayoutEffect} from 'react';
import type {UnsavedChanges} from '../../domain/index.js';
import {draftThirdParty} from './draft.js';
import type {ConsoleState} from './state.js';

export type UnsavedHandoff = (changes: UnsavedChanges | undefined) => void;

export const unsavedChangesOf = (state: ConsoleState): UnsavedChanges | undefined => {
  const {draft} = state;
  if (!draft?.modified) return undefined;
  const original = draft.isNew ? null : (state.thirdParties.find(thirdParty => thirdParty.id === draft.thirdParty.id) ?? null);
  return {thirdParty: draftThirdParty(draft), original};
};

export const useUnsavedHandoff = (state: ConsoleState, handoff: UnsavedHandoff | undefined): void => {
  // Only the draft and the saved records matter; the rest of the state changes on every key.
  // A layout effect runs in the same commit, before Ink draws: once a change is on screen, it is handed over.
  const {draft, thirdParties} = state;
  useLayoutEffect(() => handoff?.(unsavedChangesOf(state)), [draft, thirdParties, handoff]);
};
