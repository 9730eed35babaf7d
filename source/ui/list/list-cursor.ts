/**
 * The list's highlight and its filter (`/`, Ctrl+E): the filter stays until Esc, as in k9s,
 * lazygit and less, and the highlight moves among its matches only. The form beside the list
 * follows the highlight unless it holds unsaved changes.
 */
import {moveIndex, withDraftOpen} from '../console/actions.js';
import {draftOf} from '../console/draft.js';
import type {ConsoleState} from '../console/state.js';

/** Where the highlight is among the matches: the first match at or after it (matches are in list order). */
export const positionOf = (matches: readonly number[], listIndex: number): number => {
  let low = 0;
  let high = matches.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (matches[middle]! < listIndex) low = middle + 1;
    else high = middle;
  }
  return Math.min(low, Math.max(0, matches.length - 1));
};

/** The highlight moved ("up", "pageDown", "first", …) within the filter's matches, or the whole list. */
export const movedListIndex = (state: ConsoleState, direction: string, page: number): number => {
  const {filter} = state;
  if (!filter) return moveIndex(state.listIndex, state.thirdParties.length, direction, page);
  if (filter.matches.length === 0) return state.listIndex;
  const position = positionOf(filter.matches, state.listIndex);
  // Off the matches (the list changed under the filter): a move lands on the nearest match first.
  const from = filter.matches[position] === state.listIndex ? position : direction === 'up' ? position + 1 : position - 1;
  return filter.matches[moveIndex(from, filter.matches.length, direction, page)]!;
};

/** The highlighted third party in the form, when the form can be replaced without losing anything; the focus stays in the list. */
export const follow = (state: ConsoleState): ConsoleState => {
  const listed = state.thirdParties[state.listIndex];
  const {draft} = state;
  if (!listed || draft?.modified || draft?.thirdParty.id === listed.id) return state;
  return {...withDraftOpen(state, draftOf(listed, false)), focus: state.focus, dialog: state.dialog};
};
