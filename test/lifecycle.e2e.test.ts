/** The token lifecycle in the real program, in a real pty at 80×24: what the admin sees, and the files on disk. */
import {mkdtemp, readdir, readFile, stat, writeFile} from 'node:fs/promises';
import {hostname, tmpdir, userInfo} from 'node:os';
import path from 'node:path';
import anyTest, {type ExecutionContext, type TestFn} from 'ava';
import {
  addToken,
  createThirdParty,
  oauthSheet,
  setTokenExpiry,
  SCHEMA_VERSION,
  toggleTokenActive,
  type AuditEntry,
  type Database,
  type ThirdParty,
} from '../source/domain/index.js';
import {auditLogPath, JsonFileAdapter} from '../source/store/index.js';
import {osc52} from '../source/ui/dialogs/send/osc52.js';
import {testEnvironment} from './helpers/environment.js';
import {KEYS, PtyConsole} from './helpers/pty-console.js';
import {rightPaneText} from './helpers/screen-text.js';

// One console at a time: several programs starting at once in ptys make each slow to draw.
const test = anyTest.serial as TestFn;

const DELETE = '\u001B[3~';
const DAY = 86_400_000;

/** Third parties made with the real domain functions at the real time (the program under test reads the real clock). */
const fixture = async (t: ExecutionContext, make: (env: ReturnType<typeof testEnvironment>) => ThirdParty[]) => {
  const folder = await mkdtemp(path.join(tmpdir(), 'tpa-lifecycle-'));
  const file = path.join(folder, 'db.json');
  const env = testEnvironment(new Date());
  const database: Database = {schema: SCHEMA_VERSION, revision: 1, thirdParties: make(env)};
  await new JsonFileAdapter(file).write(database);
  // Started elsewhere (a git checkout, say): nothing it writes by default may land there.
  const cwd = await mkdtemp(path.join(tmpdir(), 'tpa-cwd-'));
  const console = PtyConsole.start({args: ['--data', file], cwd});
  // A failed step must not leave the program running (ava would wait for it).
  t.teardown(() => {
    if (console.exitCode === undefined) console.kill('SIGKILL');
  });
  await console.waitFor('Third parties', 30_000);
  return {folder, cwd, file, database, console};
};

const acme = (env: ReturnType<typeof testEnvironment>, tokens = 1): ThirdParty => {
  let thirdParty: ThirdParty = {
    ...createThirdParty(env, 'Acme Payments'),
    enabled: true,
    callbackUrl: 'https://acme.example/oauth/callback',
  };
  for (let index = 0; index < tokens; index++) thirdParty = addToken(thirdParty, env);
  return thirdParty;
};

const readDatabase = async (file: string): Promise<Database> => JSON.parse(await readFile(file, 'utf8')) as Database;
const readAudit = async (file: string): Promise<AuditEntry[]> =>
  (await readFile(auditLogPath(file), 'utf8'))
    .trim()
    .split('\n')
    .map(line => JSON.parse(line) as AuditEntry);

/** From the list: open the highlighted third party and move the focus to the first token row. */
const focusGrid = async (console: PtyConsole) => {
  console.write(KEYS.enter);
  await console.waitFor('› Third Party Name');
  console.write(KEYS.tab);
  await console.waitFor('› [ Add OAuth Token ]');
  console.write(KEYS.tab);
  await console.waitFor('Enter expiry');
};

/** In Ctrl+O's sheet: W, the file offered is `target` (beside the data file, its full path shown), Enter; waits for what it says. */
const writeSheet = async (console: PtyConsole, target: string, answer = '(mode 0600: only you can read it)'): Promise<string> => {
  console.write('w');
  await console.waitFor(screen => rightPaneText(screen).replaceAll(' ', '').includes(target));
  console.write(KEYS.enter);
  return console.waitFor(answer);
};

const quit = async (console: PtyConsole) => {
  console.write(KEYS.ctrl('q'));
  await console.exited;
};

test('expiry: Enter on a token row sets a typed date or a preset; a date in the past is refused; the file has it after the save', async t => {
  const {file, console, database} = await fixture(t, env => [acme(env)]);
  await focusGrid(console);
  console.write(KEYS.enter);
  await console.waitFor('Expiry of tpat_');
  await console.type('2020-01-01');
  console.write(KEYS.enter);
  await console.waitFor('2020-01-01 is in the past: choose today or a later');
  console.write(...Array.from({length: 10}, () => KEYS.backspace));
  await console.waitFor(screen => !screen.includes('2020-01-01'));
  const date = new Date(Date.now() + 40 * DAY).toISOString().slice(0, 10);
  await console.type(date);
  console.write(KEYS.enter);
  await console.waitFor(`Expiry set to ${date}; save with Ctrl+S.`);
  await console.waitFor('● modified');
  console.write(KEYS.ctrl('s'));
  await console.waitFor(/Saved \d\d:\d\d:\d\d/);
  t.is((await readDatabase(file)).thirdParties[0]!.tokens[0]!.expiresAt, `${date}T23:59:59.999Z`, 'the end of that day (TZ=UTC)');

  console.write(KEYS.enter);
  await console.waitFor('› 30 days');
  console.write(KEYS.down, KEYS.down, KEYS.down, KEYS.down);
  await console.waitFor('› never');
  console.write(KEYS.enter);
  await console.waitFor('Set to never expire; save with Ctrl+S.');
  await console.waitFor(/› +\d{4}-\d\d-\d\d +never +tpat_/);
  console.write(KEYS.ctrl('s'));
  await console.waitFor(screen => /Saved/.test(screen) && !screen.includes('● modified'));
  const saved = (await readDatabase(file)).thirdParties[0]!;
  t.is(saved.tokens[0]!.expiresAt, null);
  t.is(saved.tokens[0]!.token, database.thirdParties[0]!.tokens[0]!.token);
  await quit(console);
});

test('expiring and expired tokens: marked in the list, counted in the header, "in N days" in the grid', async t => {
  const {console} = await fixture(t, env => {
    const soon = acme(env);
    const expiring = setTokenExpiry(soon, soon.tokens[0]!.id, new Date(Date.now() + 3 * DAY));
    const old = addToken(createThirdParty(env, 'City Utilities'), env);
    const expired = setTokenExpiry(old, old.tokens[0]!.id, new Date(Date.now() - DAY));
    return [expiring, expired, addToken(createThirdParty(env, 'Caselle SDK'), env)];
  });
  const screen = await console.waitFor('!1 expiring');
  t.true(screen.includes('✗1 expired'));
  t.regex(screen, /Acme Payments +! [●○]/);
  t.regex(screen, /City Utilities +✗ [●○]/);
  t.regex(screen, /Caselle SDK +[●○]/);
  t.notRegex(screen, /Caselle SDK +[!✗]/);
  await console.waitFor(/in 3 days +tpat_/); // Acme is open first (name order)
  await quit(console);
});

test('deleting a token (confirmed, then saved) and a third party (confirmed by its name): nothing of them is left in the file', async t => {
  const {file, console, database} = await fixture(t, env => [acme(env, 2), createThirdParty(env, 'City Utilities')]);
  const [first, second] = database.thirdParties[0]!.tokens;
  await focusGrid(console);
  console.write(DELETE);
  await console.waitFor('Delete the OAuth token');
  console.write('n');
  await console.waitFor('Enter expiry');
  t.false((await console.screen()).includes('● modified'), 'N keeps it');
  console.write(DELETE);
  await console.waitFor('Delete the OAuth token');
  console.write('y');
  await console.waitFor(/Token tpat_.+ deleted; save with Ctrl\+S\./);
  console.write(KEYS.ctrl('s'));
  await console.waitFor(screen => /Saved/.test(screen) && !screen.includes('● modified'));
  let text = await readFile(file, 'utf8');
  t.false(text.includes(first!.token));
  t.false(text.includes(first!.id));
  t.true(text.includes(second!.token));

  // To the list: Shift+Tab from the grid passes the button and the name.
  console.write(KEYS.shiftTab, KEYS.shiftTab, KEYS.shiftTab);
  await console.waitFor('› Acme Payments');
  console.write(DELETE);
  await console.waitFor('To confirm, type its name:');
  await console.type('acme payments');
  console.write(KEYS.enter);
  await console.waitFor('The name does not match');
  t.true((await readFile(file, 'utf8')).includes('Acme Payments'), 'nothing deleted yet');
  console.write(...Array.from({length: 13}, () => KEYS.backspace));
  await console.waitFor(screen => !screen.includes('acme payments'));
  await console.type('Acme Payments');
  console.write(KEYS.enter);
  await console.waitFor('Deleted Acme Payments.');
  text = await readFile(file, 'utf8');
  const gone = database.thirdParties[0]!;
  for (const value of [gone.id, gone.name, gone.clientId, gone.clientSecret, second!.token, second!.id])
    t.false(text.includes(value), value);
  t.true(text.includes('City Utilities'));
  const last = (await readAudit(file)).at(-1)!;
  t.is(last.action, 'delete');
  t.deepEqual(last.thirdParty, {id: gone.id, name: 'Acme Payments'});
  t.is(last.actor, `${userInfo().username}@${hostname()}`);
  await quit(console);
});

test('rotation: the form shows both secrets; the file keeps the previous one for the grace period; 0 hours stops it; the history shows it', async t => {
  const {file, console, database} = await fixture(t, env => [acme(env)]);
  const original = database.thirdParties[0]!.clientSecret;
  console.write(KEYS.enter);
  await console.waitFor('› Third Party Name');
  console.write(KEYS.ctrl('k'));
  await console.waitFor('Rotate client secret');
  console.write(KEYS.backspace, KEYS.backspace);
  await console.type('48', /Grace period 48/);
  const before = Date.now();
  console.write(KEYS.enter);
  await console.waitFor('Client secret rotated; save with Ctrl+S.');
  await console.waitFor(/Previous Secret +•{8} stops \d{4}-\d\d-\d\d \d\d:\d\d/);
  // Revealed with the new one, so the admin can tell the third party which is which.
  console.write(KEYS.ctrl('r'));
  const revealed = await console.waitFor(/Previous Secret +stops[^\n]*\n[^\n]*││ +tpas_/);
  t.is(revealed.match(/││ +tpas_/g)?.length, 2, 'both secrets shown');
  console.write(KEYS.ctrl('r'));
  await console.waitFor(screen => !screen.includes('tpas_'));
  console.write(KEYS.ctrl('s'));
  await console.waitFor(screen => /Saved/.test(screen) && !screen.includes('● modified'));
  const after = Date.now();
  let saved = (await readDatabase(file)).thirdParties[0]!;
  t.not(saved.clientSecret, original);
  t.is(saved.previousClientSecret?.secret, original);
  const validUntil = Date.parse(saved.previousClientSecret!.validUntil);
  t.true(validUntil >= before + 48 * 3_600_000 - 1000 && validUntil <= after + 48 * 3_600_000, 'now + 48 hours');
  const second = saved.clientSecret;

  console.write(KEYS.ctrl('k'));
  await console.waitFor('Rotate client secret');
  console.write(KEYS.backspace, KEYS.backspace);
  await console.type('0', /Grace period 0 /);
  console.write(KEYS.enter);
  await console.waitFor(screen => screen.includes('Client secret rotated') && !screen.includes('Previous Secret'));
  console.write(KEYS.ctrl('s'));
  await console.waitFor(screen => /Saved/.test(screen) && !screen.includes('● modified'));
  saved = (await readDatabase(file)).thirdParties[0]!;
  t.is(saved.previousClientSecret, null);
  const text = await readFile(file, 'utf8');
  t.false(text.includes(original), 'the first secret is gone from the file');
  t.false(text.includes(second), 'the second too');

  console.write(KEYS.ctrl('y'));
  const history = await console.waitFor(screen => screen.includes('History: Acme Payments') && !screen.includes('Reading the audit log'));
  t.regex(history, new RegExp(`\\d\\d:\\d\\d  ${userInfo().username}@${hostname()}  update`));
  t.regex(history, /previous secret: tpas_\w{3}…\w{4} until \d{4}-\d\d-\d\d → —/, 'newest first: the 0-hour rotation');
  t.regex(history, /previous secret: — → tpas_\w{3}…\w{4} until/);
  t.regex(history, /client secret: tpas_\w{3}…\w{4} → tpas_\w{3}…\w{4}/);
  t.false(history.includes(original));
  console.write(KEYS.escape);
  await console.waitFor('› Third Party Name');
  await quit(console);
});

test('send: refused without an active token or unsaved; warns of a loopback address; copies with OSC 52; writes a 0600 file beside the data file and asks before overwriting; records the send', async t => {
  const {folder, cwd, file, console} = await fixture(t, env => {
    const city = addToken(createThirdParty(env, 'City Utilities'), env);
    // Manual authorization: the sheet with the token and its test command (one with a callback URL has the flow too).
    return [{...acme(env), callbackUrl: null}, toggleTokenActive(city, city.tokens[0]!.id)];
  });
  console.write(KEYS.down);
  await console.waitFor('› City Utilities');
  console.write(KEYS.enter);
  await console.waitFor('› Third Party Name');
  console.write(KEYS.ctrl('o'));
  await console.waitFor('No active, unexpired token to send: add one (Ctrl+G).');

  console.write(KEYS.shiftTab);
  await console.waitFor('› City Utilities');
  console.write(KEYS.up);
  await console.waitFor('› Acme Payments');
  console.write(KEYS.enter);
  await console.waitFor('Acme Payments ──');
  console.write(KEYS.ctrl('g'));
  await console.waitFor('● modified');
  console.write(KEYS.ctrl('o'));
  await console.waitFor('Save first (Ctrl+S): only saved information is sent.');
  console.write(KEYS.ctrl('s'));
  await console.waitFor(screen => /Saved/.test(screen) && !screen.includes('● modified'));

  console.write(KEYS.ctrl('o'));
  let screen = await console.waitFor('Send OAuth information');
  const saved = (await readDatabase(file)).thirdParties.find(thirdParty => thirdParty.name === 'Acme Payments')!;
  const newest = saved.tokens[0]!;
  t.false(screen.includes(saved.clientSecret), 'masked on screen');
  t.true(screen.includes(saved.clientId));
  t.regex(screen, /OAuth Token +tpat_\w{3}…\w{4}/);
  const sheet = oauthSheet(saved, newest, 'http://127.0.0.1:8787');
  t.true(
    sheet.includes(
      `curl -s -u "${saved.clientId}:${saved.clientSecret}" -d "token=${newest.token}" http://127.0.0.1:8787/oauth/introspect`,
    ),
  );
  // Before C or W: the address in it is this machine's own, and how to set the public one.
  t.regex(
    rightPaneText(screen),
    /http:\/\/127\.0\.0\.1:8787 is this machine's own \(loopback\) address: a third party on another machine cannot reach it\. No server runs for this data file: this is the default\. Set the public address with F2 or tpa serve --issuer URL\./,
  );

  console.write('c');
  await console.waitFor(/Copied to your terminal's clipboard \(OSC 52\)/);
  screen = await console.waitFor(/Recorded as sent at \d\d:\d\d:\d\d\./);
  const copy = osc52(sheet);
  t.true(copy.ok);
  if (copy.ok) t.true(console.output.includes(copy.sequence), 'the terminal received exactly ESC ] 52 ; c ; base64(sheet) BEL');
  const sequences = console.output.match(/\u001B\]52;c;([A-Za-z0-9+/=]*)\u0007/g) ?? [];
  t.is(sequences.length, 1);
  let recorded = (await readDatabase(file)).thirdParties.find(thirdParty => thirdParty.id === saved.id)!;
  t.truthy(recorded.tokens[0]!.sentAt, 'the token records when it was sent');

  // Beside the data file, in its 0700 folder, shown in full; not in the working folder.
  const target = path.join(folder, 'acme-payments-oauth.txt');
  await writeSheet(console, target);
  t.is(await readFile(target, 'utf8'), sheet);
  t.is((await stat(target)).mode & 0o777, 0o600);
  t.deepEqual(await readdir(cwd), [], 'nothing in the working folder');

  await writeFile(target, 'kept\n');
  const asked = await writeSheet(console, target, 'exists. Overwrite it?');
  t.is(asked.split('Y overwrite').length - 1, 1, `one key line, the footer's: ${asked}`);
  console.write('n');
  await console.waitFor(screen => !screen.includes('exists. Overwrite it?'));
  t.is(await readFile(target, 'utf8'), 'kept\n', 'N leaves the file as it was');
  console.write(KEYS.enter);
  await console.waitFor('exists. Overwrite it?');
  console.write('y');
  await console.waitFor('(mode 0600: only you can read it)');
  t.is(await readFile(target, 'utf8'), sheet);
  t.is((await stat(target)).mode & 0o777, 0o600);

  const sends = (await readAudit(file)).filter(entry => entry.action === 'send');
  t.deepEqual(
    sends.map(entry => entry.changes.find(change => change.field === 'sentTo')?.new),
    ['clipboard (OSC 52)', `file ${target}`, `file ${target}`],
  );
  const log = await readFile(auditLogPath(file), 'utf8');
  t.false(log.includes(saved.clientSecret));
  t.false(log.includes(newest.token));
  recorded = (await readDatabase(file)).thirdParties.find(thirdParty => thirdParty.id === saved.id)!;
  t.is(recorded.tokens[0]!.sentAt, sends.at(-1)!.time);
  console.write(KEYS.escape);
  await console.waitFor('Acme Payments ──');
  await quit(console);
});

test('send for a third party with a callback URL: the token it has and its test command with the flow; C and W are both in the history and the audit log', async t => {
  const {folder, file, console} = await fixture(t, env => [
    acme(env),
    {...createThirdParty(env, 'Zeta Works'), enabled: true, callbackUrl: 'https://zeta.example/cb'},
  ]);
  await console.waitFor('› Acme Payments');
  console.write(KEYS.ctrl('o'));
  let screen = await console.waitFor('Send OAuth information');
  const saved = (await readDatabase(file)).thirdParties.find(thirdParty => thirdParty.name === 'Acme Payments')!;
  const token = saved.tokens[0]!;
  const sheet = oauthSheet(saved, token, 'http://127.0.0.1:8787');
  t.regex(rightPaneText(screen), /OAuth Token +tpat_\w{3}…\w{4}/, 'the token an admin added is in it');
  t.regex(rightPaneText(screen), /Test your access/);
  console.write(KEYS.end);
  screen = await console.waitFor(screen => rightPaneText(screen).includes('POST http://127.0.0.1:8787/oauth/token'));
  console.write('c');
  await console.waitFor(/Recorded as sent at/);
  const copy = osc52(sheet);
  if (copy.ok) t.true(console.output.includes(copy.sequence), 'the sheet with the token and the flow was copied');
  const target = path.join(folder, 'acme-payments-oauth.txt');
  await writeSheet(console, target);
  t.is(await readFile(target, 'utf8'), sheet);
  console.write(KEYS.escape);
  await console.waitFor('Acme Payments ──');
  // A third party with a callback URL and no token: the flow alone, and its sends recorded all the same.
  console.write(KEYS.down);
  await console.waitFor('› Zeta Works');
  console.write(KEYS.ctrl('o'));
  await console.waitFor('Send OAuth information');
  const zeta = path.join(folder, 'zeta-works-oauth.txt');
  await writeSheet(console, zeta);
  await console.waitFor(/Recorded as sent at/);
  console.write(KEYS.escape);
  await console.waitFor('Zeta Works ──');
  console.write(KEYS.ctrl('y'));
  const history = await console.waitFor(screen => screen.includes('History: Zeta Works') && !screen.includes('Reading the audit log'));
  t.regex(history, /\d\d:\d\d {2}\S+ {2}send/);
  t.regex(history, /sent to file \//);
  const sends = (await readAudit(file)).filter(entry => entry.action === 'send');
  t.deepEqual(
    sends.map(entry => [entry.thirdParty.name, entry.changes.find(change => change.field === 'sentTo')?.new]),
    [
      ['Acme Payments', 'clipboard (OSC 52)'],
      ['Acme Payments', `file ${target}`],
      ['Zeta Works', `file ${zeta}`],
    ],
  );
  console.write(KEYS.escape);
  await quit(console);
});

test("the help opens on the procedure, lists every context's keys and the marks, scrolls to its last line and finds with /", async t => {
  const {console} = await fixture(t, env => [acme(env)]);
  console.write(KEYS.f1);
  // More lines than rows at 80×24: the help says where it is (waiting for that line: the frame is then complete).
  let screen = await console.waitFor(/lines 1–\d+ of \d+ \(\d+%\)/);
  t.regex(screen, /The Connect procedure/);
  t.regex(screen, /8\. The third party runs a quick test/);
  t.regex(screen, /Ctrl\+S +save/);
  console.write(KEYS.pageDown);
  screen = await console.waitFor(/lines (?!1–)\d+–\d+ of/);
  console.write(KEYS.end);
  // The last line of the help is reachable, and the help says it is the end.
  screen = await console.waitFor(/\(the end\)/);
  t.regex(screen, /N waiting +in the header/);
  console.write(KEYS.home, '/', 'history');
  screen = await console.waitFor('/history');
  t.regex(screen, /Ctrl\+Y +history: who changed it, and when/);
  console.write(KEYS.enter, 'n');
  await console.waitFor(/\/history \(n next\)/);
  console.write(KEYS.escape);
  await console.waitFor(screen => !screen.includes('/history'));
  console.write(KEYS.home);
  await console.waitFor(/lines 1–/);
  console.write(KEYS.escape);
  await console.waitFor('Acme Payments ──');
  await quit(console);
});
