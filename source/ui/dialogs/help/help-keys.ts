/** F1: every key, the marks and the procedure; it scrolls, and closing it goes back to where F1 was pressed. */
import type {ConsoleState} from '../../console/state.js';
import type {KeyContext, KeyInput} from '../../keys/binding.js';
import {scrollBindings, scrolledTop} from '../../widgets/scroll.js';

export const openHelp = (state: ConsoleState): ConsoleState => {
  if (state.dialog?.kind === 'help') return {...state, dialog: state.dialog.previous};
  return {...state, dialog: {kind: 'help', top: 0, previous: state.dialog}};
};

const scroll = ({state, pages}: KeyInput, by: number): ConsoleState =>
  state.dialog?.kind === 'help'
    ? {...state, dialog: {...state.dialog, top: scrolledTop(state.dialog.top ?? 0, by, pages.helpRows, pages.helpPage)}}
    : state;

const close = ({state}: KeyInput): ConsoleState => (state.dialog?.kind === 'help' ? {...state, dialog: state.dialog.previous} : state);

export const helpKeys: KeyContext = {
  id: 'help',
  title: 'In this help',
  // Ctrl+S saves from anywhere (README), the help included.
  global: 'saveAndExits',
  bindings: [
    ...scrollBindings(scroll, ({pages}) => pages.helpPage),
    {keys: ['escape', 'f1', 'return'], keyLabel: 'Esc', description: 'close the help (F1, Enter too)', label: 'close', handler: close},
  ],
};
