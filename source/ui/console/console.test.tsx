import {readFile, stat} from 'node:fs/promises';
import test from 'ava';
import {addToken, createThirdParty, SCHEMA_VERSION, type Database} from '../../domain/index.js';
import {testEnvironment} from '../../../test/helpers/environment.js';
import {KEYS} from '../../../test/helpers/pty-console.js';
import {renderConsole} from '../../../test/helpers/render-console.js';

// Its own seed: the console's environment must not generate the same ids as the fixture's.
const env = testEnvironment('2026-11-27T10:00:00.000Z', 'fixture');
const acme = addToken({...createThirdParty(env, 'Acme Payments'), enabled: true, callbackUrl: 'https://acme.example/cb'}, env);
const city = createThirdParty(env, 'City Utilities');
const database: Database = {schema: SCHEMA_VERSION, revision: 4, thirdParties: [city, acme]};

test('an empty data file opens on a new third party with the cursor in its name', async t => {
  const ui = await renderConsole();
  const frame = await ui.waitFor('Third Party Name');
  t.regex(frame, /› Third Party Name/);
  t.regex(frame, /\+ New third party/);
  t.regex(frame, /Client ID\s+[0-9A-Z]{26}/);
  t.regex(frame, /Client Secret\s+•{20}/);
  t.false(frame.includes('tpas_'), 'the secret is masked');
  ui.unmount();
});

test('the list shows third parties in name order with their enabled mark', async t => {
  const ui = await renderConsole({database});
  const frame = await ui.waitFor('City Utilities');
  const lines = frame.split('\n');
  const acmeLine = lines.findIndex(line => line.includes('Acme Payments  '));
  const cityLine = lines.findIndex(line => line.includes('City Utilities'));
  t.true(acmeLine < cityLine, 'Acme before City');
  t.regex(lines[acmeLine]!, /Acme Payments\s+●/);
  t.regex(lines[cityLine]!, /City Utilities\s+○/);
  ui.unmount();
});

test('Ctrl+S in the name field saves and never types an "s"', async t => {
  const ui = await renderConsole();
  await ui.waitFor('Third Party Name');
  ui.press('Acme');
  await ui.waitFor('● modified');
  ui.press(KEYS.ctrl('s'));
  await ui.waitFor(/Saved \d\d:\d\d:\d\d/);
  const saved = JSON.parse(await readFile(ui.file, 'utf8'));
  t.is(saved.thirdParties[0].name, 'Acme');
  t.is((await stat(ui.file)).mode & 0o777, 0o600);
  ui.unmount();
});

test('an invalid save shows the messages next to the fields and writes nothing', async t => {
  const ui = await renderConsole({database});
  await ui.waitFor('City Utilities');
  ui.press(KEYS.ctrl('n'));
  await ui.waitFor('New third party');
  ui.press('acme payments', KEYS.tab, KEYS.tab, KEYS.tab, 'javascript:alert(1)');
  await ui.waitFor('javascript:alert(1)');
  const before = await readFile(ui.file, 'utf8');
  ui.press(KEYS.ctrl('s'));
  const frame = await ui.waitFor('Not saved');
  t.regex(frame, /✗ Another third party already has this name\./);
  t.regex(frame, /✗ The callback URL must use https, not javascript:\./);
  t.regex(frame, /● not saved/);
  t.regex(frame, /› Third Party Name/, 'the focus goes to the first field to fix');
  t.is(await readFile(ui.file, 'utf8'), before);
  ui.unmount();
});

test('after a refused save the message follows the edits', async t => {
  const ui = await renderConsole();
  await ui.waitFor('Third Party Name');
  ui.press(KEYS.ctrl('s'));
  await ui.waitFor('✗ Enter the third party name.');
  ui.press('A');
  await ui.waitFor(frame => !frame.includes('✗ Enter the third party name.'));
  t.pass();
  ui.unmount();
});

test('Ctrl+G adds a token expiring in six months, Space on its row clears Active', async t => {
  const ui = await renderConsole({env: testEnvironment('2026-08-31T12:00:00.000Z')});
  await ui.waitFor('Third Party Name');
  ui.press('Acme', KEYS.ctrl('g'));
  let frame = await ui.waitFor('2027-02-28');
  t.regex(frame, /2026-08-31\s+2027-02-28\s+tpat_\w+…\w+\s+\[x\]/);
  ui.press(KEYS.tab, KEYS.tab);
  await ui.waitFor(/›\s+2026-08-31/);
  ui.press(KEYS.space);
  frame = await ui.waitFor(/2027-02-28\s+tpat_\w+…\w+\s+\[ \]/);
  t.pass(frame);
  ui.unmount();
});

test('Enter on Add OAuth Token adds a row; Space on Enabled toggles it', async t => {
  const ui = await renderConsole();
  await ui.waitFor('Third Party Name');
  ui.press('Acme', KEYS.tab);
  await ui.waitFor(/› \[ Add OAuth Token \]/);
  ui.press(KEYS.enter);
  await ui.waitFor(/tpat_/);
  ui.press(KEYS.tab, KEYS.tab);
  await ui.waitFor(/› \[ \] Enabled/);
  ui.press(KEYS.space);
  await ui.waitFor(/› \[x\] Enabled/);
  t.pass();
  ui.unmount();
});

test('the authorization follows the callback URL', async t => {
  const ui = await renderConsole();
  await ui.waitFor('manual (no callback URL)');
  ui.press('Acme', KEYS.tab, KEYS.tab, KEYS.tab, 'https://acme.example/cb');
  await ui.waitFor(/Authorization +automatic, not authorized yet/);
  t.pass();
  ui.unmount();
});

test('Ctrl+R reveals the secret and the focused token, and masks them again', async t => {
  const ui = await renderConsole({database});
  await ui.waitFor('Acme Payments');
  ui.press(KEYS.ctrl('r'));
  let frame = await ui.waitFor(acme.clientSecret);
  t.true(frame.includes(acme.tokens[0]!.token));
  ui.press(KEYS.ctrl('r'));
  frame = await ui.waitFor(frame => !frame.includes(acme.clientSecret));
  t.false(frame.includes(acme.tokens[0]!.token));
  ui.unmount();
});

test('quitting with unsaved changes asks; Esc cancels and nothing is lost', async t => {
  const ui = await renderConsole();
  await ui.waitFor('Third Party Name');
  ui.press('Acme', KEYS.ctrl('q'));
  let frame = await ui.waitFor('Unsaved changes');
  t.regex(frame, /Save the changes to Acme before you quit\?/);
  t.regex(frame, /Save.*Discard.*Cancel/);
  ui.press(KEYS.escape);
  frame = await ui.waitFor('Third Party Name');
  t.regex(frame, /Acme/);
  t.regex(frame, /● modified/);
  ui.unmount();
});

test('switching records with unsaved changes asks; Discard drops them', async t => {
  const ui = await renderConsole({database});
  await ui.waitFor('Acme Payments');
  ui.press(KEYS.tab, 'X');
  await ui.waitFor('● modified');
  ui.press(KEYS.shiftTab, KEYS.down, KEYS.enter);
  await ui.waitFor(/before you open another third[\s│]+party\?/);
  ui.press('d');
  const frame = await ui.waitFor('┌ City Utilities');
  t.false(frame.includes('● modified'));
  t.false(JSON.parse(await readFile(ui.file, 'utf8')).thirdParties.some((party: {name: string}) => party.name.includes('X')));
  ui.unmount();
});

test('F1 shows every key; ? types in a text field but opens the help in the list', async t => {
  const ui = await renderConsole({database});
  await ui.waitFor('Acme Payments');
  ui.press(KEYS.f1);
  let frame = await ui.waitFor('┌ Help ─');
  t.regex(frame, /^┌ Help ─/m, 'the help takes the whole width');
  t.false(frame.includes('Third parties'), 'the list is not drawn under it');
  t.regex(frame, /lines 1–\d+ of \d+/, 'it says where it is');
  t.regex(frame, /1\. Open Setup\/Modify Third Party Access/, 'the procedure first');
  ui.press('/', 'Ctrl+Q');
  frame = await ui.waitFor('/Ctrl+Q');
  t.regex(frame, /Ctrl\+Q, Ctrl\+C\s+quit/);
  ui.press(KEYS.enter, KEYS.escape);
  await ui.waitFor(frame => !frame.includes('/Ctrl+Q'));
  ui.press(KEYS.escape);
  await ui.waitFor(frame => !frame.includes('┌ Help ─'));
  ui.press(KEYS.tab, KEYS.ctrl('e'));
  await ui.waitFor('┌ Filter');
  ui.press(KEYS.escape);
  await ui.waitFor(frame => !frame.includes('┌ Filter'));
  ui.press('?');
  frame = await ui.waitFor('Acme Payments?');
  t.false(frame.includes('┌ Help ─'));
  ui.press(KEYS.shiftTab, '?');
  await ui.waitFor('┌ Help ─');
  ui.unmount();
});

test('Ctrl+E filters by part of the name; Enter goes back to the list on the match, filtered; Enter opens it', async t => {
  const ui = await renderConsole({database});
  await ui.waitFor('Acme Payments');
  ui.press(KEYS.tab, KEYS.ctrl('e'));
  await ui.waitFor('┌ Filter');
  ui.press('util');
  let frame = await ui.waitFor('/util');
  t.notRegex(frame, /^│[ ›] Acme Payments/m, 'only the matches are listed');
  t.regex(frame, /^│› City Utilities/m);
  ui.press(KEYS.enter);
  frame = await ui.waitFor('┌ City Utilities');
  t.regex(frame, /┌ Filter: 1 of 2/, 'the filter stays');
  ui.press(KEYS.enter);
  await ui.waitFor(/› Third Party Name +City Utilities/);
  ui.unmount();
});

test('Esc never quits', async t => {
  const ui = await renderConsole({database});
  await ui.waitFor('Acme Payments');
  ui.press(KEYS.escape);
  // A lone Esc is told apart from the start of a sequence only once the next read is not there.
  await new Promise(resolve => setImmediate(resolve));
  ui.press(KEYS.down);
  await ui.waitFor(/› City Utilities/);
  t.pass();
  ui.unmount();
});

test('control characters typed or pasted into the name are refused with a message', async t => {
  const ui = await renderConsole();
  await ui.waitFor('Third Party Name');
  ui.press(KEYS.paste('Acme\u001B]0;pwned\u0007 Payments'));
  const frame = await ui.waitFor('Acme Payments');
  t.regex(frame, /Control characters and escape sequences are not accepted/);
  t.false(frame.includes('pwned\u0007'));
  ui.unmount();
});
