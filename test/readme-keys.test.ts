/**
 * The README's keys are the console's: every key its table lists is pressed where the row says and
 * does what the row says (the reducer, as key-contexts.ts dispatches it); every console-wide key
 * F1 lists is in the table; the keys the README names elsewhere exist, and Ctrl+A and Ctrl+B are
 * not bound. A row changed in the README, or a key changed in a binding table, fails here until
 * both say the same.
 */
import test from 'ava';
import type {ConsoleState} from '../source/ui/console/state.js';
import {globalBindings} from '../source/ui/console/global-keys.js';
import {ALL_CONTEXTS} from '../source/ui/key-contexts.js';
import {formatKey} from '../source/ui/keys/binding.js';
import {DIALOGS, FORM_ZONES, PLACES, pressAt, type Place} from './helpers/console-places.js';
import {readmeSection, readmeTable} from './helpers/readme.js';

/** The table's key cell as binding key names: "Tab / Shift+Tab" → tab, shift+tab; "j k, /, q" → j, k, /, q. */
const keyNames = (cell: string): string[] =>
  cell
    .split(', ')
    .flatMap(part => (part === '/' ? [part] : part.split(' / ').flatMap(keys => keys.split(' '))))
    .map(keyNameOf);

const README_NAMES: Record<string, string> = {
  '↑': 'up',
  '↓': 'down',
  PgUp: 'pageup',
  PgDn: 'pagedown',
  Enter: 'return',
  Esc: 'escape',
  Delete: 'delete',
};

/** A key as the README writes it ("Ctrl+S", "Enter", "?") → as keys.ts names it ("ctrl+s", "return", "?"). */
const keyNameOf = (written: string): string => README_NAMES[written] ?? written.toLowerCase();

interface Check {
  /** The words of the README's row this proves. */
  readonly says: string;
  readonly at: readonly Place[];
  readonly keys: readonly string[];
  /** What the key did, from the state before and after; true when it did what the row says. */
  readonly does: (before: ConsoleState, after: ConsoleState) => boolean;
}

const dialogIs = (kind: string) => (_: ConsoleState, after: ConsoleState) => after.dialog?.kind === kind;
const focusIs = (zone: string) => (_: ConsoleState, after: ConsoleState) => after.focus === zone && after.notice === undefined;
const requestIs = (kind: string) => (_: ConsoleState, after: ConsoleState) => after.request?.kind === kind;
const tokensOf = (state: ConsoleState) => state.draft?.thirdParty.tokens ?? [];
const topOf = (state: ConsoleState) => (state.dialog && 'top' in state.dialog ? state.dialog.top : undefined);
const scrolled = (before: ConsoleState, after: ConsoleState) => topOf(after) !== undefined && topOf(after) !== topOf(before);
const saves = requestIs('save');

/** Each row of the README's keys table, by its key cell: what it says, checked where it says. */
const ROWS: Record<string, readonly Check[]> = {
  'Tab / Shift+Tab': [
    {says: 'next / previous field', at: ['name'], keys: ['tab'], does: focusIs('addToken')},
    {says: 'next / previous field', at: ['addToken'], keys: ['shift+tab'], does: focusIs('name')},
  ],
  '↑ ↓ PgUp PgDn Home End': [
    {
      says: 'move in the list',
      at: ['listMiddle'],
      keys: ['up', 'down', 'pageup', 'pagedown', 'home', 'end'],
      does: (before, after) => after.listIndex !== before.listIndex,
    },
    {
      says: 'or the token grid',
      at: ['gridMiddle'],
      keys: ['up', 'down', 'pageup', 'pagedown', 'home', 'end'],
      does: (before, after) => after.gridIndex !== before.gridIndex,
    },
  ],
  'j k, /, q': [
    {says: 'in the list: down, up', at: ['listMiddle'], keys: ['j'], does: (before, after) => after.listIndex === before.listIndex + 1},
    {says: 'in the list: down, up', at: ['listMiddle'], keys: ['k'], does: (before, after) => after.listIndex === before.listIndex - 1},
    {says: 'filter by name', at: ['list'], keys: ['/'], does: dialogIs('lookup')},
    {
      says: 'filter by name (stays until Esc)',
      at: ['listFiltered'],
      keys: ['down'],
      does: (_, after) => after.filter !== undefined && after.dialog === undefined,
    },
    {says: 'quit', at: ['list'], keys: ['q'], does: requestIs('exit')},
  ],
  Enter: [
    {says: "move into the highlighted third party's form (list)", at: ['list'], keys: ['return'], does: focusIs('name')},
    {
      says: 'press the button',
      at: ['addToken'],
      keys: ['return'],
      does: (before, after) => tokensOf(after).length === tokensOf(before).length + 1,
    },
    {says: 'press the button', at: ['saveButtonEdited'], keys: ['return'], does: saves},
    {says: "change the focused token's expiry (grid)", at: ['grid'], keys: ['return'], does: dialogIs('expiry')},
  ],
  Space: [
    {
      says: 'toggle Enabled',
      at: ['enabled'],
      keys: ['space'],
      does: (before, after) => after.draft?.thirdParty.enabled === !before.draft?.thirdParty.enabled,
    },
    {
      says: "the focused token's Active",
      at: ['grid'],
      keys: ['space'],
      does: (before, after) => tokensOf(after)[0]?.active === !tokensOf(before)[0]?.active,
    },
    {
      says: 'or Approval',
      at: ['approval'],
      keys: ['space'],
      does: (before, after) => after.draft?.thirdParty.approval !== before.draft?.thirdParty.approval,
    },
  ],
  'Ctrl+S': [
    {says: 'save: in the list, the form', at: ['listWithEdits', 'nameEdited'], keys: ['ctrl+s'], does: saves},
    {says: 'the test panel and the help', at: ['testAccessEdited', 'helpEdited'], keys: ['ctrl+s'], does: saves},
    {
      says: 'another dialog says to close it first',
      at: ['send', 'history', 'approvals', 'expiry'],
      keys: ['ctrl+s'],
      does: (_, after) => after.request === undefined && /Esc closes it first/.test(after.notice ?? ''),
    },
  ],
  'Ctrl+N / Ctrl+E': [
    {says: 'new third party', at: ['list', 'grid'], keys: ['ctrl+n'], does: (_, after) => after.draft?.isNew === true},
    {says: 'filter the list by name', at: ['list', 'name'], keys: ['ctrl+e'], does: dialogIs('lookup')},
  ],
  'Ctrl+G': [
    {
      says: 'add an OAuth token',
      at: ['name', 'grid'],
      keys: ['ctrl+g'],
      does: (before, after) => tokensOf(after).length === tokensOf(before).length + 1,
    },
  ],
  'Ctrl+R': [
    {
      says: 'reveal or mask the secret and tokens',
      at: ['name', 'grid'],
      keys: ['ctrl+r'],
      does: (before, after) => after.revealed !== before.revealed,
    },
  ],
  'Ctrl+T': [
    {says: 'test access (the panel)', at: ['list', 'name'], keys: ['ctrl+t'], does: dialogIs('testAccess')},
    {
      says: 'in it Enter tests through the running `tpa serve`',
      at: ['testAccessServer'],
      keys: ['return'],
      does: (_, after) => after.dialog?.kind === 'testAccess' && after.dialog.server.kind === 'testing',
    },
    {
      says: 'Ctrl+U clears a field',
      at: ['testAccess'],
      keys: ['ctrl+u'],
      does: (before, after) => JSON.stringify(after.dialog).length < JSON.stringify(before.dialog).length,
    },
    {
      says: '**Ctrl+P** runs the automatic authorization test (callback URL)',
      at: ['testAccess'],
      keys: ['ctrl+p'],
      does: dialogIs('authorizationTest'),
    },
  ],
  'Ctrl+O': [
    {says: 'Copy OAuth Information', at: ['list', 'grid'], keys: ['ctrl+o'], does: dialogIs('send')},
    {says: 'C copy', at: ['send'], keys: ['c'], does: requestIs('copySheet')},
    {
      says: 'W write a 0600 file',
      at: ['send'],
      keys: ['w'],
      does: (_, after) => after.dialog?.kind === 'send' && after.dialog.step === 'path',
    },
    {says: 'a long sheet scrolls: ↑↓ PgUp PgDn Home End', at: ['send'], keys: ['down', 'pagedown', 'end'], does: scrolled},
    {says: 'a long sheet scrolls: ↑↓ PgUp PgDn Home End', at: ['sendEnd'], keys: ['up', 'pageup', 'home'], does: scrolled},
  ],
  'Ctrl+K': [
    {says: 'rotate the client secret', at: ['name'], keys: ['ctrl+k'], does: dialogIs('rotate')},
    {
      says: '(the previous one works for a grace period, 24 h by default)',
      at: ['name'],
      keys: ['ctrl+k'],
      does: (_, after) => after.dialog?.kind === 'rotate' && after.dialog.hours.text === '24',
    },
  ],
  'Ctrl+Y': [
    {
      says: 'history of the focused third party',
      at: ['list', 'name'],
      keys: ['ctrl+y'],
      does: (before, after) => after.dialog?.kind === 'history' && after.dialog.id === before.thirdParties[before.listIndex]?.id,
    },
    {says: 'it scrolls: ↑↓ PgUp PgDn Home End', at: ['history'], keys: ['down', 'pagedown', 'end'], does: scrolled},
    {says: 'it scrolls: ↑↓ PgUp PgDn Home End', at: ['historyEnd'], keys: ['up', 'pageup', 'home'], does: scrolled},
  ],
  'Ctrl+W': [
    {says: 'requests waiting for approval', at: ['listServer'], keys: ['ctrl+w'], does: dialogIs('approvals')},
    {
      says: 'Enter approves',
      at: ['approvals'],
      keys: ['return'],
      does: (_, after) => after.request?.kind === 'decide' && after.request.decision === 'approve',
    },
    {
      says: 'D denies',
      at: ['approvals'],
      keys: ['d'],
      does: (_, after) => after.request?.kind === 'decide' && after.request.decision === 'deny',
    },
  ],
  F2: [
    {says: "settings: the authorization server's public address (issuer)", at: ['list', 'grid'], keys: ['f2'], does: dialogIs('settings')},
  ],
  'Ctrl+L': [
    {
      says: 'draw the whole screen again (after another program wrote over it), from anywhere',
      at: Object.keys(PLACES) as Place[],
      keys: ['ctrl+l'],
      does: (before, after) => (after.redraws ?? 0) === (before.redraws ?? 0) + 1,
    },
  ],
  'Delete, Backspace': [
    {says: 'delete the focused token (grid)', at: ['grid'], keys: ['delete', 'backspace'], does: dialogIs('deleteToken')},
    {says: 'third party (list; type its name)', at: ['list'], keys: ['delete', 'backspace'], does: dialogIs('deleteThirdParty')},
  ],
  Esc: [
    {
      says: 'close the dialog or panel',
      at: DIALOGS,
      keys: ['escape'],
      does: (before, after) => after.dialog === undefined && after.request?.kind !== 'exit' && after.focus === before.focus,
    },
    {
      says: 'in a text field, put back its saved value',
      at: ['nameEdited'],
      keys: ['escape'],
      does: (before, after) => after.draft?.name.text === before.draft?.original.name && after.focus === 'name',
    },
    {
      says: 'in one as saved (or in the grid, on a button, Enabled or Approval) go back to the list',
      at: FORM_ZONES,
      keys: ['escape'],
      does: focusIs('list'),
    },
    {says: 'in the list, clear the filter', at: ['listFiltered'], keys: ['escape'], does: (_, after) => after.filter === undefined},
    {says: 'never quits', at: ['list'], keys: ['escape'], does: (_, after) => after.request === undefined},
  ],
  'Ctrl+Q, Ctrl+C': [
    {says: 'quit', at: ['list', 'name', 'send'], keys: ['ctrl+q', 'ctrl+c'], does: requestIs('exit')},
    {
      says: 'with unsaved changes a dialog offers Save, Discard, Cancel',
      at: ['nameEdited'],
      keys: ['ctrl+q', 'ctrl+c'],
      does: dialogIs('unsaved'),
    },
  ],
  'F1, ?': [
    {says: 'help: the procedure, every key, the marks', at: ['list', 'grid'], keys: ['f1', '?'], does: dialogIs('help')},
    {
      says: '`/` searches it',
      at: ['help'],
      keys: ['/'],
      does: (_, after) => after.dialog?.kind === 'help' && after.dialog.search?.typing === true,
    },
    {says: '(n next', at: ['helpFound'], keys: ['n'], does: scrolled},
    {
      says: 'Esc clears)',
      at: ['helpFound'],
      keys: ['escape'],
      does: (_, after) => after.dialog?.kind === 'help' && after.dialog.search === undefined,
    },
  ],
};

const README_ROWS = readmeTable(readmeSection('Keys'), ['key', 'does']);

test("every row of the README's keys table is checked here, and every row checked is in the README", t => {
  t.deepEqual(
    README_ROWS.map(row => row.key),
    Object.keys(ROWS),
  );
});

/** What a row says that no check proves: its text without the checks' words, its commas and its "and"s. */
const unchecked = (does: string, checks: readonly Check[]): string =>
  [...new Set(checks.map(check => check.says))]
    .sort((one, other) => other.length - one.length)
    .reduce((rest, says) => rest.replaceAll(says, ' '), does)
    .replace(/[\s,;:()/]+|\b(?:and|or)\b/g, ' ')
    .trim();

for (const row of README_ROWS) {
  test(`README keys: ${row.key}`, t => {
    const checks = ROWS[row.key] ?? [];
    for (const check of checks) t.true(row.does.includes(check.says), `the README's row does not say "${check.says}": ${row.does}`);
    t.is(unchecked(row.does, checks), '', `the README's row says more than is checked here: ${row.does}`);
    const checked = new Set(checks.flatMap(check => check.keys));
    for (const key of keyNames(row.key)) t.true(checked.has(key), `${row.key}: ${key} is in the README's row and nothing here presses it`);
    for (const check of checks)
      for (const place of check.at)
        for (const key of check.keys) {
          const {before, after} = pressAt(place, key);
          t.true(
            check.does(before, after),
            `${formatKey(key)} at ${place} does not do "${check.says}" (notice: ${after.notice ?? 'none'})`,
          );
        }
  });
}

test("every console-wide key F1 lists is in the README's keys table", t => {
  const listed = new Set(README_ROWS.flatMap(row => keyNames(row.key)));
  for (const binding of globalBindings('all'))
    for (const key of binding.keys) t.true(listed.has(key), `${formatKey(key)} (${binding.description}) is not in the README's keys table`);
});

test("the keys the README names in its procedure exist, and Ctrl+A and Ctrl+B (the multiplexers' prefixes) are bound nowhere", t => {
  const bound = new Set([...ALL_CONTEXTS.flatMap(context => context.bindings), ...globalBindings('all')].flatMap(binding => binding.keys));
  const named = [...readmeSection('The procedure, with keys').matchAll(/\*\*((?:Ctrl\+)?[A-Z0-9]{1,2})\*\*/g)].map(match =>
    keyNameOf(match[1]!),
  );
  t.true(named.length >= 6, named.join(' '));
  for (const key of named) t.true(bound.has(key), `${key}, in the README's procedure, is bound nowhere`);
  t.regex(readmeSection('Keys'), /Ctrl\+A and Ctrl\+B are not used/);
  for (const key of ['ctrl+a', 'ctrl+b']) {
    t.false(bound.has(key), `${key} is bound`);
    const {after} = pressAt('list', key);
    t.regex(after.notice ?? '', /does nothing here/);
  }
});
