/**
 * One public address everywhere (domain/public-address.ts): a console beside a real `tpa serve` on
 * a port of its own shows that server's address in the sheet (Ctrl+O), the form and Ctrl+T, as
 * `tpa send` does; with an issuer, the issuer. Beside the server, issue 18's walk of the sheet, the
 * test panel and Ctrl+W, in xterm and inside GNU screen and tmux at 80×24 and 120×40.
 */
import path from 'node:path';
import test from 'ava';
import {testEnvironment} from './helpers/environment.js';
import {codeRequestUrl, get, spawnServe, writeOAuthData} from './helpers/oauth-server.js';
import {installed} from './helpers/multiplexer.js';
import {KEYS, LIST_FOOTER, PtyConsole, type StartOptions} from './helpers/pty-console.js';
import {rightPaneText, settledLayoutProblem, WAIT} from './helpers/screen-text.js';

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

const footer = (screen: string) => screen.trimEnd().split('\n').at(-1) ?? '';

const TERMINALS: readonly Pick<StartOptions, 'inside' | 'columns' | 'rows'>[] = [
  {},
  ...(['screen', 'tmux'] as const).flatMap(inside => [
    {inside, columns: 80, rows: 24},
    {inside, columns: 120, rows: 40},
  ]),
];

for (const terminal of TERMINALS) {
  const where = terminal.inside ? ` (inside ${terminal.inside} at ${terminal.columns}×${terminal.rows})` : '';
  test.serial(
    `the running server: its address in the sheet, the form and Ctrl+T, never 8787; the sheet's token and W's path; Ctrl+L; the test panel's and Ctrl+W's footers${where}`,
    async t => {
      if (terminal.inside && !installed(terminal.inside)) return t.fail(`${terminal.inside} is not installed (.ci/run installs it)`);
      const {server, console, file, thirdParties} = await setUp([], terminal);
      t.teardown(server.stop);
      // Acme Payments (callback URL) is open in the form: where its application starts.
      await paneWith(console, `starts at ${server.url}/oauth/authorize`);
      console.write(KEYS.ctrl('o'));
      await console.waitFor('Send OAuth information', WAIT);
      // Said first, before C or W: a third party on another machine cannot use this address.
      let pane = await paneWith(console, `${server.url} is this machine's own (loopback) address`);
      t.false(pane.includes('No server runs'));
      // The token the admin added is in the sheet of a third party with a callback URL, with its test command.
      t.regex(pane, /OAuth Token +tpat_\w{3}…\w{4}/);
      t.regex(pane, /Test your access/);
      console.write(KEYS.end);
      pane = await paneWith(console, `POST ${server.url}/oauth/token`);
      t.false(pane.includes('8787'));
      // W offers the file beside the data file, its full path shown; Enter writes it and says so.
      const target = path.join(path.dirname(file), 'acme-payments-oauth.txt');
      console.write('w');
      await console.waitFor(screen => rightPaneText(screen).replaceAll(' ', '').includes(target), WAIT);
      console.write(KEYS.enter);
      await console.waitFor(screen => rightPaneText(screen).includes('Recorded as sent at'), WAIT);
      console.write(KEYS.escape);
      // Back in the list, where Ctrl+O was pressed; Ctrl+L draws the whole frame again.
      await console.waitFor(LIST_FOOTER, WAIT);
      console.write(KEYS.ctrl('l'));
      t.is(await settledLayoutProblem(console), undefined, 'after Esc from the sheet and Ctrl+L');
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
      // Manual authorization: the footer names Enter (through the server) and offers no automatic flow.
      const panel = await console.waitFor(screen => footer(screen).includes('Enter test via server'), WAIT);
      t.false(footer(panel).includes('^P'), footer(panel));
      console.write(KEYS.escape);
      await console.waitFor(screen => !screen.includes('Test access'), WAIT);
      // A request of Beta Bank (approval: ask) waits; once it is approved the footer offers no approve or deny.
      const waiting = get(codeRequestUrl(server.url, thirdParties.ask));
      await console.waitFor(screen => /1 waiting/.test(screen.split('\n')[0] ?? ''), WAIT);
      console.write(KEYS.ctrl('w'));
      await console.waitFor(screen => footer(screen).includes('Enter approve'), WAIT);
      console.write(KEYS.enter);
      // The notice and the list's update are two events: a frame may show the first before the second.
      // Once approved, the footer offers no approve or deny (waitFor fails if it never drops them).
      await console.waitFor(screen => screen.includes('Beta Bank: request approved.') && !/approve|deny/.test(footer(screen)), WAIT);
      t.is((await waiting).status, 200);
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
