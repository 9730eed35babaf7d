/**
 * F1's text: the Connect procedure in its words, every context's keys (from the binding tables)
 * and a legend of every mark; wrapped to the width it is shown at, so nothing is cut off
 * and its last line can be scrolled to.
 */
import {helpSections} from '../../key-contexts.js';
import {wrapToWidth} from '../../widgets/wrap.js';
import {KEYS_COLUMN, type HelpRow} from './help-row.js';

const LEGEND: readonly (readonly [string, string])[] = [
  ['●', 'in the list: the third party is enabled'],
  ['○', 'in the list: not enabled (no access at all)'],
  ['✗', 'in the list: no active token left, only expired ones: the third party needs a new token'],
  ['!', 'in the list: its only active token expires within 14 days'],
  ['[x]', 'in the grid: the token is active'],
  ['[ ]', 'in the grid: the token is not active (Space selects it)'],
  [
    'never (auto)',
    "in the grid: issued by automatic authorization (the third party's application obtained it); does not expire (automatic)",
  ],
  ['expired', 'in the grid: past its expiry; refused whatever its Active box says'],
  ['›', 'where the focus is'],
  ['● modified', 'in the header: changes not saved yet (Ctrl+S saves)'],
  ['N waiting', 'in the header: authorization requests waiting for approval (Ctrl+W lists them)'],
];

const PROCEDURE: readonly string[] = [
  '1. Open Setup/Modify Third Party Access: the console opens on it; Ctrl+E or / filters the list by name.',
  '2. Enter the Third Party Name (Ctrl+N starts a new one). Client ID and Client Secret are generated.',
  '3. Add OAuth Token (Ctrl+G, or Enter on the button): a token that expires in six months.',
  '4. Select Enabled (Space).',
  '5. Enter the Callback URL from the third party (optional: with one, automatic authorization).',
  '6. Save (Ctrl+S, or Enter on [ Save ]).',
  '7. Copy OAuth Information (Ctrl+O) and send it to the third party.',
  '8. The third party runs a quick test: Ctrl+T runs the same test here.',
];

const cache = new Map<number, readonly HelpRow[]>();

/** The help's rows at a pane width (cached: the tables do not change while the console runs). */
export const helpRows = (width: number): readonly HelpRow[] => {
  const cached = cache.get(width);
  if (cached) return cached;
  const textWidth = Math.max(10, width - KEYS_COLUMN - 1);
  const rows: HelpRow[] = [];
  const keyRows = (keys: string, text: string) =>
    wrapToWidth(text, textWidth).forEach((line, index) => rows.push({kind: 'key', keys: index === 0 ? keys : '', text: line}));
  // The procedure first: it is what F1 is opened for; / finds a key further down.
  rows.push({kind: 'heading', keys: '', text: 'The Connect procedure, with keys'});
  for (const step of PROCEDURE)
    for (const line of wrapToWidth(step, Math.max(10, width - 1))) rows.push({kind: 'text', keys: '', text: line});
  for (const section of helpSections()) {
    rows.push({kind: 'heading', keys: '', text: section.title});
    for (const line of section.lines) keyRows(line.keys, line.description);
  }
  rows.push({kind: 'heading', keys: '', text: 'Marks'});
  for (const [mark, meaning] of LEGEND) keyRows(mark, meaning);
  cache.set(width, rows);
  return rows;
};
