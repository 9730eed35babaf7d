/**
 * F1: the procedure, every key and the marks; it scrolls, `/` searches it as less does (n the
 * next line, Esc clears the search), and closing it goes back to where F1 was pressed.
 */
import type {ConsoleState} from '../../console/state.js';
import {helpRowText, type HelpRow} from './help-row.js';
import type {HelpDialog, HelpSearch} from './help-state.js';
import {typingHint} from '../../keys/binding.js';
import type {KeyContext, KeyInput, KeyView} from '../../console/bindings.js';
import {scrollBindings, scrolledTop} from '../../widgets/scroll.js';
import {editText, textValue} from '../../widgets/text-editing.js';

type Help = HelpDialog;

export const openHelp = (state: ConsoleState): ConsoleState => {
  if (state.dialog?.kind === 'help') return {...state, dialog: state.dialog.previous};
  return {...state, dialog: {kind: 'help', top: 0, previous: state.dialog}};
};

const helpOf = (state: ConsoleState): Help | undefined => (state.dialog?.kind === 'help' ? state.dialog : undefined);

const withHelp = (state: ConsoleState, change: (help: Help) => Help): ConsoleState => {
  const help = helpOf(state);
  return help ? {...state, dialog: change(help)} : state;
};

const scroll = ({state, pages}: KeyInput, by: number): ConsoleState =>
  withHelp(state, help => ({...help, top: scrolledTop(help.top ?? 0, by, pages.helpRows.length, pages.helpPage)}));

const close = ({state}: KeyInput): ConsoleState => {
  const help = helpOf(state);
  return help ? {...state, dialog: help.previous} : state;
};

/** The first row at or after `from` (wrapping round) whose text holds the query, ignoring case. */
const findHelpRow = (rows: readonly HelpRow[], query: string, from: number): number | undefined => {
  const needle = query.toLowerCase();
  if (needle === '') return undefined;
  for (let step = 0; step < rows.length; step++) {
    const row = (from + step) % rows.length;
    if (helpRowText(rows[row]!).toLowerCase().includes(needle)) return row;
  }
  return undefined;
};

const searchOf = ({state}: KeyView): HelpSearch | undefined => helpOf(state)?.search;
const typing = (view: KeyView): boolean => searchOf(view)?.typing === true;
const notTyping = (view: KeyView): boolean => !typing(view);
const found = (view: KeyView): boolean => searchOf(view) !== undefined && !typing(view);

const startSearch = ({state}: KeyInput): ConsoleState =>
  withHelp(state, help => ({...help, search: {query: textValue(help.search?.query.text ?? ''), typing: true, from: help.top ?? 0}}));

/** Typing: the first matching line from where the search began comes into view. */
const typeSearch = ({state, key, pages}: KeyInput): ConsoleState | undefined => {
  const help = helpOf(state);
  const search = help?.search;
  if (!help || !search?.typing) return undefined;
  const edit = editText(search.query, key.name, key.text);
  if (!edit) return undefined;
  const row = findHelpRow(pages.helpRows, edit.value.text, search.from);
  const top = scrolledTop(row ?? search.from, 0, pages.helpRows.length, pages.helpPage);
  return {...state, dialog: {...help, top, search: {...search, query: edit.value}}};
};

const endTyping = ({state, pages}: KeyInput): ConsoleState => {
  const search = helpOf(state)?.search;
  if (!search) return state;
  if (findHelpRow(pages.helpRows, search.query.text, 0) === undefined)
    return {...state, notice: `No line of the help has “${search.query.text}”.`};
  return withHelp(state, help => ({...help, search: {...search, typing: false}}));
};

/** n: the next line with the search, after the first one shown (wrapping round to the top). */
const nextMatch = ({state, pages}: KeyInput): ConsoleState => {
  const help = helpOf(state);
  const search = help?.search;
  if (!help || !search) return state;
  const row = findHelpRow(pages.helpRows, search.query.text, (help.top ?? 0) + 1);
  if (row === undefined) return state;
  return {...state, dialog: {...help, top: scrolledTop(row, 0, pages.helpRows.length, pages.helpPage)}};
};

const cancelSearch = ({state}: KeyInput): ConsoleState =>
  withHelp(state, help => ({...help, top: help.search?.typing ? help.search.from : help.top, search: undefined}));

export const helpKeys: KeyContext = {
  id: 'help',
  title: 'In this help',
  // Ctrl+S saves from the help too (README, Keys).
  global: 'saveAndExits',
  bindings: [
    typingHint('type what to find: the first line with it comes into view', 'find', {when: typing}),
    {keys: ['return'], when: typing, description: 'stop typing; n finds the next line', label: 'done', handler: endTyping},
    {keys: ['escape'], when: typing, description: 'cancel the search', label: 'cancel', handler: cancelSearch},
    ...scrollBindings(scroll, ({pages}) => pages.helpPage).map(binding => ({...binding, when: notTyping})),
    {keys: ['/'], when: notTyping, description: 'search the help (as in less)', label: 'search', handler: startSearch},
    {keys: ['n'], when: found, description: 'the next line with the search', label: 'next', handler: nextMatch},
    {keys: ['escape'], when: found, description: 'clear the search', label: 'clear search', handler: cancelSearch},
    {
      keys: ['escape', 'f1', 'return'],
      keyLabel: 'Esc',
      when: view => notTyping(view) && !found(view),
      description: 'close the help (F1, Enter too)',
      label: 'close',
      handler: close,
    },
    {keys: ['f1', 'return'], keyLabel: 'F1', when: found, description: 'close the help', label: 'close', handler: close},
  ],
  type: typeSearch,
};
