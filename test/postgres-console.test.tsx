/**
 * The console on a database (ink-testing-library over a real PostgreSQL store): another writer's
 * save appears without a key (NOTIFY), and with the database stopped a save says what happened,
 * keeps the edit and writes nothing; started again, the same Ctrl+S saves.
 */
import test from 'ava';
import {addToken, createThirdParty, SCHEMA_VERSION, type Database} from '../source/domain/index.js';
import {openPipeline, openThirdPartyStore, changeInstruction} from '../source/store/index.js';
import {writePostgresDataSet} from '../source/store/copy/postgres-data-set.js';
import {connectPostgres} from '../source/store/postgres/connect.js';
import {openPostgresEngine} from '../source/store/postgres/postgres-engine.js';
import {readSnapshot} from '../source/store/postgres/read-snapshot.js';
import {noLiveSources} from '../source/ui/live/live-sources.js';
import {noAccessTester} from '../source/ui/test-access/access-tester.js';
import {freshFolder} from './helpers/data-files.js';
import {testEnvironment} from './helpers/environment.js';
import {postgresForThisFile} from './helpers/postgres-per-file.js';
import {migratedDatabase} from './helpers/postgres-engine.js';
import {KEYS} from './helpers/pty-console.js';
import {renderConsole} from './helpers/render-console.js';

const postgres = postgresForThisFile();

const env = testEnvironment('2026-11-27T10:00:00.000Z', 'fixture');
const acme = addToken({...createThirdParty(env, 'Acme Payments'), enabled: true, callbackUrl: 'https://acme.example/cb'}, env);
const city = createThirdParty(env, 'City Utilities');
const database: Database = {schema: SCHEMA_VERSION, revision: 4, thirdParties: [city, acme]};

const consoleOnDatabase = async (t: {teardown(fn: () => unknown): void}) => {
  const location = await migratedDatabase(postgres());
  const connection = await connectPostgres(location, {applicationName: 'tpa test', poolSize: 1});
  t.teardown(() => connection.close());
  await writePostgresDataSet(connection, {database, audit: [], lastUsed: new Map()});
  const store = await openThirdPartyStore(location, testEnvironment(), {
    actor: 'alice@host',
    localFile: `${freshFolder()}/db.json`,
    debounceMs: 10,
  });
  t.teardown(() => store.close());
  const ui = await renderConsole({
    store,
    live: {...noLiveSources, watchDataFile: onChange => store.watch(onChange), watchLastUsed: onChange => store.lastUsed!.watch(onChange)},
    access: {...noAccessTester, lastUsed: store.lastUsed!.read},
  });
  t.teardown(() => ui.unmount());
  return {location, connection, ui};
};

test.serial('another writer’s save appears in the console by itself', async t => {
  const {location, ui} = await consoleOnDatabase(t);
  await ui.waitFor('City Utilities');
  const command = await openPipeline(location, env, {actor: 'bob@host (cli)'});
  t.teardown(() => command.engine.close());
  const [outcome] = await command.instruct([changeInstruction(city.id, record => ({...record, name: 'City Water'}), 'gone')]);
  t.is(outcome?.kind, 'saved');
  const frame = await ui.waitFor('City Water');
  t.false(frame.includes('City Utilities'));
});

test.serial('the database stopped: Ctrl+S says so and keeps the edit; started again, the same Ctrl+S saves', async t => {
  const {connection, ui} = await consoleOnDatabase(t);
  await ui.waitFor('Third Party Name');
  ui.press(KEYS.enter);
  await ui.waitFor(/› Third Party Name\s+Acme Payments/);
  ui.press(' Ltd');
  await ui.waitFor('● modified');
  await postgres().stop();
  try {
    ui.press(KEYS.ctrl('s'));
    // The message, read across the box's wrapped lines.
    const unwrapped = (text: string) => text.replace(/[│\s]+/g, ' ');
    const frame = await ui.waitFor(text =>
      /postgres:\/\/tpa_test@127\.0\.0\.1:\d+\/tpa_\w+: nothing answers at 127\.0\.0\.1:\d+/.test(unwrapped(text)),
    );
    t.false(frame.includes(postgres().password));
    t.regex(frame, /Acme Payments Ltd/);
    t.regex(frame, /● not saved/);
  } finally {
    await postgres().start();
  }
  ui.press(KEYS.ctrl('s'));
  await ui.waitFor(/Saved \d\d:\d\d:\d\d/);
  const stored = (await readSnapshot(connection.db)).database.thirdParties.map(record => record.name);
  t.deepEqual(stored, ['City Utilities', 'Acme Payments Ltd']);
});

test.serial('Last used written by a server into the database appears in the grid by itself', async t => {
  const {location, ui} = await consoleOnDatabase(t);
  await ui.waitFor('Third Party Name');
  ui.press(KEYS.enter);
  const before = await ui.waitFor(/› Third Party Name\s+Acme Payments/);
  t.regex(before, /\[x\]\s+never/);
  const engine = await openPostgresEngine(location, {applicationName: 'tpa test server'});
  t.teardown(() => engine.close());
  await engine.lastUsed.write(new Map([[acme.tokens[0]!.id, new Date().toISOString()]]));
  await ui.waitFor(/\[x\]\s+just now/);
});
