/**
 * One public address everywhere (domain/public-address.ts): a console beside a real `tpa serve` on
 * a port of its own shows that server's address in the sheet (Ctrl+O), the form and Ctrl+T, as
 * `tpa send` does; with an issuer, the issuer.
 */
import test from 'ava';
import {testEnvironment} from './helpers/environment.js';
import {spawnServe, writeOAuthData} from './helpers/oauth-server.js';
import {installed} from './helpers/multiplexer.js';
import {KEYS, LIST_FOOTER, PtyConsole, type StartOptions} from './helpers/pty-console.js';
import {rightPaneText, WAIT} from './helpers/screen-text.js';

test.afterEach.always(() => PtyConsole.killAll());

const setUp = async (serveArgs: string[] = [], terminal: Pick<StartOptions, 'inside' | 'columns' | 'rows'> = {}) => {
  const data = writeOAuthData(testEnvironment(new Date().toISOString()));
  const server = await spawnServe(data.file, serveArgs);
  const console = PtyConsole.start({args: ['--data', data.file], ...terminal});
  await console.waitFor('Third parties', WAIT);
  return {...data, server, console};
};

/** The right pane's text once it shows `expected`. */
const paneWith = async (console: PtyConsole, expected: string): Promise<string> =>
  rightPaneText(await console.waitFor(screen => rightPaneText(screen).includes(expected), WAIT));

for (const terminal of [{}, {inside: 'screen', columns: 120, rows: 40}] as const) {
  const where = terminal.inside ? ` (inside ${terminal.inside} at ${terminal.columns}×${terminal.rows})` : '';
  test.serial(
    `the running server: the sheet of a manual third party, the form and Ctrl+T name its real address, never 8787${where}`,
    async t => {
      if (terminal.inside && !installed(terminal.inside)) return t.fail(`${terminal.inside} is not installed (.ci/run installs it)`);
      const {server, console} = await setUp([], terminal);
      t.teardown(server.stop);
      // Acme Payments (callback URL) is open in the form: where its application starts.
      await paneWith(console, `starts at ${server.url}/oauth/authorize`);
      console.write(KEYS.ctrl('o'));
      await console.waitFor('Send OAuth information', WAIT);
      // Said first, before C or W: a third party on another machine cannot use this address.
      let pane = await paneWith(console, `${server.url} is this machine's own (loopback) address`);
      t.false(pane.includes('No server runs'));
      console.write(KEYS.end);
      pane = await paneWith(console, `POST ${server.url}/oauth/token`);
      t.false(pane.includes('8787'));
      console.write(KEYS.escape);
      // Back in the list, where Ctrl+O was pressed.
      await console.waitFor(LIST_FOOTER, WAIT);
      // Delta Mail: manual authorization, its token and the test command.
      for (let step = 0; step < 3; step++) console.write(KEYS.down);
      await console.waitFor('› Delta Mail', WAIT);
      console.write(KEYS.ctrl('o'));
      pane = await paneWith(console, `${server.url}/oauth/introspect`);
      t.false(pane.includes('8787'));
      console.write(KEYS.escape);
      await console.waitFor(screen => !screen.includes('Send OAuth information'), WAIT);
      console.write(KEYS.ctrl('t'));
      pane = await paneWith(console, `Server ${server.url} running`);
      t.false(pane.includes('8787'));
    },
  );
}

test.serial('an issuer (tpa serve --issuer): the sheet, the form and Ctrl+T give it, and no loopback warning', async t => {
  const {server, console} = await setUp(['--issuer', 'https://tpa.example.com']);
  t.teardown(server.stop);
  await paneWith(console, 'starts at https://tpa.example.com/oauth/authorize');
  console.write(KEYS.ctrl('o'));
  await console.waitFor('Send OAuth information', WAIT);
  await paneWith(console, 'Discovery https://tpa.example.com/.well-known/');
  console.write(KEYS.end);
  const pane = await paneWith(console, 'POST https://tpa.example.com/oauth/token');
  t.false(pane.includes('loopback'));
  console.write(KEYS.escape);
  await console.waitFor(screen => !screen.includes('Send OAuth information'), WAIT);
  console.write(KEYS.ctrl('t'));
  await paneWith(console, 'Third parties reach it at https://tpa.example.com');
});
