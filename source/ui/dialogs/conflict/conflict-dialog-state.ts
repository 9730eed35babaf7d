/**
 * Another console saved the same third party first: nothing was written, and the admin chooses
 * what happens to this console's version. Reload theirs (and drop mine), keep mine in a copy
 * file for later (and then show theirs), or cancel (mine stays in the form, unsaved).
 */
import {compareByName, toDisplayText, writerKind, type Database, type SaveConflict, type ThirdParty} from '../../../domain/index.js';
import {draftOf, mergedNotice, withThirdParties} from '../../console/draft.js';
import type {ConsoleState} from '../../console/state.js';

export const CONFLICT_CHOICES = ['Reload theirs', 'Keep mine in a copy', 'Cancel'] as const;
/** The data file itself was deleted: there is nothing of theirs to reload; write it again or keep this console's records in a copy. */
export const FILE_DELETED_CHOICES = ['Write everything', 'Keep mine in a copy', 'Cancel'] as const;

export interface ConflictDialog {
  readonly kind: 'conflict';
  readonly conflict: SaveConflict;
  readonly choice: number;
}

export type ConflictRequest = {readonly kind: 'resolveConflict'; readonly keepCopy: boolean; readonly conflict: SaveConflict};

/** "alice@host at 10:02" or "someone else, at 10:02" (no audit entry names the change). */
export const describeChangedBy = (conflict: SaveConflict, formatTime: (date: Date) => string): string => {
  const {actor, at} = conflict.changedBy;
  return actor ? `${toDisplayText(actor)} at ${formatTime(at)}` : `someone else, at ${formatTime(at)}`;
};

/** The other writer as the audit log names its kind (domain/actors.ts): "another console", "a command", "the server". */
export const otherWriter = (conflict: SaveConflict): string => {
  switch (writerKind(conflict.changedBy.actor)) {
    case 'console':
      return 'another console';
    case 'command':
      return 'a command';
    case 'server':
      return 'the server';
    case undefined:
      return 'someone else';
  }
};

/** The dialog's title: "Changed by a command: alice@host (cli)"; its short form without the actor. */
export const conflictTitle = (conflict: SaveConflict): {readonly title: string; readonly short: string} => {
  const short = `Changed by ${otherWriter(conflict)}`;
  const {actor} = conflict.changedBy;
  return {title: actor === undefined ? short : `${short}: ${toDisplayText(actor)}`, short};
};

/** The save came back with a conflict: ask. */
export const showConflict = (state: ConsoleState, conflict: SaveConflict): ConsoleState => ({
  ...state,
  request: undefined,
  dialog: {kind: 'conflict', conflict, choice: 0},
  status: {
    kind: 'failed',
    message: conflict.fileDeleted
      ? 'Not saved: the data file was deleted.'
      : `Not saved: ${otherWriter(conflict)} changed this third party.`,
  },
});

/** A button of the dialog pressed (conflict-keys.ts binds the keys). */
export const chooseConflict = (state: ConsoleState, dialog: ConflictDialog, index: number): ConsoleState => {
  if (index === 2) {
    return {...state, dialog: undefined, notice: 'Not saved; your changes are still in the form. Saving again asks again.'};
  }
  return {
    ...state,
    dialog: undefined,
    status: {kind: 'saving'},
    request: {kind: 'resolveConflict', keepCopy: index === 1, conflict: dialog.conflict},
  };
};

/**
 * The file as another console left it: the list shows it all, and the form the same third
 * party as saved there (or, when it was deleted there, the first one).
 */
export const showReloaded = (state: ConsoleState, database: Database, openId: string | undefined, notice: string): ConsoleState => {
  const thirdParties = [...database.thirdParties].sort(compareByName);
  const reloaded = withThirdParties(state, thirdParties);
  const index = Math.max(
    0,
    thirdParties.findIndex(thirdParty => thirdParty.id === openId),
  );
  const shown = thirdParties[index];
  return {
    ...reloaded,
    listIndex: index,
    draft: shown ? draftOf(shown, false) : undefined,
    focus: shown && shown.id === openId ? state.focus : 'list',
    gridIndex: 0,
    errors: {},
    validateLive: false,
    dialog: undefined,
    request: undefined,
    status: {kind: 'idle'},
    notice,
  };
};

/** A delete or a send merged with another console's saves: the list shows theirs too; the form is left alone. */
export const showMerged = (state: ConsoleState, all: readonly ThirdParty[], names: readonly string[]): ConsoleState => {
  const listed = state.thirdParties[state.listIndex]?.id;
  const thirdParties = [...all].sort(compareByName);
  return {
    ...withThirdParties(state, thirdParties),
    listIndex: Math.max(
      0,
      Math.min(
        thirdParties.findIndex(thirdParty => thirdParty.id === listed),
        thirdParties.length - 1,
      ),
    ),
    notice: names.length > 0 ? mergedNotice(names) : state.notice,
  };
};
