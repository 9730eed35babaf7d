/**
 * Keys pressed while a save (or another request) runs are kept, in order, and pressed when it is
 * done: typing on after Ctrl+S loses nothing. When what ran opened a question (a conflict, a
 * failed save's message) they are not pressed into it: the notice says how many were left out.
 */
import type {KeyPress} from '../keys/keys.js';
import type {ConsoleState, Pages} from './state.js';

export interface HeldKeys {
  readonly keys: readonly {readonly key: KeyPress; readonly pages: Pages}[];
  /** The dialog open when the first key was held: another one now means a question was asked. */
  readonly dialog: string | undefined;
}

/** More keys than this while one save runs are not kept (a stuck key, a paste into nothing). */
export const MAX_HELD_KEYS = 256;

/** Reading the history changes nothing: keys act during it (Esc closes it before it has come). */
export const isBusy = (state: ConsoleState): boolean =>
  state.status.kind === 'saving' || (state.request !== undefined && state.request.kind !== 'history');

export const holdKey = (state: ConsoleState, key: KeyPress, pages: Pages): ConsoleState => {
  const held = state.heldKeys ?? {keys: [], dialog: state.dialog?.kind};
  if (held.keys.length >= MAX_HELD_KEYS)
    return {...state, notice: `Only ${MAX_HELD_KEYS} keys are kept while a save runs; the rest were not.`};
  return {...state, heldKeys: {...held, keys: [...held.keys, {key, pages}]}};
};

const leftOut = (count: number): string =>
  `${count === 1 ? 'A key' : `${count} keys`} pressed meanwhile ${count === 1 ? 'was' : 'were'} not used: the question above comes first.`;

/** Once nothing runs: the held keys pressed in order (some may start another request and be held again). */
export const releaseHeldKeys = (
  state: ConsoleState,
  press: (state: ConsoleState, key: KeyPress, pages: Pages) => ConsoleState,
): ConsoleState => {
  const held = state.heldKeys;
  if (!held || isBusy(state)) return state;
  const asked = state.dialog?.kind !== held.dialog || state.status.kind === 'failed';
  if (asked) return {...state, heldKeys: undefined, notice: leftOut(held.keys.length)};
  let next: ConsoleState = {...state, heldKeys: undefined};
  for (const [index, {key, pages}] of held.keys.entries()) {
    if (isBusy(next)) {
      const rest = held.keys.slice(index);
      return {...next, heldKeys: {keys: [...(next.heldKeys?.keys ?? []), ...rest], dialog: next.dialog?.kind}};
    }
    next = press(next, key, pages);
  }
  return next;
};
