/** F1: every key, the marks and the procedure; it scrolls, and closing it goes back to where F1 was pressed. */
import type {ConsoleState} from '../../console/state.js';
import type {KeyContext, KeyInput} from '../../keys/binding.js';

export const openHelp = (state: ConsoleState): ConsoleState => {
  if (state.dialog?.kind === 'help') return {...state, dialog: state.dialog.previous};
  return {...state, dialog: {kind: 'help', top: 0, previous: state.dialog}};
};

const scroll =
  (by: (input: KeyInput) => number) =>
  (input: KeyInput): ConsoleState => {
    const {state, pages} = input;
    if (state.dialog?.kind !== 'help') return state;
    const last = Math.max(0, pages.helpRows - pages.helpPage);
    const top = Math.max(0, Math.min((state.dialog.top ?? 0) + by(input), last));
    return {...state, dialog: {...state.dialog, top}};
  };

const close = ({state}: KeyInput): ConsoleState => (state.dialog?.kind === 'help' ? {...state, dialog: state.dialog.previous} : state);

export const helpKeys: KeyContext = {
  id: 'help',
  title: 'In this help',
  global: 'exits',
  bindings: [
    {keys: ['up', 'k'], keyLabel: '↑↓', description: 'scroll a line up', label: 'scroll', handler: scroll(() => -1)},
    {keys: ['down', 'j'], description: 'scroll a line down', handler: scroll(() => 1)},
    {keys: ['pageup'], description: 'a page up', handler: scroll(({pages}) => -pages.helpPage)},
    {keys: ['pagedown', 'space'], description: 'a page down', handler: scroll(({pages}) => pages.helpPage)},
    {keys: ['home'], description: 'the top', handler: scroll(() => -Infinity)},
    {keys: ['end'], description: 'the end', handler: scroll(() => Infinity)},
    {keys: ['escape', 'f1', 'return'], keyLabel: 'Esc', description: 'close the help (F1, Enter too)', label: 'close', handler: close},
  ],
};
