/**
 * The places the focus can be, in Tab order; the list is a zone of its own. What each key does
 * there is its context's binding table (key-contexts.ts; ARCHITECTURE.md, Keys). Ctrl+A and
 * Ctrl+B are bound nowhere: they are the prefix keys of GNU screen and tmux.
 */
export type FocusZone = 'list' | 'name' | 'addToken' | 'grid' | 'enabled' | 'callbackUrl' | 'approval' | 'saveButton';

/** The form's zones in Tab order, after the list. */
export const FORM_ZONES: readonly FocusZone[] = ['name', 'addToken', 'grid', 'enabled', 'callbackUrl', 'approval', 'saveButton'];
