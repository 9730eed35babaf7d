/**
 * Bindings for a dialog of buttons: each button's first letter, ←→ (Tab, Shift+Tab) to move,
 * Enter to press the highlighted one, Esc for the last (cancel) one.
 */
import {dialogOf} from '../console/draft.js';
import type {ConsoleState, Dialog} from '../console/state.js';
import type {Binding, KeyInput} from './binding.js';

export interface Choices {
  readonly labels: readonly string[];
  /** The highlighted button of the open dialog. */
  readonly current: (state: ConsoleState) => number;
  readonly move: (state: ConsoleState, index: number) => ConsoleState;
  readonly choose: (input: KeyInput, index: number) => ConsoleState;
  /** What each button does, for F1. */
  readonly descriptions: readonly string[];
}

export const choiceBindings = (choices: Choices): Binding[] => {
  const {labels} = choices;
  const step =
    (by: number) =>
    ({state}: KeyInput): ConsoleState =>
      choices.move(state, (choices.current(state) + by + labels.length) % labels.length);
  const last = labels.length - 1;
  return [
    ...labels.map((label, index): Binding => ({
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

type ChoiceDialogKind = Extract<Dialog, {choice: number}>['kind'];

/** The highlighted button of a dialog that keeps it in `choice`: reading it and moving it. */
export const dialogChoice = <K extends ChoiceDialogKind>(kind: K): Pick<Choices, 'current' | 'move'> => ({
  current: state => (dialogOf(state, kind) as {choice: number}).choice,
  move: (state, choice) => ({...state, dialog: {...dialogOf(state, kind), choice}}),
});
