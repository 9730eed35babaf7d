/**
 * tpa commands next to a console and on a terminal: a command-line change while a console is
 * open on the same file is merged, not lost, when the console saves another third party; on a
 * terminal tables are coloured and fit its width, and NO_COLOR turns colour off.
 */
// Serial: pseudo-terminal tests compete for two cores with the rest of the suite.
import test from 'ava';
import stringWidth from 'string-width';
import {tpa} from './helpers/cli.js';
import {databaseOf, freshFolder, sampleThirdParties, writeDataFile} from './helpers/data-files.js';
import {testEachEngine} from './helpers/engines.js';
import {testEnvironment} from './helpers/environment.js';
import {KEYS, PtyConsole, focusList} from './helpers/pty-console.js';
import {WAIT} from './helpers/screen-text.js';

test.afterEach.always(() => PtyConsole.killAll());

testEachEngine.serial(
  'a tpa command while a console is open on the data: the console saves another third party and keeps the change',
  async (t, engine) => {
    const env = testEnvironment(new Date());
    const place = await engine.place(databaseOf(sampleThirdParties(env, ['Acme Payments', 'City Utilities'])));
    const file = place.data;
    const console = PtyConsole.start({args: ['--data', file]});
    await console.waitFor('Third parties', WAIT);

    const disabled = await tpa(['disable', 'Acme Payments', '--data', file]);
    t.is(disabled.code, 0, disabled.stderr);

    // The console, which read the data before, shows the change live (the list's mark of Acme: ○ not enabled).
    await console.waitFor(/Acme Payments +○/, WAIT);
    // Then it opens City Utilities, changes its name and saves: both changes are kept.
    await focusList(console);
    console.write(KEYS.up, KEYS.up, KEYS.down, KEYS.enter);
    await console.waitFor(/› Third Party Name +City Utilities/, WAIT);
    await console.type(' Co', 'City Utilities Co');
    console.write(KEYS.ctrl('s'));
    await console.waitFor(screen => /Saved \d\d:\d\d/.test(screen) && !screen.includes('● modified'), WAIT);

    const saved = await place.stored();
    t.deepEqual(
      saved.thirdParties.map(thirdParty => [thirdParty.name, thirdParty.enabled]),
      [
        ['Acme Payments', false],
        ['City Utilities Co', true],
      ],
    );
    t.is(saved.revision, 3);
    const actors = (await place.audit()).map(entry => entry.actor);
    t.is(actors.length, 2);
    t.regex(actors[0]!, / \(cli\)$/);
    t.notRegex(actors[1]!, /\(cli\)/);
    console.write(KEYS.ctrl('q'));
    t.is(await console.waitForExit(WAIT), 0);
  },
);

test.serial('on a terminal a table is coloured and fits its width; NO_COLOR turns colour off', async t => {
  const env = testEnvironment(new Date());
  const thirdParties = sampleThirdParties(env, ['Acme Payments', `Northwind ${'Logistics '.repeat(5).trim()}`]).map(thirdParty => ({
    ...thirdParty,
    callbackUrl: `https://${thirdParty.name.split(' ')[0]!.toLowerCase()}.example/${'callback/'.repeat(6)}`,
  }));
  const file = writeDataFile(freshFolder(), databaseOf(thirdParties));
  const coloured = PtyConsole.start({args: ['list', '--data', file], columns: 60});
  t.is(await coloured.waitForExit(WAIT), 0);
  t.regex(coloured.output, /\u001B\[32myes\u001B\[39m/);
  // The lines as written (not as the terminal wraps them), colours taken out.
  const lines = coloured.output
    .replace(/\u001B\[\d+m/g, '')
    .split('\r\n')
    .filter(line => line !== '');
  t.regex(lines[0]!, /^Name +Enabled/);
  t.is(lines.length, 4);
  for (const line of lines) t.true(stringWidth(line) <= 60, line);
  t.true(lines.some(line => line.startsWith('Northwind') && line.includes('…')));

  const plain = PtyConsole.start({args: ['list', '--data', file], columns: 60, env: {NO_COLOR: '1'}});
  t.is(await plain.waitForExit(WAIT), 0);
  t.notRegex(plain.output, /\u001B\[(3\d|1|2)m/);
  t.regex(await plain.screen(), /^Acme Pay\S* +yes/m);
});
