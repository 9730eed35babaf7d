/** The keys of issue 12 in the real program, in a pty at 80×24 (and 120×40 for the wider list). */
import {mkdtemp, readFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import anyTest, {type ExecutionContext, type TestFn} from 'ava';
import {addToken, createThirdParty, SCHEMA_VERSION, type Database, type ThirdParty} from '../source/domain/index.js';
import {JsonFileAdapter} from '../source/store/index.js';
import {testEnvironment} from './helpers/environment.js';
import {KEYS, PtyConsole} from './helpers/pty-console.js';

const test = anyTest.serial as TestFn;

const start = async (
  t: ExecutionContext,
  thirdParties: (env: ReturnType<typeof testEnvironment>) => ThirdParty[],
  size = {columns: 80, rows: 24},
) => {
  const folder = await mkdtemp(path.join(tmpdir(), 'tpa-keys-'));
  const file = path.join(folder, 'db.json');
  const database: Database = {schema: SCHEMA_VERSION, revision: 1, thirdParties: thirdParties(testEnvironment(new Date()))};
  await new JsonFileAdapter(file).write(database);
  const console = PtyConsole.start({args: ['--data', file], cwd: folder, ...size});
  t.teardown(() => {
    if (console.exitCode === undefined) console.kill('SIGKILL');
  });
  await console.waitFor('F1 more', 30_000);
  return {console, file};
};

const two = (env: ReturnType<typeof testEnvironment>) => [
  addToken({...createThirdParty(env, 'Acme Payments'), enabled: true}, env),
  addToken(createThirdParty(env, 'City Utilities'), env),
];

test('the form follows the list cursor (j, k), / filters until Esc, Backspace deletes a token, Esc puts a field back, q quits', async t => {
  const {console, file} = await start(t, two);
  const before = await readFile(file, 'utf8');
  console.write('j');
  await console.waitFor(/┌ City Utilities ─/);
  console.write('k');
  await console.waitFor(/┌ Acme Payments ─/);
  console.write('/');
  await console.waitFor('┌ Filter');
  console.write('city', KEYS.enter);
  await console.waitFor(/┌ Filter: 1 of 2 ─+┐┌ City Utilities/);
  console.write(KEYS.enter);
  await console.waitFor(/› Third Party Name +City Utilities/);
  console.write('X');
  await console.waitFor('City UtilitiesX');
  console.write(KEYS.escape);
  await console.waitFor(screen => !screen.includes('City UtilitiesX') && !screen.includes('● modified'));
  console.write(KEYS.tab, KEYS.tab);
  await console.waitFor(/Enter expiry/);
  console.write(KEYS.backspace);
  await console.waitFor('Delete OAuth token');
  await console.waitFor(/Y\/Enter delete · N\/Esc keep/);
  console.write('n', KEYS.shiftTab, KEYS.shiftTab, KEYS.shiftTab);
  await console.waitFor(/Enter open/);
  console.write(KEYS.escape);
  await console.waitFor('┌ Third parties');
  console.write('q');
  t.is(await console.waitForExit(), 0);
  t.is(await readFile(file, 'utf8'), before, 'nothing was written');
});

test('at 120×40 the list is wider: a long name is whole in the list, not only in the form', async t => {
  const {console} = await start(t, env => [createThirdParty(env, 'Municipal Water Authority')], {columns: 120, rows: 40});
  const screen = await console.waitFor('Municipal Water Authority ');
  t.regex(screen, /^│› Municipal Water Authority +[✗!]? *[●○]│/m);
  t.false(screen.includes('Municipal Water Auth…'));
  console.write(KEYS.ctrl('q'));
  t.is(await console.waitForExit(), 0);
});
