/** The list's width: 22 columns at 80, and on a wider terminal as wide as its longest name needs, up to a third of it. */
import test from 'ava';
import {testEnvironment} from '../../../test/helpers/environment.js';
import {KEYS} from '../../../test/helpers/pty-console.js';
import {renderConsole} from '../../../test/helpers/render-console.js';
import {createThirdParty, SCHEMA_VERSION, type Database} from '../../domain/index.js';

const env = testEnvironment('2026-11-27T10:00:00.000Z', 'fixture');
const database = (names: readonly string[]): Database => ({
  schema: SCHEMA_VERSION,
  revision: 1,
  thirdParties: names.map(name => createThirdParty(env, name)),
});

/** The list pane's rows: from the left border to where the right pane begins. */
const listRows = (frame: string): string[] =>
  frame
    .split('\n')
    .slice(1, -1)
    .map(line => line.slice(0, line.indexOf('┌', 1) === -1 ? line.indexOf('││') + 1 : line.indexOf('┌', 1)));

test('at 120×40 the list grows to fit the longest name whole; the form takes the rest of the width', async t => {
  const ui = await renderConsole({
    database: database(['Acme Payments', 'Northwind Traders International']),
    size: {columns: 120, rows: 40},
  });
  const frame = await ui.waitFor('Northwind');
  ui.unmount();
  const rows = listRows(frame);
  t.true(
    rows.some(row => row.includes('Northwind Traders International ')),
    rows.join('\n'),
  );
  t.is(frame.split('\n')[1]!.length, 120, 'the two panes fill the width');
  t.is(rows[0]!.length, 'Northwind Traders International'.length + 8, rows[0]);
});

test('at 120×40 a name longer than a third of the width is cut with "…"; the list takes no more than that', async t => {
  const long = 'Municipal Water and Wastewater Authority of the Greater Metropolitan Region';
  const ui = await renderConsole({database: database([long]), size: {columns: 120, rows: 40}});
  const frame = await ui.waitFor('Municipal');
  ui.unmount();
  const rows = listRows(frame);
  t.is(rows[0]!.length, 40, rows[0]);
  t.true(rows.some(row => /Municipal.*…/.test(row)));
});

test('at 80×24 the list stays 22 columns wide, whatever the names', async t => {
  const ui = await renderConsole({database: database(['Northwind Traders International']), size: {columns: 80, rows: 24}});
  const frame = await ui.waitFor('Northwind');
  ui.unmount();
  t.is(listRows(frame)[0]!.length, 22);
  t.is(frame.split('\n')[1]!.length, 80);
});

test('at 80×24 / shows the filter and its count while typing and after Enter, one "›" only; Esc shows the whole list', async t => {
  const ui = await renderConsole({database: database(['Acme Payments', 'City Utilities', 'City Water']), size: {columns: 80, rows: 24}});
  await ui.waitFor('City Water');
  ui.press('/');
  ui.press('city');
  let frame = await ui.waitFor('/city');
  t.regex(frame, /┌ Filter: 2 of 3 ─+┐┌/);
  t.is(listRows(frame).join('\n').split('›').length - 1, 1, listRows(frame).join('\n'));
  t.false(listRows(frame).some(row => row.includes('Acme')));
  ui.press(KEYS.enter);
  frame = await ui.waitFor(frame => !frame.includes('/city▌') && frame.includes('┌ City Utilities'));
  t.regex(frame, /┌ Filter: 2 of 3 ─+┐┌/);
  t.true(listRows(frame).some(row => row.includes('/city')));
  t.false(listRows(frame).some(row => row.includes('Acme')));
  t.regex(frame.split('\n').at(-1)!, /Esc clear filter/);
  ui.press(KEYS.escape);
  frame = await ui.waitFor('┌ Third parties');
  ui.unmount();
  t.true(listRows(frame).some(row => row.includes('Acme')));
});
