/**
 * Every key context, registered once: the console's reducer asks here what a key does, the
 * footer what to show, F1 what to list. A dialog's keys come from its entry in
 * dialogs/registry.ts (the compiler asks for one once the dialog's kind is in `Dialog`).
 */
import {EXIT_BINDINGS, globalBindings, HELP, QUIT} from './console/global-keys.js';
import type {ConsoleState} from './console/state.js';
import {holdKey, isBusy} from './console/held-keys.js';
import type {KeyPress} from './keys/keys.js';
import {DIALOGS} from './dialogs/registry.js';
import {addTokenKeys, approvalKeys, callbackUrlKeys, enabledKeys, nameKeys, saveButtonKeys} from './form/form-keys.js';
import {findBinding, isShown, keyName, keysText, labelOf, runBinding, type Hint} from './keys/binding.js';
import type {Binding, KeyContext, KeyInput, KeyView} from './console/bindings.js';
import type {FocusZone} from './keys/keymap.js';
import {listKeys} from './list/list-keys.js';
import {gridKeys} from './token-grid/grid-keys.js';

const FOCUS_KEYS: Record<FocusZone, KeyContext> = {
  list: listKeys,
  name: nameKeys,
  addToken: addTokenKeys,
  grid: gridKeys,
  enabled: enabledKeys,
  callbackUrl: callbackUrlKeys,
  approval: approvalKeys,
  saveButton: saveButtonKeys,
};

/** Every context, in the order F1 lists them. */
export const ALL_CONTEXTS: readonly KeyContext[] = [...Object.values(FOCUS_KEYS), ...Object.values(DIALOGS).map(entry => entry.keys)];

/** The open dialog's keys (its entry in dialogs/registry.ts), else the focused zone's. */
export const contextFor = (state: ConsoleState): KeyContext => (state.dialog ? DIALOGS[state.dialog.kind].keys : FOCUS_KEYS[state.focus]);

/** A key: the context's own binding, else typing into its field, else a console-wide key that applies there. */
export const dispatchKey = (input: KeyInput): ConsoleState => {
  const context = contextFor(input.state);
  const own = findBinding(context.bindings, input.key, input);
  if (own) return runBinding(own, input);
  const typed = context.type?.(input);
  if (typed) return typed;
  const global = findBinding(globalBindings(context.global), input.key, input);
  if (global) return runBinding(global, input);
  // Letters read together (typed fast, over SSH) that no field takes: each is a key of its own ("jj",
  // "/history"), held as a key pressed during a save is once one of them starts a request (held-keys.ts).
  const characters = input.key.name === 'text' ? [...input.key.text] : [];
  if (characters.length > 1)
    return characters.reduce((state, text) => {
      const key: KeyPress = {name: 'text', text};
      return isBusy(state) ? holdKey(state, key, input.pages) : dispatchKey({...input, state, key});
    }, input.state);
  return {...input.state, notice: unboundNotice(input)};
};

/** What a key that acts nowhere here says (README: "A key that cannot act says why"). */
const unboundNotice = ({key, state, now}: KeyInput): string => {
  const name = keyName(key);
  const elsewhere = findBinding(globalBindings('all'), key, {state, now});
  if (state.dialog?.kind === 'help') return `${name} does nothing here; Esc closes the help.`;
  return elsewhere && state.dialog
    ? `${name} does not work in this dialog; Esc closes it first.`
    : `${name} does nothing here; F1 lists the keys.`;
};

export interface FooterLine {
  /** The kept ones (Tab, ^S, the ways out, F1) stay when the line is too narrow for all. */
  readonly hints: readonly Hint[];
}

const hintOf = (binding: Binding, view: KeyView, kept: boolean): Hint | undefined => {
  const text = labelOf(binding, view);
  return text === undefined || !isShown(binding, view) ? undefined : {key: keysText(binding, true), text, ...(kept ? {kept} : {})};
};

const isExit = (binding: Binding): boolean => binding.keys.includes('escape');

/** Console-wide keys every footer keeps where they apply: moving on and saving. */
const KEPT_GLOBAL_KEYS: readonly string[] = ['tab', 'ctrl+s'];

/** The footer: the context's keys, then the console-wide ones that apply, then the ways out and F1. */
export const footerLine = (view: KeyView): FooterLine => {
  const context = contextFor(view.state);
  const own = context.bindings.filter(binding => isShown(binding, view));
  const taken = new Set(own.flatMap(binding => binding.keys));
  const globals = globalBindings(context.global).filter(
    binding => !EXIT_BINDINGS.includes(binding) && !binding.keys.some(key => taken.has(key)),
  );
  const tail: Binding[] = [...own.filter(isExit), ...(taken.has('ctrl+q') ? [] : [QUIT]), ...(taken.has('f1') ? [] : [HELP])];
  const kept = (binding: Binding) =>
    tail.includes(binding) || (globals.includes(binding) && binding.keys.some(key => KEPT_GLOBAL_KEYS.includes(key)));
  const body = [...own.filter(binding => !isExit(binding)), ...globals];
  const hints = [...body, ...tail].map(binding => hintOf(binding, view, kept(binding))).filter((hint): hint is Hint => hint !== undefined);
  return {hints};
};

export interface HelpSection {
  readonly title: string;
  readonly lines: readonly {readonly keys: string; readonly description: string}[];
}

const helpLine = (binding: Binding) => ({keys: keysText(binding, false), description: binding.description});

/** F1: the console-wide keys, then each context's own. */
export const helpSections = (): HelpSection[] => [
  {title: 'Everywhere', lines: globalBindings('all').map(helpLine)},
  ...ALL_CONTEXTS.map(context => ({title: context.title, lines: context.bindings.map(helpLine)})),
];
