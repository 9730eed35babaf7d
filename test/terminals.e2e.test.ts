/** The terminals admins use: xterm, screen, tmux, NO_COLOR; TERM=dumb refused. And what tpa says before the console opens. */
// Serial: pseudo-terminal tests compete for two cores with the rest of the suite.
import {execFile} from 'node:child_process';
import {chmodSync, readFileSync, writeFileSync} from 'node:fs';
import {promisify} from 'node:util';
import test from 'ava';
import {DEFAULT_SERVER_URL, oauthSheet} from '../source/domain/index.js';
import {databaseOf, freshFolder, sampleThirdParties, writeDataFile} from './helpers/data-files.js';
import {testEnvironment} from './helpers/environment.js';
import {installed, type Multiplexer} from './helpers/multiplexer.js';
import {CLI, KEYS, PtyConsole} from './helpers/pty-console.js';
import {WAIT} from './helpers/screen-text.js';
import {rightPaneText, settledLayoutProblem} from './helpers/screen-text.js';

const run = promisify(execFile);

const dataFile = () => writeDataFile(freshFolder(), databaseOf(sampleThirdParties(testEnvironment(), ['Acme Payments', 'City Utilities'])));

const started = (t: import('ava').ExecutionContext, console: PtyConsole) => {
  t.teardown(() => {
    if (console.exitCode === undefined) console.kill('SIGKILL');
  });
  return console;
};

/** A colour set by SGR: 30–37, 90–97 (Ink's named colours). */
const COLOUR = /\u001B\[(3[0-7]|9[0-7])m/;

test.serial('xterm, screen and tmux: the console draws its whole layout', async t => {
  for (const term of ['xterm', 'xterm-256color', 'screen', 'screen-256color', 'tmux-256color']) {
    const console = started(t, PtyConsole.start({args: ['--data', dataFile()], env: {TERM: term}}));
    await console.waitFor('Acme Payments', WAIT);
    t.is(await settledLayoutProblem(console), undefined, term);
    console.write('\u0011'); // Ctrl+Q
    t.is(await console.exited, 0, term);
  }
});

// GNU screen erases from the cursor to the end of the line, the cursor's cell included, when the
// cursor waits on the last column after a line that filled the width (as a VT100 does; xterm.js
// and tmux leave it): the first key wiped the rightmost column of every line it redrew.
for (const multiplexer of ['screen', 'tmux'] as const satisfies Multiplexer[]) {
  test.serial(`inside ${multiplexer} at 80×24: keys leave the rightmost column whole`, async t => {
    if (!installed(multiplexer)) return t.fail(`${multiplexer} is not installed (.ci/run installs it)`);
    const console = started(t, PtyConsole.start({args: ['--data', dataFile()], inside: multiplexer}));
    await console.waitFor('Acme Payments', WAIT);
    t.is(await settledLayoutProblem(console), undefined, 'the first frame');
    console.write(KEYS.down);
    await console.waitFor(/│› City Utilities/, WAIT);
    t.is(await settledLayoutProblem(console), undefined, 'after the first key');
    console.write(KEYS.tab);
    await console.waitFor(/› Third Party Name/, WAIT);
    t.is(await settledLayoutProblem(console), undefined, 'after the second key');
    console.write(KEYS.ctrl('q'));
    await console.waitForExit(WAIT);
  });
}

// The pty helper has to set CI=false (ARCHITECTURE.md, Pitfalls), and any CI variable turns chalk's colour off:
// FORCE_COLOR turns it back on, so that leaving colour out is the theme's doing.
test.serial('colour by default; with NO_COLOR none at all, and the focus still shows by its marker', async t => {
  const coloured = started(t, PtyConsole.start({args: ['--data', dataFile()], env: {FORCE_COLOR: '1'}}));
  await coloured.waitFor('Acme Payments', WAIT);
  t.regex(coloured.output, COLOUR);
  const console = started(t, PtyConsole.start({args: ['--data', dataFile()], env: {NO_COLOR: '1', FORCE_COLOR: '1'}}));
  const screen = await console.waitFor('Acme Payments', WAIT);
  t.regex(screen, /│› Acme Payments/);
  t.is(await settledLayoutProblem(console), undefined);
  t.notRegex(console.output, COLOUR);
});

test.serial('TERM=dumb is refused with a message, before anything is drawn', async t => {
  const file = dataFile();
  const console = started(t, PtyConsole.start({args: ['--data', file], env: {TERM: 'dumb'}}));
  t.is(await console.exited, 1);
  t.regex(console.output, /TERM=dumb cannot draw the console; use a terminal such as xterm, screen or tmux\./);
  t.false(console.output.includes('\u001B[?1049h'), 'the alternate screen was never entered');
});

test.serial('a data file others can read: the console warns, with the fix', async t => {
  const file = dataFile();
  chmodSync(file, 0o644);
  const console = started(t, PtyConsole.start({args: ['--data', file]}));
  const screen = await console.waitFor('Warning:', WAIT);
  t.regex(
    rightPaneText(screen),
    /Warning: .*db\.json is open to group or others \(mode 0644\) and holds secrets\. Fix: chmod 600 .*db\.json/,
  );
});

test.serial(
  'a hand-edited file with a duplicate name: the console does not open, the message names record and field, the file is untouched',
  async t => {
    const file = dataFile();
    const text = readFileSync(file, 'utf8').replace('City Utilities', 'ACME PAYMENTS');
    writeFileSync(file, text);
    const console = started(t, PtyConsole.start({args: ['--data', file]}));
    t.is(await console.exited, 1);
    t.regex(
      console.output.replace(/\r?\n/g, ' '),
      /thirdParties\[1\] \("ACME PAYMENTS"\)\.name is the same as thirdParties\[0\] \("Acme Payments"\)\.name .*The file was not changed\./,
    );
    t.is(readFileSync(file, 'utf8'), text);
  },
);

test.serial('tpa doctor reports a readable data file with the fix and exits 1; once fixed, 0', async t => {
  const file = dataFile();
  chmodSync(file, 0o644);
  const failed = await run(process.execPath, [CLI, 'doctor', '--data', file]).catch((error: {code: number; stdout: string}) => error);
  t.is((failed as {code?: number}).code, 1);
  t.regex(failed.stdout, /PROBLEM group or others can read .*db\.json \(mode 0644\)/);
  t.regex(failed.stdout, /fix: chmod 600 .*db\.json/);
  chmodSync(file, 0o600);
  const fine = await run(process.execPath, [CLI, 'doctor', '--data', file]);
  t.regex(fine.stdout, /No problems found\./);
});

/** Every line the terminal holds, scrolled off ones included, joined: a wrapped line is one text again. */
const everythingShown = async (console: PtyConsole): Promise<string> => {
  await console.screen();
  const buffers = [console.terminal.buffer.normal, console.terminal.buffer.alternate];
  return buffers
    .map(buffer => Array.from({length: buffer.length}, (_, row) => buffer.getLine(row)?.translateToString(true) ?? '').join(''))
    .join('\n');
};

/** A manual third party with a token: its sheet has the secret and the token in full. */
const sheetData = () => {
  const env = testEnvironment(new Date());
  const [acme, city] = sampleThirdParties(env, ['Acme Payments', 'City Utilities']).map(thirdParty => ({...thirdParty, callbackUrl: null}));
  const file = writeDataFile(freshFolder(), databaseOf([acme!, city!]));
  return {file, sheet: oauthSheet(acme!, acme!.tokens[0]!, DEFAULT_SERVER_URL)};
};

// What a shell leaves on the terminal before tpa starts: the multiplexer's window is not cleared by
// the alternate screen (GNU screen ignores it unless `altscreen on`).
const LEFTOVER = `${'$ npm start --silent -- --data ./data/db.json # leftover shell text '.repeat(3)}\r\n`;

const COPIED: Record<Multiplexer, RegExp> = {
  screen: /Copied through GNU screen to your terminal's clipboard \(OSC 52\); paste it to check/,
  tmux: /Sent to tmux as OSC 52: it reaches your terminal's clipboard only with set -g set-clipboard on/,
};

for (const multiplexer of ['screen', 'tmux'] as const satisfies Multiplexer[]) {
  for (const [columns, rows] of [
    [80, 24],
    [120, 40],
  ] as const) {
    test.serial(
      `inside ${multiplexer} at ${columns}×${rows}: a clean start, Ctrl+O C puts no base64 of the sheet on the terminal and says what it did, Esc leaves the frame whole`,
      async t => {
        if (!installed(multiplexer)) return t.fail(`${multiplexer} is not installed (.ci/run installs it)`);
        const {file, sheet} = sheetData();
        const console = started(
          t,
          PtyConsole.start({args: ['--data', file], inside: multiplexer, columns, rows, printedBefore: LEFTOVER.repeat(rows)}),
        );
        await console.waitFor('Acme Payments', WAIT);
        t.is(await settledLayoutProblem(console), undefined, 'the first frame');
        t.false((await console.screen()).includes('leftover'), 'the screen was cleared at start');
        console.write(KEYS.ctrl('o'));
        await console.waitFor('Send OAuth information', WAIT);
        console.write('c');
        const screen = await console.waitFor(/Recorded as sent at/, WAIT);
        t.regex(rightPaneText(screen), COPIED[multiplexer]);
        const base64 = Buffer.from(sheet).toString('base64');
        const shown = (await everythingShown(console)).replace(/\n/g, '');
        for (let at = 0; at + 16 <= base64.length; at += 16)
          t.false(shown.includes(base64.slice(at, at + 16)), `base64 from ${at} is on the terminal`);
        t.notRegex(shown, /[A-Za-z0-9+/=]{40,}/);
        const osc = `\u001B]52;c;${base64}\u0007`;
        // GNU screen passes it on in its DCS passthrough; tmux (set-clipboard external by default) keeps it.
        if (multiplexer === 'screen') t.true(console.output.includes(osc), 'the terminal outside screen got the OSC 52 whole');
        else t.false(console.output.includes(osc));
        console.write(KEYS.escape);
        await console.waitFor(screen => !screen.includes('Send OAuth information'), WAIT);
        t.is(await settledLayoutProblem(console), undefined, 'after Esc');
        console.write(KEYS.ctrl('q'));
        await console.waitForExit(WAIT);
      },
    );
  }
}

test.serial('Ctrl+L redraws the whole screen (after another program wrote over it)', async t => {
  const console = started(t, PtyConsole.start({args: ['--data', dataFile()]}));
  await console.waitFor('Acme Payments', WAIT);
  // A write tpa did not make: `wall`, a background job.
  console.terminal.write('\u001B[5;10HBROADCAST MESSAGE FROM ROOT\u001B[12;3H#####');
  await console.waitFor('BROADCAST', WAIT);
  console.write(KEYS.ctrl('l'));
  await console.waitFor(screen => !screen.includes('BROADCAST') && !screen.includes('#####'), WAIT);
  t.is(await settledLayoutProblem(console), undefined);
  t.false((await console.screen()).includes('Settings'), 'Ctrl+L no longer opens the settings');
});
