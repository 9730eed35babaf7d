/** The console's side of "nothing lost when the file disappears": the dialog for a deleted file, and the list after a save whose audit entry failed. */
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {rightPaneText} from '../../../../test/helpers/screen-text.js';
import {addToken, createThirdParty, SCHEMA_VERSION, type Database} from '../../../domain/index.js';
import {auditLogPath, openThirdPartyStore, parseDatabase} from '../../../store/index.js';
import {testEnvironment} from '../../../../test/helpers/environment.js';
import {KEYS} from '../../../../test/helpers/pty-console.js';
import {renderConsole} from '../../../../test/helpers/render-console.js';

const env = testEnvironment('2026-11-27T10:00:00.000Z', 'fixture');
const acme = addToken({...createThirdParty(env, 'Acme Payments'), enabled: true}, env);
const city = createThirdParty(env, 'City Utilities');
const database: Database = {schema: SCHEMA_VERSION, revision: 4, thirdParties: [city, acme]};

/** A console with an unsaved edit of Acme; the data file is removed, then Ctrl+S. */
const editThenDeleteAndSave = async () => {
  const ui = await renderConsole({database});
  await ui.waitFor('Acme Payments');
  ui.press(KEYS.tab, 'X');
  await ui.waitFor('● modified');
  rmSync(ui.file);
  ui.press(KEYS.ctrl('s'));
  return ui;
};

test('rm db.json, then Ctrl+S: the dialog says the file was deleted, and W writes every third party again', async t => {
  const ui = await editThenDeleteAndSave();
  const frame = await ui.waitFor('The data file was deleted');
  t.regex(frame, /Write everything/);
  t.notRegex(frame, /deleted by|Reload theirs/);
  ui.press('w');
  await ui.waitFor(/Saved \d\d:\d\d:\d\d/);
  const written = parseDatabase(readFileSync(ui.file, 'utf8'), ui.file);
  t.deepEqual(written.thirdParties.map(thirdParty => thirdParty.name).sort(), ['Acme PaymentsX', 'City Utilities']);
  ui.unmount();
});

test('rm db.json, then Ctrl+S and K: every third party is kept in a copy; the data file stays gone', async t => {
  const ui = await editThenDeleteAndSave();
  await ui.waitFor('The data file was deleted');
  ui.press('k');
  // The message wraps within the pane.
  await ui.waitFor(frame => rightPaneText(frame).includes('Every third party this console has is'));
  const copy = readdirSync(path.dirname(ui.file)).find(name => name.startsWith('db.mine-'));
  t.truthy(copy);
  const copied = parseDatabase(readFileSync(path.join(path.dirname(ui.file), copy!), 'utf8'), copy!);
  t.deepEqual(copied.thirdParties.map(thirdParty => thirdParty.name).sort(), ['Acme PaymentsX', 'City Utilities']);
  t.false(existsSync(ui.file));
  ui.unmount();
});

test('saved but not in the audit log: the console takes the whole list it wrote, another console’s merged change included', async t => {
  const ui = await renderConsole({database});
  await ui.waitFor('Acme Payments');
  const other = await openThirdPartyStore(ui.file, testEnvironment('2026-11-27T11:00:00.000Z', 'other'), {actor: 'bob@host2'});
  const theirs = other.database.thirdParties.find(thirdParty => thirdParty.name === 'City Utilities')!;
  t.is((await other.saveThirdParty({...theirs, name: 'City Water'})).kind, 'saved');
  rmSync(auditLogPath(ui.file));
  mkdirSync(auditLogPath(ui.file));
  ui.press(KEYS.tab, 'X', KEYS.ctrl('s'));
  const frame = await ui.waitFor('audit log could not be written');
  t.regex(frame, /City Water/);
  t.notRegex(frame, /City Utilities/);
  ui.unmount();
});
