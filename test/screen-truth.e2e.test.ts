/**
 * Issue 18 as an admin sees it, inside GNU screen and tmux at 80×24 and 120×40: the grid keeps a
 * column between its columns, the list grows on a wide terminal, / is a filter that stays until
 * Esc, the form says when it keeps unsaved edits, footers keep Tab and ^S, Esc leaves the grid,
 * unbound keys say so, a refused save's message goes once fixed, Ctrl+S saves from F1, F1 opens on
 * the procedure and searches, and a conflict names who saved first.
 */
import {mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import anyTest, {type ExecutionContext, type TestFn} from 'ava';
import {addToken, createThirdParty, SCHEMA_VERSION, type ThirdParty} from '../source/domain/index.js';
import {JsonFileAdapter} from '../source/store/index.js';
import {tpa} from './helpers/cli.js';
import {testEnvironment} from './helpers/environment.js';
import {installed, type Multiplexer} from './helpers/multiplexer.js';
import {KEYS, PtyConsole} from './helpers/pty-console.js';
import {WAIT} from './helpers/screen-text.js';

// Serial: pseudo-terminal tests compete for two cores with the rest of the suite.
const test = anyTest.serial as TestFn;
test.afterEach.always(() => PtyConsole.killAll());

const LONG_NAME = 'Northwind Traders International';

const thirdParties = (env: ReturnType<typeof testEnvironment>): ThirdParty[] => {
  const manual = addToken({...createThirdParty(env, 'Acme Payments'), enabled: true, callbackUrl: 'https://acme.example/cb'}, env);
  const automatic = {...addToken(manual, env).tokens[0]!, expiresAt: null, origin: 'automatic' as const};
  return [
    {...manual, tokens: [automatic, ...manual.tokens]},
    createThirdParty(env, 'City Utilities'),
    createThirdParty(env, 'City Water'),
    createThirdParty(env, LONG_NAME),
  ];
};

const start = async (t: ExecutionContext, inside: Multiplexer, columns: number, rows: number) => {
  if (!installed(inside)) {
    t.fail(`${inside} is not installed (.ci/run installs it)`);
    return undefined;
  }
  const folder = await mkdtemp(path.join(tmpdir(), 'tpa-truth-'));
  const file = path.join(folder, 'db.json');
  await new JsonFileAdapter(file).write({schema: SCHEMA_VERSION, revision: 1, thirdParties: thirdParties(testEnvironment(new Date()))});
  const console = PtyConsole.start({args: ['--data', file], cwd: folder, columns, rows, inside});
  await console.waitFor('F1 more', WAIT);
  return {console, file};
};

const lines = (screen: string) => screen.split('\n');
const footer = (screen: string) => screen.trimEnd().split('\n').at(-1) ?? '';
/** The list pane's rows: up to where the right pane's border begins. */
const listPane = (screen: string) => lines(screen).map(line => line.slice(0, Math.max(0, line.indexOf('│', 1) + 1)));

for (const inside of ['screen', 'tmux'] as const) {
  for (const [columns, rows] of [
    [80, 24],
    [120, 40],
  ] as const) {
    test(`inside ${inside} at ${columns}×${rows}: the grid, the list, / as a filter, the form's title, the footers, unbound keys, Ctrl+S from F1`, async t => {
      const started = await start(t, inside, columns, rows);
      if (!started) return;
      const {console} = started;
      let screen = await console.waitFor('never (auto)', WAIT);
      t.regex(screen, /\d{4}-\d\d-\d\d never \(auto\) tpat_\S+ \[x\]/, 'one column between Created and Expires');
      if (columns === 120) {
        t.true(
          listPane(screen).some(row => row.includes(`${LONG_NAME} `)),
          'the list grows to the longest name',
        );
        t.regex(screen, /tpat_\S{12,}…\S{6,} \[x\]/, 'more of the token shows');
      } else t.true(listPane(screen).some(row => row.includes('Northwind Tra…')));

      console.write('/');
      await console.waitFor('┌ Filter', WAIT);
      console.write('city');
      await console.waitFor('/city', WAIT);
      console.write(KEYS.enter);
      screen = await console.waitFor(/┌ Filter: 2 of 4 ─+┐┌ City Utilities/, WAIT);
      t.false(listPane(screen).join('\n').includes('Acme'), 'the filter stays after Enter');
      t.is(listPane(screen).join('\n').split('›').length - 1, 1, 'one › in the list');
      t.regex(footer(screen), /Esc clear filter/);
      console.write(KEYS.escape);
      await console.waitFor('┌ Third parties', WAIT);

      console.write('x');
      await console.waitFor('x does nothing here; F1 lists the keys.', WAIT);

      console.write(KEYS.enter, 'Z');
      await console.waitFor('City UtilitiesZ', WAIT);
      console.write(KEYS.shiftTab);
      await console.waitFor(screen => footer(screen).includes('Enter open'), WAIT);
      console.write(KEYS.down);
      await console.waitFor('City UtilitiesZ · unsaved edits stay here', WAIT);
      console.write(KEYS.up, KEYS.enter);
      await console.waitFor(/› Third Party Name +City UtilitiesZ/, WAIT);
      console.write(KEYS.escape);
      await console.waitFor(screen => !screen.includes('City UtilitiesZ'), WAIT);
      console.write(KEYS.escape);
      await console.waitFor(screen => footer(screen).includes('Enter open'), WAIT);

      // Acme: Tab into its grid; the footer keeps Tab and ^S.
      console.write(KEYS.home, KEYS.enter, KEYS.tab, KEYS.tab);
      screen = await console.waitFor(screen => footer(screen).includes('Enter expiry'), WAIT);
      t.regex(footer(screen), /Tab next/);
      t.regex(footer(screen), /\^S save/);
      // Esc in the grid goes back to the list, as from a field as saved.
      console.write(KEYS.escape);
      await console.waitFor(screen => footer(screen).includes('Enter open'), WAIT);

      // Keys bound nowhere say so.
      console.write(KEYS.f5);
      await console.waitFor('F5 does nothing here; F1 lists the keys.', WAIT);
      console.write(KEYS.ctrl('z'));
      await console.waitFor('Ctrl+Z does nothing here; F1 lists the keys.', WAIT);

      // A refused save's message goes once the field is fixed; Ctrl+S then saves from F1's help, which stays open.
      console.write(KEYS.ctrl('n'), KEYS.ctrl('s'));
      await console.waitFor('Not saved: a field needs attention.', WAIT);
      console.write('Dover Water');
      await console.waitFor(screen => screen.includes('Dover Water') && !screen.includes('Not saved'), WAIT);
      console.write(KEYS.f1);
      await console.waitFor('┌ Help', WAIT);
      console.write(KEYS.ctrl('s'));
      screen = await console.waitFor(/Saved \d\d:\d\d/, WAIT);
      t.true(screen.includes('┌ Help'), 'the help stays open');
      console.write(KEYS.ctrl('q'));
      t.is(await console.waitForExit(WAIT), 0);
    });

    test(`inside ${inside} at ${columns}×${rows}: F1 opens on the procedure and / finds; a conflict names the command`, async t => {
      const started = await start(t, inside, columns, rows);
      if (!started) return;
      const {console, file} = started;
      console.write(KEYS.f1);
      // The whole help, not its first line: GNU screen passes a frame on in parts.
      let screen = await console.waitFor(
        screen => screen.includes('┌ Help') && /1\. Open Setup\/Modify Third Party Access/.test(screen),
        WAIT,
      );
      t.regex(screen, /1\. Open Setup\/Modify Third Party Access/);
      console.write('/');
      await console.waitFor(screen => footer(screen).includes('Enter done'), WAIT);
      console.write('history');
      screen = await console.waitFor('/history', WAIT);
      t.regex(screen, /Ctrl\+Y +history: who changed it/);
      console.write(KEYS.enter, KEYS.escape);
      await console.waitFor(screen => !screen.includes('/history'), WAIT);
      console.write(KEYS.escape);
      await console.waitFor('┌ Third parties', WAIT);

      // The same field changed by a command while the console edits it: a real conflict.
      console.write(KEYS.enter, '2');
      await console.waitFor('Acme Payments2', WAIT);
      const renamed = await tpa(['rename', 'Acme Payments', 'Acme Ltd', '--data', file]);
      t.is(renamed.code, 0, renamed.stderr);
      // The console has seen the change (its notice), so no later refresh replaces the notices below.
      await console.waitFor('Acme Ltd: changed by', WAIT);
      console.write(KEYS.ctrl('s'));
      // The whole frame: the dialog's key line drawn, and the footer.
      const dialogPart = (screen: string) => lines(screen.trimEnd()).slice(0, -1).join('\n');
      screen = await console.waitFor(
        screen =>
          screen.includes('Changed by a command') && dialogPart(screen).includes('R reload theirs') && /F1 more/.test(footer(screen)),
        WAIT,
      );
      t.is(dialogPart(screen).split('R reload theirs').length - 1, 1, 'one key line in the dialog');
      t.false(screen.includes('W write everything'));
      t.regex(screen.replace(/[│\s]+/g, ' '), /changed by \S+ \(cli\) at/);
      console.write('c');
      await console.waitFor('Not saved; your changes are still in the form', WAIT);
      console.write(KEYS.ctrl('q'));
      await console.waitFor('Save', WAIT);
      console.write('d');
      t.is(await console.waitForExit(WAIT), 0);
    });
  }
}
