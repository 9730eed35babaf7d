/**
 * Bindings for a dialog of buttons: each button's first letter, ←→ (Tab, Shift+Tab) to move,
 * Enter to press the highlighted one, Esc for the last (cancel) one.
 */
import type {Binding, KeyInput} from './binding.js';

export interface Choices<S, P> {
  readonly labels: readonly string[];
  /** The highlighted button of the open dialog. */
  readonly current: (state: S) => number;
  readonly move: (state: S, index: number) => S;
  readonly choose: (input: KeyInput<S, P>, index: number) => S;
  /** What each button does, for F1. */
  readonly descriptions: readonly string[];
}

export const choiceBindings = <S, P>(choices: Choices<S, P>): Binding<S, P>[] => {
  const {labels} = choices;
  const step =
    (by: number) =>
    ({state}: KeyInput<S, P>): S =>
      choices.move(state, (choices.current(state) + by + labels.length) % labels.length);
  const last = labels.length - 1;
  return [
    ...labels.map((label, index): Binding<S, P> => ({
      keys: index === last ? [label[0]!.toLowerCase(), 'escape'] : [label[0]!.toLowerCase()],
      keyLabel: index === last ? `${label[0]!.toUpperCase()}/Esc` : label[0]!.toUpperCase(),
      description: choices.descriptions[index] ?? label,
      label: label.toLowerCase(),
      handler: input => choices.choose(input, index),
    })),
    {keys: ['left', 'shift+tab'], keyLabel: '←→', description: 'move between the buttons', label: 'choose', handler: step(-1)},
    {keys: ['right', 'tab'], description: 'the next button', handler: step(1)},
    {
      keys: ['return'],
      description: 'press the highlighted button',
      label: 'press',
      handler: input => choices.choose(input, choices.current(input.state)),
    },
  ];
};
