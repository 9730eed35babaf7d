/** The real program in a real pseudo-terminal at 80×24: what an admin sees, and what lands on disk. */
// Serial: each test starts real console processes; a machine with two cores runs them one at a time.
import {execFile} from 'node:child_process';
import {mkdtempSync, readFileSync, statSync, writeFileSync, mkdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import test from 'ava';
import {CLI, KEYS, PtyConsole} from './helpers/pty-console.js';
import {SCHEMA_VERSION} from '../source/domain/index.js';

const run = promisify(execFile);

test.afterEach.always(() => PtyConsole.killAll());

const workspace = () => mkdtempSync(path.join(tmpdir(), 'tpa-e2e-'));

test.serial('the Connect procedure with keys only, from a missing data file to the JSON on disk', async t => {
  const cwd = workspace();
  const tpa = PtyConsole.start({cwd});
  // 1. The console opens on Setup/Modify Third Party Access, on a new record.
  await tpa.waitFor('Setup/Modify Third Party Access');
  t.is(tpa.bufferType, 'alternate');
  // 2. Enter the Third Party Name.
  await tpa.type('Acme Payments');
  // 3. Add OAuth Token.
  tpa.write(KEYS.tab);
  await tpa.waitFor(/› \[ Add OAuth Token \]/);
  tpa.write(KEYS.enter);
  await tpa.waitFor(/tpat_\w+…\w{4}\s+\[x\]/);
  // 4. Select Enabled.
  tpa.write(KEYS.tab);
  await tpa.waitFor(/›\s+\d{4}-\d\d-\d\d/);
  tpa.write(KEYS.tab);
  await tpa.waitFor(/› \[ \] Enabled/);
  tpa.write(KEYS.space);
  await tpa.waitFor(/› \[x\] Enabled/);
  // 5. Enter the Callback URL.
  tpa.write(KEYS.tab);
  await tpa.waitFor(/› Callback URL/);
  await tpa.type('https://acme.example/cb', 'acme.example/cb');
  // 6. Save.
  tpa.write(KEYS.ctrl('s'));
  const screen = await tpa.waitFor(/Saved \d\d:\d\d:\d\d/);
  t.regex(screen, /Acme Payments\s+●/);
  t.false(screen.includes('● modified'));

  const file = path.join(cwd, 'data', 'db.json');
  t.is(statSync(file).mode & 0o777, 0o600);
  const data = JSON.parse(readFileSync(file, 'utf8'));
  t.is(data.schema, SCHEMA_VERSION);
  t.is(data.revision, 1);
  t.is(data.thirdParties.length, 1);
  const [acme] = data.thirdParties;
  t.is(acme.name, 'Acme Payments');
  t.true(acme.enabled);
  t.is(acme.callbackUrl, 'https://acme.example/cb');
  t.regex(acme.clientSecret, /^tpas_[0-9A-Za-z]{49}$/);
  t.is(acme.tokens.length, 1);
  const [token] = acme.tokens;
  t.true(token.active);
  const created = new Date(token.createdAt);
  const sixMonthsLater = new Date(created);
  sixMonthsLater.setUTCMonth(created.getUTCMonth() + 6);
  if (sixMonthsLater.getUTCDate() !== created.getUTCDate()) sixMonthsLater.setUTCDate(0);
  t.is(token.expiresAt, sixMonthsLater.toISOString());

  tpa.write(KEYS.ctrl('q'));
  t.is(await tpa.waitForExit(), 0);
  t.is(await tpa.waitForBuffer('normal'), 'normal', 'the terminal is back on its normal screen');

  // Start again: the record is there.
  const again = PtyConsole.start({cwd});
  const reopened = await again.waitFor('Acme Payments');
  t.regex(reopened, /Callback URL\s+https:\/\/acme\.example\/cb/);
  t.regex(reopened, /\[x\] Enabled/);
  again.write(KEYS.ctrl('q'));
  t.is(await again.waitForExit(), 0);
});

test.serial('quitting with unsaved changes shows the dialog; Discard quits without writing', async t => {
  const cwd = workspace();
  const tpa = PtyConsole.start({cwd});
  await tpa.waitFor('Third Party Name');
  await tpa.type('Acme');
  tpa.write(KEYS.ctrl('q'));
  const screen = await tpa.waitFor('Unsaved changes');
  t.regex(screen, /Save the changes to Acme before you quit\?/);
  tpa.write('d');
  t.is(await tpa.waitForExit(), 0);
  t.throws(() => statSync(path.join(cwd, 'data', 'db.json')));
});

test.serial('Ctrl+C asks too, and Save in the dialog saves before quitting', async t => {
  const cwd = workspace();
  const tpa = PtyConsole.start({cwd});
  await tpa.waitFor('Third Party Name');
  await tpa.type('Acme');
  tpa.write(KEYS.ctrl('c'));
  await tpa.waitFor('Unsaved changes');
  tpa.write(KEYS.enter);
  t.is(await tpa.waitForExit(), 0);
  t.is(JSON.parse(readFileSync(path.join(cwd, 'data', 'db.json'), 'utf8')).thirdParties[0].name, 'Acme');
});

for (const [label, content] of [
  ['corrupt (not JSON)', '{"schema": 1, "revision": 3, "thirdParties": ['],
  ['empty', ''],
  ['null', 'null'],
  ['of an unknown schema', '{"schema": 99, "revision": 1, "thirdParties": []}'],
] as const) {
  test.serial(`a data file that is ${label} stops the console with a message, status 1, the file untouched`, async t => {
    const cwd = workspace();
    const file = path.join(cwd, 'data', 'db.json');
    mkdirSync(path.dirname(file));
    writeFileSync(file, content, {mode: 0o600});
    const before = statSync(file).mtimeMs;
    const tpa = PtyConsole.start({cwd});
    t.is(await tpa.waitForExit(), 1);
    const screen = await tpa.screen();
    t.true(screen.includes(`tpa: ${file}: `), screen);
    t.regex(screen, /The file was not changed\./);
    t.is(await tpa.waitForBuffer('normal'), 'normal', 'the message is on the normal screen, where it stays readable');
    t.is(readFileSync(file, 'utf8'), content);
    t.is(statSync(file).mtimeMs, before);
  });
}

test.serial('--data and TPA_DATA choose the data file', async t => {
  const cwd = workspace();
  const tpa = PtyConsole.start({cwd, args: ['--data', 'elsewhere/tpa.json']});
  await tpa.waitFor('Third Party Name');
  await tpa.type('Acme');
  tpa.write(KEYS.ctrl('s'));
  await tpa.waitFor('Saved');
  tpa.write(KEYS.ctrl('q'));
  await tpa.waitForExit();
  t.is(JSON.parse(readFileSync(path.join(cwd, 'elsewhere', 'tpa.json'), 'utf8')).thirdParties[0].name, 'Acme');

  const viaEnv = PtyConsole.start({cwd, env: {TPA_DATA: 'elsewhere/tpa.json'}});
  await viaEnv.waitFor('Acme');
  viaEnv.write(KEYS.ctrl('q'));
  t.is(await viaEnv.waitForExit(), 0);
});

test.serial('below 80×24 the console asks for a larger terminal, and redraws when it gets one', async t => {
  const tpa = PtyConsole.start({columns: 70, rows: 20});
  const small = await tpa.waitFor('needs at least 80×24');
  t.regex(small, /The terminal is 70×20/);
  tpa.resize(80, 24);
  await tpa.waitFor('Third Party Name');
  tpa.resize(79, 24);
  await tpa.waitFor('The terminal is 79×24');
  tpa.resize(100, 30);
  const large = await tpa.waitFor('Third Party Name');
  t.regex(large, /┌ Third parties/);
  tpa.write(KEYS.ctrl('q'));
  t.is(await tpa.waitForExit(), 0);
});

test.serial('the frame fits 80×24: the title on the first row, the keys on the last line of the frame', async t => {
  const tpa = PtyConsole.start();
  const screen = await tpa.waitFor('F1 more');
  const rows = screen.split('\n');
  t.regex(rows[0]!, /^ System Management › Security › Setup\/Modify Third Party Access/);
  t.regex(rows[21]!, /^└─+┘└─+┘$/);
  t.regex(rows[22]!, /\^Q quit · F1 more/);
  t.true(rows.every(row => row.length <= 80));
  tpa.write(KEYS.ctrl('q'));
  await tpa.waitForExit();
});

test.serial('frames drawn line by line (incremental rendering) stay in place: no row shifts, no stale lines', async t => {
  const tpa = PtyConsole.start({args: ['--demo']});
  await tpa.waitFor('F1 more');
  tpa.write(KEYS.tab);
  await tpa.waitFor('› Third Party Name');
  await tpa.type('X', 'Acme PaymentsX');
  tpa.write(KEYS.tab);
  await tpa.waitFor(/› \[ Add OAuth Token \]/);
  tpa.write(KEYS.enter);
  await tpa.waitFor('OAuth token added');
  tpa.write(KEYS.f1);
  await tpa.waitFor('Help');
  tpa.write(KEYS.escape);
  const screen = await tpa.waitFor(rows => !rows.includes('Help') && rows.includes('F1 more'));
  const rows = screen.split('\n');
  t.regex(rows[0]!, /^ (System Management › )?Security › Setup\/Modify Third Party Access/, 'shortened only to make room');
  t.regex(rows[1]!, /^┌ Third parties/);
  t.regex(rows[21]!, /^└─+┘└─+┘$/);
  t.regex(rows[22]!, /F1 more/);
  t.is(rows.filter(row => row.includes('[ Add OAuth Token ]')).length, 1, 'the button is drawn once');
  tpa.write(KEYS.ctrl('q'));
  await tpa.waitFor('Unsaved changes');
  tpa.write('d');
  t.is(await tpa.waitForExit(), 0);
});

test.serial('with NO_COLOR the console draws no colours, and the focus still shows', async t => {
  const tpa = PtyConsole.start({env: {NO_COLOR: '1'}});
  const screen = await tpa.waitFor('Third Party Name');
  t.regex(screen, /› Third Party Name/);
  t.false(/\u001B\[(3[0-7]|9[0-7]|38;)/.test(tpa.output), 'no foreground colour sequences');
  tpa.write(KEYS.ctrl('q'));
  await tpa.waitForExit();
});

test.serial('TERM=dumb is refused with a message', async t => {
  const tpa = PtyConsole.start({env: {TERM: 'dumb'}});
  t.is(await tpa.waitForExit(), 1);
  t.regex(await tpa.screen(), /TERM=dumb cannot draw the console/);
});

test.serial('--help and --version print and exit 0 without a terminal', async t => {
  const help = await run(process.execPath, [CLI, '--help']);
  t.regex(help.stdout, /Usage/);
  t.regex(help.stdout, /--data <file\|postgres:\/\/…>/);
  const version = await run(process.execPath, [CLI, '--version']);
  t.regex(version.stdout, /^\d+\.\d+\.\d+\n$/);
});

test.serial('an unknown option exits 64 (wrong usage) with a pointer to --help', async t => {
  const error = await t.throwsAsync(run(process.execPath, [CLI, '--colour']));
  t.is((error as {code?: number}).code, 64);
  t.regex((error as {stderr?: string}).stderr ?? '', /tpa --help/);
});

test.serial('--demo opens sample third parties from a throwaway copy', async t => {
  const cwd = workspace();
  const tpa = PtyConsole.start({cwd, args: ['--demo']});
  const screen = await tpa.waitFor('City Utilities');
  t.regex(screen, /Acme Payments/);
  t.regex(screen, /expired/);
  tpa.write(KEYS.ctrl('q'));
  t.is(await tpa.waitForExit(), 0);
  t.throws(() => statSync(path.join(cwd, 'data', 'db.json')), undefined, 'the real data file is not touched');
});

test.serial('typing on right after Ctrl+S loses nothing: the keys pressed during the save land after it', async t => {
  const cwd = workspace();
  const tpa = PtyConsole.start({cwd});
  await tpa.waitFor('Third Party Name');
  await tpa.type('Acme');
  // In one write: the save has not ended when " Payments" arrives.
  tpa.write(`${KEYS.ctrl('s')} Payments`);
  const screen = await tpa.waitFor(/Third Party Name\s+Acme Payments/);
  t.regex(screen, /● modified/, 'what was typed after the save is a change of its own');
  const file = path.join(cwd, 'data', 'db.json');
  t.is(JSON.parse(readFileSync(file, 'utf8')).thirdParties[0].name, 'Acme');
  tpa.write(KEYS.ctrl('s'));
  await tpa.waitFor(/Saved \d\d:\d\d:\d\d/);
  t.is(JSON.parse(readFileSync(file, 'utf8')).thirdParties[0].name, 'Acme Payments');
  tpa.write(KEYS.ctrl('q'));
  t.is(await tpa.waitForExit(), 0);
});
