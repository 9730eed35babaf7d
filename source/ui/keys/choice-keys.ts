/** Keys in a dialog of buttons: a button's first letter, ←→ or Tab to move, Enter to press, Esc for the last (cancel) one. */
import {actionFor} from './keymap.js';
import type {KeyPress} from './keys.js';

export type ChoiceKey =
  {readonly kind: 'chosen'; readonly index: number} | {readonly kind: 'moved'; readonly index: number} | {readonly kind: 'none'};

export const choiceKey = (labels: readonly string[], current: number, key: KeyPress, escapeIndex = labels.length - 1): ChoiceKey => {
  const action = actionFor(key.name, key.text);
  const letter = key.name === 'text' ? key.text.toLowerCase() : '';
  const lettered = letter === '' ? -1 : labels.findIndex(label => label[0]?.toLowerCase() === letter);
  if (lettered !== -1) return {kind: 'chosen', index: lettered};
  if (action === 'close') return {kind: 'chosen', index: escapeIndex};
  if (action === 'activate') return {kind: 'chosen', index: current};
  const step = key.name === 'left' || action === 'previousField' ? -1 : key.name === 'right' || action === 'nextField' ? 1 : 0;
  if (step === 0) return {kind: 'none'};
  return {kind: 'moved', index: (current + step + labels.length) % labels.length};
};
