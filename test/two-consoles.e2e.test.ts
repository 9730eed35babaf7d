/** Two real consoles in two pseudo-terminals and a command on one data file or database: merges, and conflicts that lose nothing. */
// Serial: pseudo-terminal tests compete for two cores with the rest of the suite.
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {lockPath, parseDatabase} from '../source/store/index.js';
import {tpa} from './helpers/cli.js';
import {databaseOf, sampleThirdParties} from './helpers/data-files.js';
import {testEachEngine, type EngineFactory, type EnginePlace} from './helpers/engines.js';
import {testEnvironment} from './helpers/environment.js';
import {KEYS, PtyConsole, focusList} from './helpers/pty-console.js';
import {WAIT} from './helpers/screen-text.js';
import {rightPaneText} from './helpers/screen-text.js';

/** `folder`: where the consoles keep this machine's files ("keep mine" copies): beside the data file, or the database's state folder. */
const setUp = async (engine: EngineFactory) => {
  const env = testEnvironment();
  const place = await engine.place(databaseOf(sampleThirdParties(env, ['Acme Payments', 'City Utilities'])));
  const first = PtyConsole.start({args: ['--data', place.data]});
  const second = PtyConsole.start({args: ['--data', place.data]});
  await first.waitFor('Third parties', WAIT);
  await second.waitFor('Third parties', WAIT);
  return {place, folder: path.dirname(place.localFile), first, second};
};

const names = async (place: EnginePlace) => (await place.stored()).thirdParties.map(thirdParty => thirdParty.name).sort();
const namesInFile = (file: string) =>
  parseDatabase(readFileSync(file, 'utf8'), file)
    .thirdParties.map(thirdParty => thirdParty.name)
    .sort();

/** Opens the row `down` rows below the first and types at the end of its name. */
const editName = async (console: PtyConsole, down: number, typed: string, expected: string) => {
  await focusList(console);
  console.write(...Array<string>(3).fill(KEYS.up), ...Array<string>(down).fill(KEYS.down), KEYS.enter);
  await console.waitFor(/› Third Party Name/, WAIT);
  await console.type(typed, expected);
};

testEachEngine.serial(
  "two consoles and a command change different third parties and fields: each console shows the others' saves live, and the saves keep all",
  async (t, engine) => {
    const {place, first, second} = await setUp(engine);
    try {
      await editName(first, 0, ' Ltd', 'Acme Payments Ltd');
      first.write(KEYS.ctrl('s'));
      await first.waitFor(/Saved \d\d:\d\d/, WAIT);
      // Without a key pressed: the second console refreshes from the data and says what came in.
      await second.waitFor(/Acme Payments Ltd: changed by [^@ ]+@\S+/, WAIT);

      // The second console edits City's name; meanwhile a command sets City's callback URL.
      await editName(second, 1, ' Co', 'City Utilities Co');
      const command = await tpa(['callback', 'City Utilities', 'https://city.example/cb', '--data', place.data]);
      t.is(command.code, 0, command.stderr);
      await first.waitFor(/City Utilities: changed by [^@ ]+@\S+ \(cli\)/, WAIT);
      second.write(KEYS.ctrl('s'));
      const screen = await second.waitFor(/Saved \d\d:\d\d/, WAIT);
      // The list of the second console shows the first one's change too.
      t.regex(screen, /│ {2}Acme Payments… {3}●│/);
      t.deepEqual(await names(place), ['Acme Payments Ltd', 'City Utilities Co']);
      const stored = await place.stored();
      t.is(stored.thirdParties.find(thirdParty => thirdParty.name === 'City Utilities Co')!.callbackUrl, 'https://city.example/cb');
      t.is(stored.revision, 4);
      t.deepEqual(
        (await place.audit()).map(entry => [
          entry.thirdParty.name,
          entry.changes.map(change => change.field).join(),
          / \(cli\)$/.test(entry.actor),
        ]),
        [
          ['Acme Payments Ltd', 'name', false],
          ['City Utilities', 'callbackUrl', true],
          ['City Utilities Co', 'name', false],
        ],
      );
    } finally {
      first.kill('SIGKILL');
      second.kill('SIGKILL');
    }
  },
);

testEachEngine.serial(
  'two consoles change the same third party: the second is asked, and keeps its version in a copy, reloads, or cancels',
  async (t, engine) => {
    const {place, folder, first, second} = await setUp(engine);
    try {
      // The second console starts editing first: its unsaved edit survives the first one's save (live refresh).
      await editName(second, 0, ' Inc', 'Acme Payments Inc');
      await editName(first, 0, ' Ltd', 'Acme Payments Ltd');
      first.write(KEYS.ctrl('s'));
      await first.waitFor(/Saved \d\d:\d\d/, WAIT);
      await second.waitFor('Acme Payments Ltd: changed by', WAIT);
      t.regex(await second.screen(), /Third Party Name {2}Acme Payments Inc/);

      // Keep mine in a copy.
      const before = await place.written();
      second.write(KEYS.ctrl('s'));
      // Who and when: the first console's entry in the audit log (both run as the same user here).
      let screen = await second.waitFor('Changed by another console', WAIT);
      t.regex(
        rightPaneText(screen),
        /Acme Payments Ltd was changed by [^@ ]+@\S+ at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d, after you opened it\. Your changes were not saved\./,
      );
      t.regex(screen, /Reload theirs .* Keep mine in a copy .* Cancel/);
      t.is(await place.written(), before, 'nothing written while asking');
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
      t.deepEqual(namesInFile(copy), ['Acme Payments Inc']);
      t.regex(screen, /Third Party Name {2}Acme Payments Ltd/, 'the form shows theirs');
      t.is(await place.written(), before);

      // Cancel: nothing written, my text stays in the form.
      await editName(second, 0, ' 3', 'Acme Payments Ltd 3');
      await editName(first, 0, ' 2', 'Acme Payments Ltd 2');
      first.write(KEYS.ctrl('s'));
      await first.waitFor(/Saved \d\d:\d\d/, WAIT);
      await second.waitFor('Acme Payments Ltd 2: changed by', WAIT);
      const saved = await place.written();
      second.write(KEYS.ctrl('s'));
      await second.waitFor('Changed by another console', WAIT);
      second.write('c');
      screen = await second.waitFor('Not saved; your changes are still in the form', WAIT);
      t.regex(screen, /Acme Payments Ltd 3/);
      t.is(await place.written(), saved);

      // Asked again on the next save; reload theirs drops mine.
      second.write(KEYS.ctrl('s'));
      await second.waitFor('Changed by another console', WAIT);
      second.write('r');
      screen = await second.waitFor('Reloaded as another console saved it', WAIT);
      t.regex(screen, /Third Party Name {2}Acme Payments Ltd 2/);
      t.notRegex(screen, /Ltd 3/);
      t.is(await place.written(), saved);
      if (place.engine === 'file') t.false(existsSync(lockPath(place.data)), 'no lock left behind');
    } finally {
      first.kill('SIGKILL');
      second.kill('SIGKILL');
    }
  },
);
