/**
 * The one table every shortcut comes from (ARCHITECTURE.md, Keys): the router looks keys up here, and the
 * footer and the help are drawn from it. Ctrl+A and Ctrl+B are left alone: they are the
 * prefix keys of GNU screen and tmux.
 */

export type Action =
  | 'nextField'
  | 'previousField'
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'first'
  | 'last'
  | 'activate'
  | 'toggle'
  | 'save'
  | 'newThirdParty'
  | 'lookup'
  | 'addToken'
  | 'reveal'
  | 'testAccess'
  | 'close'
  | 'quit'
  | 'help'
  | 'delete'
  | 'rotateSecret'
  | 'send'
  | 'history'
  | 'copySheet'
  | 'writeSheet';

export interface Binding {
  readonly action: Action;
  readonly keys: readonly string[];
  /** What it does, in the admin's words: the help's line. */
  readonly description: string;
  /** The same in a word or two, for the footer. */
  readonly short: string;
  /** Set for keys that work only inside one dialog; the help lists them under its name. */
  readonly where?: DialogKeys;
}

/** Dialogs with shortcuts of their own (letters that elsewhere would be typed). */
export type DialogKeys = 'send sheet';

/** The places the focus can be, in Tab order; the list is a zone of its own. */
export type FocusZone = 'list' | 'name' | 'addToken' | 'grid' | 'enabled' | 'callbackUrl';

export const TEXT_ZONES: readonly FocusZone[] = ['name', 'callbackUrl'];

export const keymap: readonly Binding[] = [
  {action: 'nextField', keys: ['tab'], description: 'next field', short: 'next'},
  {action: 'previousField', keys: ['shift+tab'], description: 'previous field', short: 'previous'},
  {action: 'up', keys: ['up'], description: 'move up in the list or the grid', short: 'up'},
  {action: 'down', keys: ['down'], description: 'move down in the list or the grid', short: 'down'},
  {action: 'pageUp', keys: ['pageup'], description: 'a page up', short: 'page up'},
  {action: 'pageDown', keys: ['pagedown'], description: 'a page down', short: 'page down'},
  {action: 'first', keys: ['home'], description: 'first row (start of the text in a field)', short: 'first'},
  {action: 'last', keys: ['end'], description: 'last row (end of the text in a field)', short: 'last'},
  {action: 'activate', keys: ['return'], description: "open, press, confirm; a token's expiry", short: 'open'},
  {action: 'toggle', keys: ['space'], description: 'toggle Enabled, or the Active flag of a token', short: 'toggle'},
  {action: 'addToken', keys: ['ctrl+g'], description: 'add an OAuth token (six months)', short: 'add token'},
  {action: 'save', keys: ['ctrl+s'], description: 'save', short: 'save'},
  {action: 'newThirdParty', keys: ['ctrl+n'], description: 'new third party', short: 'new'},
  {action: 'lookup', keys: ['ctrl+e'], description: 'look up a third party by name', short: 'lookup'},
  {action: 'reveal', keys: ['ctrl+r'], description: 'reveal or mask the secret and tokens', short: 'reveal'},
  {
    action: 'testAccess',
    keys: ['ctrl+t'],
    description: 'test access as the third party would (in the panel: fill in again)',
    short: 'test',
  },
  {action: 'close', keys: ['escape'], description: 'close the dialog or panel (never quits)', short: 'close'},
  {action: 'quit', keys: ['ctrl+q', 'ctrl+c'], description: 'quit (asks first when there are unsaved changes)', short: 'quit'},
  {action: 'help', keys: ['f1', '?'], description: 'help: all keys (? too, outside text fields)', short: 'help'},
  {action: 'delete', keys: ['delete'], description: 'delete a token or a third party; asks', short: 'delete'},
  {action: 'rotateSecret', keys: ['ctrl+k'], description: 'rotate the client secret (with grace)', short: 'rotate'},
  {action: 'send', keys: ['ctrl+o'], description: 'send the OAuth information', short: 'send'},
  {action: 'history', keys: ['ctrl+y'], description: 'history: who changed it, and when', short: 'history'},
  {action: 'copySheet', keys: ['c'], description: 'copy to the clipboard (OSC 52)', short: 'copy', where: 'send sheet'},
  {action: 'writeSheet', keys: ['w'], description: 'write to a file only you can read', short: 'write file', where: 'send sheet'},
];

const byKey = new Map<string, Action>(
  keymap.filter(binding => !binding.where).flatMap(binding => binding.keys.map(key => [key, binding.action] as const)),
);

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
};

const capitalize = (word: string): string => (word.length === 1 ? word.toUpperCase() : word.charAt(0).toUpperCase() + word.slice(1));

/** "ctrl+s" → "Ctrl+S" for the help, or "^S" for the footer. */
export const formatKey = (keyName: string, compact = false): string => {
  if (compact && keyName.startsWith('ctrl+')) return `^${keyName.slice(5).toUpperCase()}`;
  return KEY_NAMES[keyName] ?? keyName.split('+').map(capitalize).join('+');
};

/** The action of a key, or undefined for a key that only types (or does nothing). */
export const actionFor = (keyName: string, text = ''): Action | undefined =>
  byKey.get(keyName) ?? (keyName === 'text' ? byKey.get(text) : undefined);

/** The action of a key inside a dialog with keys of its own; letters count in either case. */
export const dialogActionFor = (where: DialogKeys, keyName: string, text = ''): Action | undefined => {
  const typed = keyName === 'text' ? text.toLowerCase() : keyName;
  return keymap.find(binding => binding.where === where && binding.keys.includes(typed))?.action;
};

export type HelpLine = {readonly heading: string} | {readonly binding: Binding};

/** The help's lines: the keys that work everywhere, then each dialog's own under its name. */
export const HELP_LINES: readonly HelpLine[] = (() => {
  const lines: HelpLine[] = keymap.filter(binding => !binding.where).map(binding => ({binding}));
  for (const where of new Set(keymap.flatMap(binding => (binding.where ? [binding.where] : [])))) {
    lines.push({heading: `In the ${where}:`});
    for (const binding of keymap.filter(candidate => candidate.where === where)) lines.push({binding});
  }
  return lines;
})();

export const bindingFor = (action: Action): Binding => keymap.find(binding => binding.action === action)!;

export interface FooterHint {
  readonly key: string;
  readonly text: string;
}

const hint = (action: Action, text = bindingFor(action).short): FooterHint => ({key: formatKey(bindingFor(action).keys[0]!, true), text});

/** The keys that work where the focus is, most useful first; the help has them all. */
export const footerHints = (zone: FocusZone): FooterHint[] => {
  const common = [hint('save'), hint('reveal'), hint('quit'), hint('help')];
  switch (zone) {
    case 'list':
      return [
        hint('activate'),
        hint('nextField'),
        hint('newThirdParty'),
        hint('lookup'),
        hint('delete'),
        hint('save'),
        hint('quit'),
        hint('help'),
      ];
    case 'addToken':
      return [hint('activate', 'add token'), hint('nextField'), ...common];
    case 'grid':
      return [
        {key: '↑↓', text: 'move'},
        hint('toggle', 'active'),
        hint('activate', 'expiry'),
        hint('delete'),
        hint('addToken'),
        hint('save'),
        hint('help'),
      ];
    case 'enabled':
      return [
        hint('toggle'),
        hint('nextField'),
        hint('addToken'),
        hint('save'),
        hint('testAccess'),
        hint('send'),
        hint('quit'),
        hint('help'),
      ];
    case 'name':
    case 'callbackUrl':
      return [
        hint('nextField'),
        hint('addToken'),
        hint('save'),
        hint('testAccess'),
        hint('send'),
        hint('reveal'),
        hint('quit'),
        hint('help'),
      ];
  }
};
