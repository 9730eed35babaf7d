/** Ctrl+Y's history: a window of its rows that scrolls, and a line that says where it is. */
import test from 'ava';
import {render} from 'ink-testing-library';
import React from 'react';
import {createThirdParty, SCHEMA_VERSION, type AuditEntry} from '../../../domain/index.js';
import {testEnvironment} from '../../../../test/helpers/environment.js';
import {KEYS} from '../../../../test/helpers/pty-console.js';
import {renderConsole} from '../../../../test/helpers/render-console.js';
import {HistoryDialog} from './history-dialog.js';

/** 20 entries of one change each: 40 rows, newest first; entry 1's change is "name: Acme 1 → Acme 2". */
const entries: AuditEntry[] = Array.from({length: 20}, (_, index) => ({
  time: `2026-11-${String(27 - index).padStart(2, '0')}T10:00:00.000Z`,
  actor: 'alice@host',
  action: 'update',
  thirdParty: {id: 'tp1', name: 'Acme'},
  changes: [{field: 'name', old: `Acme ${20 - index}`, new: `Acme ${21 - index}`}],
}));

const frame = (top: number): string => {
  // Height 21: 18 rows, two borders and the "where" line.
  const {lastFrame, unmount} = render(
    <HistoryDialog dialog={{kind: 'history', id: 'tp1', name: 'Acme', entries, top}} width={60} height={21} />,
  );
  const text = lastFrame() ?? '';
  unmount();
  return text;
};

test('the history shows its first page and says which lines of how many', t => {
  const text = frame(0);
  t.regex(text, /lines 1–18 of 40 \(45%\), newest first/);
  t.true(text.includes('name: Acme 20 → Acme 21'), 'the newest change is on the first page');
  t.false(text.includes('name: Acme 1 → Acme 2'), 'the oldest is not');
});

test('scrolled to its end, the history shows its last line and says it is the end', t => {
  const text = frame(22);
  t.regex(text, /lines 23–40 of 40 \(the end\)/);
  t.true(text.includes('name: Acme 1 → Acme 2'));
  t.false(text.includes('name: Acme 20 → Acme 21'));
  // Further than the end shows the same last page.
  t.is(frame(1000), text);
});

test('a change too long for a line wraps to its end across the whole width, never cut with "…"', t => {
  const url = `https://payments.acme.example/oauth/callback/${'segment/'.repeat(12)}end`;
  const long: AuditEntry = {
    time: '2026-11-27T10:00:00.000Z',
    actor: 'alice@host',
    action: 'update',
    thirdParty: {id: 'tp1', name: 'Acme'},
    changes: [{field: 'callbackUrl', old: null, new: url}],
  };
  const {lastFrame, unmount} = render(
    <HistoryDialog dialog={{kind: 'history', id: 'tp1', name: 'Acme', entries: [long], top: 0}} width={80} height={21} />,
  );
  const text = lastFrame() ?? '';
  unmount();
  t.false(text.includes('…'), 'nothing is cut off');
  const joined = text
    .split('\n')
    .map(line => line.replace(/^│\s*/, '').replace(/\s*│$/, ''))
    .join('');
  t.true(joined.includes(url), 'the callback URL is there to its end');
  t.true(
    text.split('\n').every(line => line.length <= 80),
    'every line fits the pane',
  );
});

test('Ctrl+Y takes the whole width: the list is not drawn while the history is open', async t => {
  const env = testEnvironment('2026-11-27T10:00:00.000Z', 'fixture');
  const acme = createThirdParty(env, 'Acme Payments');
  const ui = await renderConsole({database: {schema: SCHEMA_VERSION, revision: 1, thirdParties: [acme]}});
  await ui.waitFor('┌ Third parties');
  ui.press(KEYS.ctrl('y'));
  const frame = await ui.waitFor('No changes recorded yet');
  t.false(frame.includes('Third parties'), 'the list pane is not drawn');
  t.regex(frame, /^┌ History/m, 'the history starts at the left edge');
  ui.press(KEYS.escape);
  await ui.waitFor('┌ Third parties');
  ui.unmount();
});

test('a name too long for the title leaves the title "History", never cut with "…"', t => {
  const name = 'Municipal Water and Wastewater Authority of the Greater Metropolitan Region Ltd';
  const {lastFrame, unmount} = render(
    <HistoryDialog dialog={{kind: 'history', id: 'tp1', name, entries, top: 0}} width={80} height={21} />,
  );
  const text = lastFrame() ?? '';
  unmount();
  t.regex(text.split('\n')[0]!, /^┌ History ─+┐$/);
  t.false(text.includes('…'));
});
