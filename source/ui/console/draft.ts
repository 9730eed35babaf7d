/**
 * The record in the form and the list beside it: the helpers every reducer (the console's and
 * each dialog's) uses to change them.
 */
import {
  nameKey,
  toDisplayText,
  validateThirdParty,
  type FieldErrors,
  type MergedFields,
  type OAuthToken,
  type ThirdParty,
} from '../../domain/index.js';
import type {KeyInput} from './bindings.js';
import {editText, textValue, type TextValue} from '../widgets/text-editing.js';
import {filterFor} from '../list/list-filter.js';
import type {ConsoleState, Dialog, Draft, Status} from './state.js';

export const draftOf = (thirdParty: ThirdParty, isNew: boolean): Draft => ({
  thirdParty,
  original: thirdParty,
  name: textValue(thirdParty.name),
  callbackUrl: textValue(thirdParty.callbackUrl ?? ''),
  isNew,
  modified: false,
});

/** The record in the form as the file now has it (saved or refreshed); the cursors stay where the admin left them. */
export const freshDraft = (previous: Draft, fresh: ThirdParty): Draft => {
  const next = draftOf(fresh, false);
  return {
    ...next,
    name: {...next.name, cursor: Math.min(previous.name.cursor, next.name.text.length)},
    callbackUrl: {...next.callbackUrl, cursor: Math.min(previous.callbackUrl.cursor, next.callbackUrl.text.length)},
  };
};

/** The third party as the form has it now, text fields included. */
export const draftThirdParty = (draft: Draft): ThirdParty => ({
  ...draft.thirdParty,
  name: draft.name.text,
  callbackUrl: draft.callbackUrl.text,
});

/** Records are immutable: a record's name key is worked out once, and a save only adds the saved one's. */
const nameKeys = new WeakMap<ThirdParty, string>();
const nameKeyOf = (thirdParty: ThirdParty): string => {
  let key = nameKeys.get(thirdParty);
  if (key === undefined) {
    key = nameKey(thirdParty.name);
    nameKeys.set(thirdParty, key);
  }
  return key;
};

export const withThirdParties = (state: ConsoleState, thirdParties: readonly ThirdParty[]): ConsoleState => {
  const names = new Map<string, string>();
  const searchNames = thirdParties.map(thirdParty => {
    const key = nameKeyOf(thirdParty);
    names.set(key, thirdParty.id);
    return key;
  });
  // The filter follows the list: a save or a refresh may add, rename or remove a match.
  const filter = state.filter && filterFor(searchNames, state.filter.query);
  return {...state, thirdParties, names, searchNames, filter};
};

export const validated = (state: ConsoleState, draft: Draft): FieldErrors => validateThirdParty(draftThirdParty(draft), state.names);

/**
 * Whether the form differs from the record as it was opened (as saved, or as generated for a
 * new one): typing a letter and erasing it again leaves the record unmodified.
 */
export const differsFromOriginal = (draft: Draft): boolean => {
  const {original} = draft;
  if (draft.name.text !== original.name || draft.callbackUrl.text !== (original.callbackUrl ?? '')) return true;
  // Records are immutable: the same object is unchanged; another may hold the same values again.
  return draft.thirdParty !== original && JSON.stringify(draft.thirdParty) !== JSON.stringify(original);
};

/** "Not saved: 2 fields need attention." for a save refused by its field rules; idle once none does. */
export const invalidStatus = (errors: FieldErrors): Status => {
  const count = Object.keys(errors).length;
  return count === 0
    ? {kind: 'idle'}
    : {kind: 'invalid', message: `Not saved: ${count === 1 ? 'a field needs' : `${count} fields need`} attention.`};
};

/** Every change to the record in the form goes through here: modified is worked out against the original. */
export const changeDraft = (state: ConsoleState, change: (draft: Draft) => Draft): ConsoleState => {
  if (!state.draft) return state;
  const changed = change(state.draft);
  const draft = {...changed, modified: changed.restored === true || differsFromOriginal(changed)};
  if (!state.validateLive) return {...state, draft};
  // After a refused save the messages follow every edit, and so does the count above them.
  const errors = validated(state, draft);
  return {...state, draft, errors, status: state.status.kind === 'invalid' ? invalidStatus(errors) : state.status};
};

/**
 * "Saved, merged with alice@host (cli)'s change to Enabled." for another writer's change to other
 * fields of the saved third party, and "…another console's changes to Acme and City Utilities."
 * for other third parties.
 */
export const mergedNotice = (names: readonly string[], fields?: MergedFields): string => {
  const parts: string[] = [];
  if (fields) {
    const who = fields.changedBy.actor ? toDisplayText(fields.changedBy.actor) : 'another writer';
    parts.push(`${who}'s change to ${fields.fields.join(', ')}`);
  }
  if (names.length > 0) {
    const shown = names.slice(0, 3).map(name => toDisplayText(name));
    const more = names.length > 3 ? ` and ${names.length - 3} more` : '';
    parts.push(`another console's changes to ${shown.join(', ')}${more}`);
  }
  return `Saved, merged with ${parts.join(', and with ')}.`;
};

/** The open dialog, as the kind its context was chosen for. */
export class WrongDialogError extends Error {
  constructor(kind: string) {
    super(`The open dialog is not a ${kind} dialog.`);
    this.name = 'WrongDialogError';
  }
}

export const dialogOf = <K extends Dialog['kind']>(state: ConsoleState, kind: K): Extract<Dialog, {kind: K}> => {
  if (state.dialog?.kind !== kind) throw new WrongDialogError(kind);
  // TypeScript does not narrow a union by a generic kind; the check above is that narrowing.
  return state.dialog as Extract<Dialog, {kind: K}>;
};

type TextFieldOf<K extends Dialog['kind']> = {
  [F in keyof Extract<Dialog, {kind: K}>]: Extract<Dialog, {kind: K}>[F] extends TextValue ? F : never;
}[keyof Extract<Dialog, {kind: K}>];

/** Typing into a dialog's one text field: the edit clears the dialog's error; undefined when the key does not type. */
export const typeInDialog =
  <K extends Dialog['kind']>(kind: K, field: TextFieldOf<K>) =>
  ({state, key}: KeyInput): ConsoleState | undefined => {
    const dialog = dialogOf(state, kind);
    const edit = editText(dialog[field] as TextValue, key.name, key.text);
    // TypeScript does not narrow a computed key of a generic kind; `field` is a TextValue field of this kind.
    return edit ? {...state, dialog: {...dialog, [field]: edit.value, error: undefined} as Dialog} : undefined;
  };

/** Every dialog closes the same way. */
export const closeDialog = (state: ConsoleState): ConsoleState => ({...state, dialog: undefined});

type ChoiceDialogKind = Extract<Dialog, {choice: number}>['kind'];

/** The highlighted button of a dialog that keeps it in `choice` (keys/choice-keys.ts): reading it and moving it. */
export const dialogChoice = <K extends ChoiceDialogKind>(kind: K) => ({
  current: (state: ConsoleState): number => (dialogOf(state, kind) as {choice: number}).choice,
  move: (state: ConsoleState, choice: number): ConsoleState => ({...state, dialog: {...dialogOf(state, kind), choice}}),
});

/** The third party as saved: the open one when it has no unsaved changes (no scan of the list), else looked up. */
/** A dialog's token (by its id) in a third party, if both are there. */
export const tokenOf = (thirdParty: ThirdParty | undefined, id: string | undefined): OAuthToken | undefined =>
  id === undefined ? undefined : thirdParty?.tokens.find(token => token.id === id);

export const savedThirdParty = (state: ConsoleState, id: string): ThirdParty | undefined =>
  state.draft?.thirdParty.id === id && !state.draft.modified && !state.draft.isNew
    ? state.draft.thirdParty
    : state.thirdParties.find(thirdParty => thirdParty.id === id);
