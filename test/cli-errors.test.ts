/**
 * Bad input to the tpa commands: the message (the console's own for field rules), the exit code,
 * and nothing written: the data file byte for byte, no backup, no audit entry.
 */
// Serial: each test runs several tpa processes; run side by side on a busy two-core machine they starve each other.
import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {addToken, createThirdParty, validateCallbackUrl} from '../source/domain/index.js';
import {tpa, validJson, type CliResult} from './helpers/cli.js';
import {databaseOf} from './helpers/data-files.js';
import {fileEngine, testEachEngine, type EngineFactory, type EnginePlace} from './helpers/engines.js';
import {testEnvironment} from './helpers/environment.js';

const fixture = async (engine: EngineFactory) => {
  const env = testEnvironment(new Date());
  const acme = {...addToken(createThirdParty(env, 'Acme Payments'), env), enabled: true};
  const place = await engine.place(databaseOf([acme, createThirdParty(env, 'Acme Logistics'), createThirdParty(env, 'City Utilities')]));
  return {place, acme};
};

/** Runs tpa on the place and checks that nothing was written: the data as it was, no backup, no audit entry. */
const refused = async (t: ExecutionContext, place: EnginePlace, args: string[]): Promise<CliResult> => {
  const before = await place.written();
  const result = await tpa([...args, '--data', place.data], {env: place.env});
  t.is(await place.written(), before, 'nothing written');
  t.is(result.stdout, '', 'nothing on stdout');
  return result;
};

testEachEngine.serial('an unknown name: exit 3, the names that come close, nothing written', async (t, engine) => {
  const {place} = await fixture(engine);
  const typo = await refused(t, place, ['enable', 'Citty Utilties']);
  t.is(typo.code, 3);
  t.regex(typo.stderr, /Did you mean 'City Utilities'\?/);
  const json = await refused(t, place, ['show', 'Nobody', '--json']);
  t.is(json.code, 3);
  const error = validJson<{error: {code: string; candidates: string[]}}>(t, json.stderr);
  t.like(error.error, {code: 'unknown-name', candidates: []});
});

testEachEngine.serial("an invalid callback URL: the console's message, exit 4, nothing written", async (t, engine) => {
  const {place} = await fixture(engine);
  for (const url of ['http://example.com/cb', 'ftp://example.com', 'https://example.com/cb#x', 'example.com']) {
    const result = await refused(t, place, ['callback', 'Acme Payments', url]);
    t.is(result.code, 4, url);
    t.is(result.stderr, `tpa: ${validateCallbackUrl(url)!}\nNothing was written.\n`, url);
  }
  const added = await refused(t, place, ['add', 'New One', '--callback', 'http://example.com/cb']);
  t.is(added.code, 4);
  t.regex(added.stderr, /Use https; plain http is allowed only for a loopback host/);
});

testEachEngine.serial('a name the console refuses: taken (in any case), empty, or with control characters', async (t, engine) => {
  const {place} = await fixture(engine);
  const taken = await refused(t, place, ['add', '  acme PAYMENTS ']);
  t.is(taken.code, 4);
  t.regex(taken.stderr, /^tpa: Another third party already has this name\./);
  const renamed = await refused(t, place, ['rename', 'City Utilities', 'Acme Payments']);
  t.is(renamed.code, 4);
  const control = await refused(t, place, ['rename', 'City Utilities', 'City\u001B[31m']);
  t.regex(control.stderr, /cannot contain control characters or escape sequences/);
  t.notRegex(control.stderr, /\u001B/);
});

testEachEngine.serial("a past date, an unknown expiry or a grace period too long: the console's message, exit 4", async (t, engine) => {
  const {place} = await fixture(engine);
  const past = await refused(t, place, ['token', 'add', 'Acme Payments', '--expires', '2020-01-01']);
  t.is(past.code, 4);
  t.is(past.stderr, 'tpa: 2020-01-01 is in the past: choose today or a later date.\n');
  const february = await refused(t, place, ['token', 'expire', 'Acme Payments', '--expires', '2031-02-30']);
  t.is(february.stderr, 'tpa: February 2031 has 28 days.\n');
  const unknown = await refused(t, place, ['add', 'New One', '--expires', '2w']);
  t.is(unknown.code, 4);
  t.regex(unknown.stderr, /--expires takes 30d, 90d, 6m, 1y, never or a date as YYYY-MM-DD/);
  const grace = await refused(t, place, ['rotate-secret', 'Acme Payments', '--grace', '721h']);
  t.is(grace.code, 4);
  t.is(grace.stderr, 'tpa: The grace period can be at most 720 hours (30 days).\n');
});

test.serial('a data file that cannot be read: exit 5 with the file named; the file is untouched', async t => {
  const place = await fileEngine(t).place();
  const broken = place.data;
  const folder = path.dirname(broken);
  writeFileSync(broken, '{"schema": 1, "revision": ', {mode: 0o600});
  for (const args of [['list'], ['enable', 'Acme'], ['add', 'New One']]) {
    const result = await refused(t, place, args);
    t.is(result.code, 5, args.join(' '));
    t.regex(result.stderr, new RegExp(`${broken.replace(/[/.]/g, '\\$&')}.*\\n.*The file was not changed\\.`, 's'));
  }
  const folderAsFile = path.join(folder, 'a-folder');
  mkdirSync(folderAsFile);
  const result = await tpa(['list', '--data', folderAsFile]);
  t.is(result.code, 5);
  t.regex(result.stderr, /is not a file/);
  const missing = await tpa(['list', '--data', path.join(folder, 'missing.json')]);
  t.is(missing.code, 5);
  t.regex(missing.stderr, /There is no data file at .*missing\.json/);
  t.false(existsSync(path.join(folder, 'missing.json')));
});

test.serial('typing mistakes get a suggestion and exit 64; with --json the error is JSON on stderr', async t => {
  const lsit = await tpa(['lsit']);
  t.is(lsit.code, 64);
  t.is(lsit.stderr, "tpa: Unknown command 'lsit'. Did you mean 'list'?\n");
  const help = await tpa(['help', 'lsit']);
  t.is(help.code, 64);
  t.is(help.stderr, "tpa: Unknown command 'lsit'. Did you mean 'list'?\nRun tpa --help for the commands.\n");
  const option = await tpa(['list', '--jsn']);
  t.is(option.code, 64);
  t.regex(option.stderr, /^tpa: Unknown option '--jsn'\. Did you mean '--json'\?\nRun tpa list --help for the options\.\n$/);
  const sub = await tpa(['token', 'ad', 'Acme']);
  t.regex(sub.stderr, /Unknown command 'ad'\. Did you mean 'add'\?/);
  const missing = await tpa(['show']);
  t.is(missing.code, 64);
  t.regex(missing.stderr, /Missing required argument 'name'\.\nRun tpa show --help/);
  const json = await tpa(['show', '--json']);
  t.is(json.code, 64);
  t.like(validJson<{error: {code: string}}>(t, json.stderr), {command: 'tpa', error: {code: 'usage'}});
});

testEachEngine.serial(
  'a part of a name names the one third party that has it (as Ctrl+E finds it); several are listed, exit 3',
  async (t, engine) => {
    const {place} = await fixture(engine);
    const one = await tpa(['show', 'city', '--data', place.data], {env: place.env});
    t.is(one.code, 0, one.stderr);
    t.regex(one.stdout, /^Third Party Name +City Utilities$/m);
    const several = await refused(t, place, ['disable', 'acme']);
    t.is(several.code, 3);
    t.is(
      several.stderr,
      "tpa: 'acme' is part of more than one name: 'Acme Payments', 'Acme Logistics'. Give more of the name, or the client ID.\n",
    );
    const json = await refused(t, place, ['disable', 'acme', '--json']);
    t.like(validJson<{error: {code: string; candidates: string[]}}>(t, json.stderr).error, {
      code: 'ambiguous-name',
      candidates: ['Acme Payments', 'Acme Logistics'],
    });
  },
);
