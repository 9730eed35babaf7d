/**
// Serial: pseudo-terminal tests compete for two cores with the rest of the suite.
 * The SSH connection drops (SIGHUP) or the session is ended (SIGTERM) with unsaved changes: they
 * go to the recovery file, the terminal is given back as it was, and the next start offers them.
 */
import {existsSync, readFileSync, statSync} from 'node:fs';
import test from 'ava';
import {parseDatabase, recoveryPath} from '../source/store/index.js';
import {databaseOf, freshFolder, sampleThirdParties, writeDataFile} from './helpers/data-files.js';
import {testEnvironment} from './helpers/environment.js';
import {KEYS, PtyConsole} from './helpers/pty-console.js';
import {WAIT} from './helpers/screen-text.js';
import {rightPaneText} from './helpers/screen-text.js';

/** A failed test must not leave its console running: ava would wait for it. */
const stop = (console: PtyConsole) => {
  if (console.exitCode === undefined) console.kill('SIGKILL');
};

const setUp = () => {
  const env = testEnvironment();
  return writeDataFile(freshFolder(), databaseOf(sampleThirdParties(env, ['Acme Payments', 'City Utilities'])));
};

const editAcme = async (console: PtyConsole, typed: string, expected: string) => {
  await console.waitFor('Third parties', WAIT);
  console.write(KEYS.enter);
  await console.waitFor(/› Third Party Name/, WAIT);
  await console.type(typed, expected);
  await console.waitFor('● modified', WAIT);
};

for (const [signal, status] of [
  ['SIGHUP', 129],
  ['SIGTERM', 143],
] as const) {
  test.serial(
    `${signal} with unsaved changes: the recovery file (0600) holds them, the terminal is restored, the data file is untouched`,
    async t => {
      const file = setUp();
      const before = readFileSync(file);
      const console = PtyConsole.start({args: ['--data', file]});
      t.teardown(() => stop(console));
      await editAcme(console, ' (draft)', 'Acme Payments (draft)');
      t.is(console.bufferType, 'alternate');
      t.true(console.modes.bracketedPasteMode);

      console.kill(signal);
      t.is(await console.exited, status);
      t.is(await console.waitForBuffer('normal'), 'normal', 'the alternate screen was left');
      t.false(console.modes.bracketedPasteMode, 'bracketed paste is off again');
      t.regex((await console.screen()).replace(/\n/g, ''), /unsaved changes kept in .*db\.recovery\.json; the next start offers them back/);

      const recovery = JSON.parse(readFileSync(recoveryPath(file), 'utf8')) as {thirdParty: {name: string}; original: {name: string}};
      t.is(recovery.thirdParty.name, 'Acme Payments (draft)');
      t.is(recovery.original.name, 'Acme Payments');
      t.is(statSync(recoveryPath(file)).mode & 0o777, 0o600);
      t.deepEqual(readFileSync(file), before);
    },
  );
}

test.serial('SIGHUP without unsaved changes writes no recovery file', async t => {
  const file = setUp();
  const console = PtyConsole.start({args: ['--data', file]});
  t.teardown(() => stop(console));
  await console.waitFor('Third parties', WAIT);
  console.kill('SIGHUP');
  await console.exited;
  t.false(existsSync(recoveryPath(file)));
  t.is(await console.waitForBuffer('normal'), 'normal');
});

test.serial('the next start offers the unsaved changes back: restored in the form, saved, and the recovery file gone', async t => {
  const file = setUp();
  const first = PtyConsole.start({args: ['--data', file]});
  t.teardown(() => stop(first));
  await editAcme(first, ' (draft)', 'Acme Payments (draft)');
  first.kill('SIGHUP');
  await first.exited;

  const second = PtyConsole.start({args: ['--data', file]});

  t.teardown(() => stop(second));
  let screen = await second.waitFor('Unsaved changes found', WAIT);
  t.regex(
    rightPaneText(screen),
    /The last session ended at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d with unsaved changes to Acme Payments \(draft\)\./,
  );
  t.regex(screen, /› Restore +Discard +Later/);
  second.write('r');
  screen = await second.waitFor('Restored the unsaved changes', WAIT);
  t.regex(screen, /Third Party Name {2}Acme Payments \(draft\)/);
  t.regex(screen, /● modified/);
  await second.waitFor(() => !existsSync(recoveryPath(file)), WAIT);
  second.write(KEYS.ctrl('s'));
  await second.waitFor(/Saved \d\d:\d\d/, WAIT);
  t.deepEqual(
    parseDatabase(readFileSync(file, 'utf8'), file)
      .thirdParties.map(thirdParty => thirdParty.name)
      .sort(),
    ['Acme Payments (draft)', 'City Utilities'],
  );
  second.write(KEYS.ctrl('q'));
  t.is(await second.exited, 0);
});

test.serial('discarding the unsaved changes at the next start removes them; Later keeps them for the start after', async t => {
  const file = setUp();
  const first = PtyConsole.start({args: ['--data', file]});
  t.teardown(() => stop(first));
  await editAcme(first, ' (draft)', 'Acme Payments (draft)');
  first.kill('SIGTERM');
  await first.exited;

  const later = PtyConsole.start({args: ['--data', file]});

  t.teardown(() => stop(later));
  await later.waitFor('Unsaved changes found', WAIT);
  later.write(KEYS.escape);
  await later.waitFor('The unsaved changes are kept', WAIT);
  later.write(KEYS.ctrl('q'));
  await later.exited;
  t.true(existsSync(recoveryPath(file)));

  const discard = PtyConsole.start({args: ['--data', file]});

  t.teardown(() => stop(discard));
  await discard.waitFor('Unsaved changes found', WAIT);
  discard.write('d');
  await discard.waitFor('The unsaved changes were discarded', WAIT);
  t.regex(await discard.screen(), /Third Party Name {2}Acme Payments\s/);
  await discard.waitFor(() => !existsSync(recoveryPath(file)), WAIT);
  discard.write(KEYS.ctrl('q'));
  await discard.exited;
});
