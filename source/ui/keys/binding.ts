/**
 * A key binding in the way of lazygit's: the keys, what they do (the handler), the line in F1,
 * the word in the footer, and why it does nothing when it cannot act. Every context (the list,
 * a form field, the grid, each dialog, the test panel) declares its bindings once, beside its
 * handler; the router, the footer, F1 and the dialogs' key lines are all made from them
 * (ARCHITECTURE.md, Keys). Generic over the state the keys change (the console's is
 * console/bindings.ts), so that keys/ knows nothing of the console.
 */
import type {Environment} from '../../domain/index.js';
import type {KeyPress} from './keys.js';

/** What every state that keys change has: the one line that says what the last key did, or why not. */
export interface NoticeState {
  readonly notice: string | undefined;
}

/** What a binding can look at to say whether it is shown, how, and whether it can act now. */
export interface KeyView<S> {
  readonly state: S;
  readonly now: Date;
}

/** What a handler gets: the state, the key itself (for typing), the clock and the page sizes. */
export interface KeyInput<S, P> extends KeyView<S> {
  readonly key: KeyPress;
  readonly env: Environment;
  readonly pages: P;
}

export interface Binding<S, P> {
  /** Key names as keys.ts names them ("ctrl+s", "return", "delete"); a letter matches either case. */
  readonly keys: readonly string[];
  /** What it does, in the admin's words: the line in F1. */
  readonly description: string;
  /** A word or two for the footer and the dialog's key line; without it the key is in F1 only. */
  readonly label?: string | ((view: KeyView<S>) => string | undefined);
  /** The key as shown, when it is not the first key's name ("↑↓", "type", "0-9"). */
  readonly keyLabel?: string;
  /** The binding exists only when this says so (a step of a dialog); otherwise it is neither shown nor run. */
  readonly when?: (view: KeyView<S>) => boolean;
  /** Why it cannot act now: said to the admin instead of doing nothing. */
  readonly disabledReason?: (view: KeyView<S>) => string | undefined;
  readonly handler: (input: KeyInput<S, P>) => S;
}

/** Which console-wide keys also work in a context (ARCHITECTURE.md, Keys). */
export type GlobalKeys = 'all' | 'exits' | 'saveAndExits';

export interface KeyContext<S, P> {
  readonly id: string;
  /** F1's heading for these keys: "In the list". */
  readonly title: string;
  readonly bindings: readonly Binding<S, P>[];
  /** Keys that no binding takes: typed into the context's text field; undefined when the key does not type. */
  readonly type?: (input: KeyInput<S, P>) => S | undefined;
  readonly global: GlobalKeys;
}

/**
 * Typing into the context's text field, as a line in the footer and F1: no key of its own (the
 * context's `type` takes the keys that no binding takes), so it does nothing when run.
 */
export const typingHint = <S, P>(
  description: string,
  label: string,
  more: Pick<Binding<S, P>, 'keyLabel' | 'when'> = {},
): Binding<S, P> => ({
  keys: [],
  keyLabel: 'type',
  ...more,
  description,
  label,
  handler: ({state}) => state,
});

/** The name a key is bound by: its own, or for one typed character the character in lower case. */
export const bindingKeyOf = (key: KeyPress): string =>
  key.name === 'text' && [...key.text].length === 1 ? key.text.toLowerCase() : key.name === 'space' ? 'space' : key.name;

export const isShown = <S, P>(binding: Binding<S, P>, view: KeyView<S>): boolean => binding.when?.(view) ?? true;

export const findBinding = <S, P>(bindings: readonly Binding<S, P>[], key: KeyPress, view: KeyView<S>): Binding<S, P> | undefined => {
  const name = bindingKeyOf(key);
  return bindings.find(binding => binding.keys.includes(name) && isShown(binding, view));
};

/** Runs a binding, or says why it cannot act. */
export const runBinding = <S extends NoticeState, P>(binding: Binding<S, P>, input: KeyInput<S, P>): S => {
  const reason = binding.disabledReason?.(input);
  return reason === undefined ? binding.handler(input) : {...input.state, notice: reason};
};

export const labelOf = <S, P>(binding: Binding<S, P>, view: KeyView<S>): string | undefined =>
  typeof binding.label === 'function' ? binding.label(view) : binding.label;

const KEY_NAMES: Record<string, string> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  return: 'Enter',
  escape: 'Esc',
  delete: 'Del',
  backspace: 'Backspace',
  space: 'Space',
};

const capitalize = (word: string): string => (word.length === 1 ? word.toUpperCase() : word.charAt(0).toUpperCase() + word.slice(1));

/** "ctrl+s" → "Ctrl+S" for F1, or "^S" for the footer. */
export const formatKey = (keyName: string, compact = false): string => {
  if (compact && keyName.startsWith('ctrl+')) return `^${keyName.slice(5).toUpperCase()}`;
  return KEY_NAMES[keyName] ?? keyName.split('+').map(capitalize).join('+');
};

/** A key pressed, as a notice names it: "x", "F5", "Ctrl+Z", "Alt+X", "Pasted text", "That key". */
export const keyName = (key: KeyPress): string => {
  if (key.name === 'text') return [...key.text].length === 1 ? key.text : 'Typing';
  if (key.name === 'paste') return 'Pasted text';
  if (key.name === 'unknown' || key.name === 'control') return 'That key';
  if (key.name.startsWith('meta+')) return `Alt+${key.name.slice(5).toUpperCase()}`;
  return formatKey(key.name);
};

/** The keys as the footer shows them (its label, or the first key: "^S"), or as F1 does (every key: "Ctrl+Q, Ctrl+C"). */
export const keysText = <S, P>(binding: Binding<S, P>, compact: boolean): string => {
  if (compact || binding.keys.length === 0) return binding.keyLabel ?? formatKey(binding.keys[0] ?? '', true);
  return binding.keys.map(key => formatKey(key)).join(', ');
};

export interface Hint {
  readonly key: string;
  readonly text: string;
  /** Shown however narrow the line: Tab, ^S, the ways out and F1. */
  readonly kept?: boolean;
}

/** A dialog's own key line ("Y/Enter delete · N/Esc keep"), from its bindings: never written by hand. */
export const keyLine = <S, P>(context: Pick<KeyContext<S, P>, 'bindings'>, view?: KeyView<S>): string =>
  context.bindings
    .filter(binding => view === undefined || isShown(binding, view))
    .flatMap(binding => {
      const text =
        view === undefined && typeof binding.label === 'function'
          ? undefined
          : view
            ? labelOf(binding, view)
            : (binding.label as string | undefined);
      return text === undefined ? [] : [`${keysText(binding, true)} ${text}`];
    })
    .join(' · ');
