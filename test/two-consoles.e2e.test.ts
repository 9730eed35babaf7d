/** Two real consoles in two pseudo-terminals on one data file: merges, and conflicts that lose nothing. */
// Serial: pseudo-terminal tests compete for two cores with the rest of the suite.
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {lockPath, parseDatabase} from '../source/store/index.js';
import {databaseOf, freshFolder, sampleThirdParties, writeDataFile} from './helpers/data-files.js';
import {testEnvironment} from './helpers/environment.js';
import {KEYS, PtyConsole, focusList} from './helpers/pty-console.js';
import {WAIT} from './helpers/screen-text.js';
import {rightPaneText} from './helpers/screen-text.js';

const setUp = async () => {
  const env = testEnvironment();
  const folder = freshFolder();
  const file = writeDataFile(folder, databaseOf(sampleThirdParties(env, ['Acme Payments', 'City Utilities'])));
  const first = PtyConsole.start({args: ['--data', file]});
  const second = PtyConsole.start({args: ['--data', file]});
  await first.waitFor('Third parties', WAIT);
  await second.waitFor('Third parties', WAIT);
  return {folder, file, first, second};
};

const read = (file: string) => parseDatabase(readFileSync(file, 'utf8'), file);
const names = (file: string) =>
  read(file)
    .thirdParties.map(thirdParty => thirdParty.name)
    .sort();

/** Opens the row `down` rows below the first and types at the end of its name. */
const editName = async (console: PtyConsole, down: number, typed: string, expected: string) => {
  await focusList(console);
  console.write(...Array<string>(3).fill(KEYS.up), ...Array<string>(down).fill(KEYS.down), KEYS.enter);
  await console.waitFor(/› Third Party Name/, WAIT);
  await console.type(typed, expected);
};

test.serial(
  "two consoles change different third parties: the second shows the first one's save live, and its own save keeps both",
  async t => {
    const {file, first, second} = await setUp();
    try {
      await editName(first, 0, ' Ltd', 'Acme Payments Ltd');
      first.write(KEYS.ctrl('s'));
      await first.waitFor(/Saved \d\d:\d\d/, WAIT);
      // Without a key pressed: the second console refreshes from the file and says what came in.
      await second.waitFor(/Acme Payments Ltd: changed by [^@ ]+@\S+/, WAIT);

      await editName(second, 1, ' Co', 'City Utilities Co');
      second.write(KEYS.ctrl('s'));
      const screen = await second.waitFor(/Saved \d\d:\d\d/, WAIT);
      // The list of the second console shows the first one's change too.
      t.regex(screen, /│ {2}Acme Payments… {3}●│/);
      t.deepEqual(names(file), ['Acme Payments Ltd', 'City Utilities Co']);
      t.is(read(file).revision, 3);
    } finally {
      first.kill('SIGKILL');
      second.kill('SIGKILL');
    }
  },
);

test.serial(
  'two consoles change the same third party: the second is asked, and keeps its version in a copy, reloads, or cancels',
  async t => {
    const {folder, file, first, second} = await setUp();
    try {
      // The second console starts editing first: its unsaved edit survives the first one's save (live refresh).
      await editName(second, 0, ' Inc', 'Acme Payments Inc');
      await editName(first, 0, ' Ltd', 'Acme Payments Ltd');
      first.write(KEYS.ctrl('s'));
      await first.waitFor(/Saved \d\d:\d\d/, WAIT);
      await second.waitFor('Acme Payments Ltd: changed by', WAIT);
      t.regex(await second.screen(), /Third Party Name {2}Acme Payments Inc/);

      // Keep mine in a copy.
      const before = readFileSync(file);
      second.write(KEYS.ctrl('s'));
      // Who and when: the first console's entry in the audit log (both run as the same user here).
      let screen = await second.waitFor('Changed by another console', WAIT);
      t.regex(
        rightPaneText(screen),
        /Acme Payments Ltd was changed by [^@ ]+@\S+ at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d, after you opened it\. Your changes were not saved\./,
      );
      t.regex(screen, /Reload theirs .* Keep mine in a copy .* Cancel/);
      t.deepEqual(readFileSync(file), before, 'nothing written while asking');
      second.write('k');
      screen = await second.waitFor('Your version is kept in', WAIT);
      t.regex(
        rightPaneText(screen),
        /Your version is kept in .*db\.mine-\d{8}T\d{6}Z\.json \(open it with tpa --data\); the form shows theirs/,
      );
      const copies = readdirSync(folder).filter(name => name.startsWith('db.mine-'));
      t.is(copies.length, 1);
      const copy = path.join(folder, copies[0]!);
      t.is(statSync(copy).mode & 0o777, 0o600);
      t.deepEqual(names(copy), ['Acme Payments Inc']);
      t.regex(screen, /Third Party Name {2}Acme Payments Ltd/, 'the form shows theirs');
      t.deepEqual(readFileSync(file), before);

      // Cancel: nothing written, my text stays in the form.
      await editName(second, 0, ' 3', 'Acme Payments Ltd 3');
      await editName(first, 0, ' 2', 'Acme Payments Ltd 2');
      first.write(KEYS.ctrl('s'));
      await first.waitFor(/Saved \d\d:\d\d/, WAIT);
      await second.waitFor('Acme Payments Ltd 2: changed by', WAIT);
      const saved = readFileSync(file);
      second.write(KEYS.ctrl('s'));
      await second.waitFor('Changed by another console', WAIT);
      second.write('c');
      screen = await second.waitFor('Not saved; your changes are still in the form', WAIT);
      t.regex(screen, /Acme Payments Ltd 3/);
      t.deepEqual(readFileSync(file), saved);

      // Asked again on the next save; reload theirs drops mine.
      second.write(KEYS.ctrl('s'));
      await second.waitFor('Changed by another console', WAIT);
      second.write('r');
      screen = await second.waitFor('Reloaded as another console saved it', WAIT);
      t.regex(screen, /Third Party Name {2}Acme Payments Ltd 2/);
      t.notRegex(screen, /Ltd 3/);
      t.deepEqual(readFileSync(file), saved);
      t.false(existsSync(lockPath(file)), 'no lock left behind');
    } finally {
      first.kill('SIGKILL');
      second.kill('SIGKILL');
    }
  },
);
