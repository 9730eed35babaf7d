/** Ctrl+T in the real program, in a pseudo-terminal at 80×24: the verdict and the failed check a user sees. Serial: seven consoles at once would load a 2-core machine for the other files. */
import {readFileSync} from 'node:fs';
import {randomBytes} from 'node:crypto';
import test, {type ExecutionContext} from 'ava';
import type {Database, Environment} from '../source/domain/index.js';
import {startServer} from '../source/server/start-server.js';
import {KEYS, PtyConsole} from './helpers/pty-console.js';
import {writeSampleData} from './helpers/sample-data.js';

// The console runs on the real clock: the sample tokens are made now (and one two years ago).
const realEnvironment: Environment = {now: () => new Date(), randomBytes: size => randomBytes(size)};

/** Started for one test; killed when the test ends, so that a failed one leaves nothing running. */
const startConsole = (t: ExecutionContext, args: string[]): PtyConsole => {
  const terminal = PtyConsole.start({args});
  t.teardown(() => {
    if (terminal.exitCode === undefined) terminal.kill();
  });
  return terminal;
};

const open = async (t: ExecutionContext) => {
  const data = await writeSampleData(realEnvironment);
  const terminal = startConsole(t, ['--data', data.file]);
  await terminal.waitFor('Old Corp');
  return {data, terminal};
};

const onDisk = (file: string): Database => JSON.parse(readFileSync(file, 'utf8')) as Database;

const quit = async (terminal: PtyConsole) => {
  terminal.write(KEYS.escape, KEYS.ctrl('q'));
  await terminal.waitForExit();
};

test.serial('Ctrl+T grants the saved credentials of a third party, secrets masked', async t => {
  const {data, terminal} = await open(t);
  terminal.write(KEYS.ctrl('t'));
  const screen = await terminal.waitFor('Access granted');
  t.regex(screen, /Test access: Acme Payments/);
  for (const label of [
    'Client ID known',
    'Client secret matches',
    'Third party Enabled',
    'Token issued to this client',
    'Token Active',
    'Token not expired',
    'Callback URL matches',
  ]) {
    t.regex(screen, new RegExp(`✔ ${label}`));
  }
  t.false(screen.includes('✘'));
  t.true(screen.includes(data.acme.clientId));
  t.false(screen.includes(data.acme.clientSecret.slice(0, 12)), 'the secret is masked');
  t.false(screen.includes(data.acme.tokens[0]!.token.slice(0, 12)), 'the token is masked');
  terminal.write(KEYS.ctrl('r'));
  t.regex(await terminal.waitFor(data.acme.clientSecret.slice(0, 20)), /Client Secret\s+tpas_/);
  await quit(terminal);
});

test.serial('a wrong secret, pasted with spaces and a line break, is denied at the secret check', async t => {
  const {terminal} = await open(t);
  terminal.write(KEYS.ctrl('t'));
  await terminal.waitFor('Access granted');
  terminal.write(KEYS.tab, KEYS.ctrl('u'));
  await terminal.waitFor('No client secret was given.');
  terminal.write(KEYS.paste('  tpas_wrong\r\n'));
  const screen = await terminal.waitFor('Does not match the saved one.');
  t.regex(screen, /✘ Access denied/);
  t.regex(screen, /✘ Client secret matches\s*│[\s\S]*Does not match the saved one\./);
  t.regex(screen, /→ Right OAuth information\?/);
  t.regex(screen, /✔ Client ID known/);
  terminal.write(KEYS.ctrl('r'));
  // Trimmed: exactly what was meant, nothing around it.
  t.regex(await terminal.waitFor(/Client Secret\s+tpas_wrong\s+│/), /Client Secret {2}tpas_wrong {2,}│/);
  // Ctrl+T fills the saved credentials in again.
  terminal.write(KEYS.ctrl('t'));
  await terminal.waitFor('Access granted');
  await quit(terminal);
});

test.serial('a cleared Active: untested while unsaved, denied at the Active check once saved', async t => {
  const {data, terminal} = await open(t);
  terminal.write(KEYS.tab, KEYS.tab, KEYS.tab); // name, Add OAuth Token, the grid
  await terminal.waitFor('Space active');
  terminal.write(KEYS.space);
  await terminal.waitFor('● modified');
  terminal.write(KEYS.ctrl('t'));
  const unsaved = await terminal.waitFor('Access granted');
  t.regex(unsaved, /Unsaved changes in the form are not tested/);
  terminal.write(KEYS.escape, KEYS.ctrl('s'));
  await terminal.waitFor(/Saved \d\d:\d\d:\d\d/);
  t.false(onDisk(data.file).thirdParties.find(thirdParty => thirdParty.id === data.acme.id)!.tokens[0]!.active);
  terminal.write(KEYS.ctrl('t'));
  const screen = await terminal.waitFor('Access denied');
  t.regex(screen, /✘ Token Active[\s\S]*Active is cleared for this token\./);
  t.regex(screen, /→ Active selected\?/);
  t.notRegex(screen, /Unsaved changes/);
  await quit(terminal);
});

test.serial('a cleared Enabled is denied at the Enabled check', async t => {
  const {data, terminal} = await open(t);
  terminal.write(KEYS.tab, KEYS.tab, KEYS.tab, KEYS.tab); // name, button, grid, Enabled
  await terminal.waitFor('Space toggle');
  terminal.write(KEYS.space);
  await terminal.waitFor('[ ] Enabled');
  terminal.write(KEYS.ctrl('s'));
  await terminal.waitFor(/Saved \d\d:\d\d:\d\d/);
  t.false(onDisk(data.file).thirdParties.find(thirdParty => thirdParty.id === data.acme.id)!.enabled);
  terminal.write(KEYS.ctrl('t'));
  const screen = await terminal.waitFor('Access denied');
  t.regex(screen, /✘ Third party Enabled[\s\S]*Enabled is not selected\./);
  t.regex(screen, /→ Enabled selected\?/);
  await quit(terminal);
});

test.serial('an expired token is denied at the expiry check', async t => {
  const {data, terminal} = await open(t);
  terminal.write(KEYS.down, KEYS.down); // Old Corp, highlighted in the list
  await terminal.waitFor(/› Old Corp/);
  terminal.write(KEYS.ctrl('t'));
  const screen = await terminal.waitFor('Access denied');
  t.regex(screen, /Test access: Old Corp/);
  const expired = new Date(data.old.tokens[0]!.expiresAt!).toLocaleDateString('en-CA');
  t.regex(screen, new RegExp(`✘ Token not expired[\\s\\S]*It expired ${expired}\\.`));
  t.regex(screen, /✔ Token Active/);
  t.regex(screen, /→ The OAuth token has expired/);
  await quit(terminal);
});

test.serial('with the server running for the data file, Enter tests through it; the grid then shows Last used', async t => {
  const data = await writeSampleData(realEnvironment);
  const server = await startServer({dataFile: data.file, port: 0});
  t.teardown(server.close);
  const terminal = startConsole(t, ['--data', data.file]);
  await terminal.waitFor(/tpat_\S+\s+\[x\]\s+never/);
  terminal.write(KEYS.ctrl('t'));
  await terminal.waitFor(`Server ${server.url} running`);
  terminal.write(KEYS.enter);
  const screen = await terminal.waitFor(/GET \/v1\/ping +200 granted +[\d.]+ ms/);
  t.regex(screen, /POST \/oauth\/introspect +200 active +[\d.]+ ms/);
  t.true(screen.includes(`Server ${server.url}: ✔ Access granted`));
  // At once, with nothing else read after the answer: the server writes its access log up to
  // a moment after it answered (lines are gathered), and the grid still catches up.
  terminal.write(KEYS.escape);
  await terminal.waitFor(/tpat_\S+\s+\[x\]\s+just now/);
  // A wrong secret through the server: 401 invalid_client.
  terminal.write(KEYS.ctrl('t'));
  await terminal.waitFor(`Server ${server.url} running`);
  terminal.write(KEYS.tab, KEYS.ctrl('u'), KEYS.paste('tpas_wrong'));
  await terminal.waitFor(`Server ${server.url} running`);
  terminal.write(KEYS.enter);
  const denied = await terminal.waitFor(/POST \/oauth\/introspect +401 invalid_client +[\d.]+ ms/);
  t.true(denied.includes(`Server ${server.url}: ✘ Access denied`));
  await quit(terminal);
});

test.serial('without a server, Enter says none is running and nothing breaks', async t => {
  const {terminal} = await open(t);
  terminal.write(KEYS.ctrl('t'));
  await terminal.waitFor('none running for this data file (tpa serve)');
  terminal.write(KEYS.enter);
  const screen = await terminal.waitFor('Looked again: still no server running.');
  t.regex(screen, /Access granted/, 'the check without the server still stands');
  t.true(screen.includes('none running for this data file (tpa serve)'));
  await quit(terminal);
});
