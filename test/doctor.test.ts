import {execFileSync} from 'node:child_process';
import {chmodSync, mkdirSync, statSync, writeFileSync} from 'node:fs';
import {hostname} from 'node:os';
import path from 'node:path';
import test from 'ava';
import {parseCommand} from '../source/options.js';
import {
  backupPath,
  schema1CopyPath,
  formatDoctorReport,
  lockOwnerPath,
  lockPath,
  openThirdPartyStore,
  runDoctor,
  writeRecoverySync,
} from '../source/store/index.js';
import {databaseOf, freshFolder, sampleThirdParties, writeDataFile} from './helpers/data-files.js';
import {testEnvironment} from './helpers/environment.js';
import {REPOSITORY} from './helpers/pty-console.js';

const env = testEnvironment();

const healthy = async () => {
  const folder = freshFolder();
  const thirdParties = sampleThirdParties(env, ['Acme', 'Beta']);
  const file = writeDataFile(folder, databaseOf(thirdParties));
  const store = await openThirdPartyStore(file, env);
  const outcome = await store.saveThirdParty({...thirdParties[0]!, enabled: false});
  if (outcome.kind !== 'saved') throw new Error('not saved');
  return {folder, file, thirdParties};
};

const problems = async (file: string) => (await runDoctor(file)).filter(check => check.level === 'problem');

test('tpa doctor parses on its own and with --data', t => {
  t.deepEqual(parseCommand(['doctor'], {}, '/home/a'), {kind: 'doctor', data: {kind: 'file', path: '/home/a/data/db.json'}});
  t.deepEqual(parseCommand(['doctor', '--data', 'x.json'], {}, '/home/a'), {kind: 'doctor', data: {kind: 'file', path: '/home/a/x.json'}});
  t.deepEqual(parseCommand(['--data', 'x.json', 'doctor'], {}, '/home/a'), {kind: 'doctor', data: {kind: 'file', path: '/home/a/x.json'}});
  t.is(parseCommand(['doctr'], {}, '/').kind, 'error');
  t.is(parseCommand(['doctor', 'now'], {}, '/').kind, 'error');
  t.deepEqual(parseCommand(['--data', 'x.json'], {}, '/h'), {kind: 'console', data: {kind: 'file', path: '/h/x.json'}, demo: false});
});

test('a healthy data file: no problems, and the report says what was checked', async t => {
  const {file} = await healthy();
  const checks = await runDoctor(file);
  t.deepEqual(
    checks.filter(check => check.level !== 'ok'),
    [],
  );
  const report = formatDoctorReport(file, checks);
  t.regex(report, /the data file parses: schema 2, revision 2, 2 third parties/);
  t.regex(report, /backup of revision 1/);
  t.regex(report, /No problems found\.$/);
});

test('a data file readable by others is reported with the fix', async t => {
  const {file} = await healthy();
  chmodSync(file, 0o644);
  chmodSync(backupPath(file), 0o640);
  // The copy of a schema 1 file kept at its upgrade holds the same secrets.
  writeFileSync(schema1CopyPath(file), '{}', {mode: 0o644});
  chmodSync(schema1CopyPath(file), 0o644);
  const found = await problems(file);
  t.is(found.length, 3);
  t.is(found[2]!.fix, `chmod 600 ${schema1CopyPath(file)}`);
  t.regex(found[0]!.text, /group or others can read .*db\.json \(mode 0644\)/);
  t.is(found[0]!.fix, `chmod 600 ${file}`);
  t.is(found[1]!.fix, `chmod 600 ${backupPath(file)}`);
});

test('temp files left by a killed save, a stale lock and pending unsaved changes are each reported', async t => {
  const {folder, file, thirdParties} = await healthy();
  writeFileSync(path.join(folder, 'db.json.3141592653'), '{', {mode: 0o600});
  mkdirSync(lockPath(file));
  writeFileSync(lockOwnerPath(file), JSON.stringify({pid: 2 ** 22 + 99, host: hostname(), since: new Date().toISOString()}));
  writeRecoverySync(
    file,
    {thirdParty: {...thirdParties[1]!, name: 'Beta (draft)'}, original: thirdParties[1]!},
    new Date('2026-11-27T12:00:00Z'),
  );

  const checks = await runDoctor(file);
  const report = formatDoctorReport(file, checks);
  t.regex(report, /PROBLEM temp files left by an interrupted save .*db\.json\.3141592653/);
  t.regex(report, /PROBLEM the save lock was left behind by pid 4194403 .*no longer running/);
  t.regex(report, /note +unsaved changes to "Beta \(draft\)" from 2026-11-27 12:00:00 UTC/);
  t.regex(report, /2 problems found\.$/);
  t.is(checks.filter(check => check.level === 'problem').length, 2);
});

test('a broken data file is reported, with the backup to restore', async t => {
  const {file} = await healthy();
  writeFileSync(file, '{"schema": 1, "revision": 2, "thirdParties": [}');
  const [problem] = await problems(file);
  t.regex(problem!.text, /is not valid JSON/);
  t.is(problem!.fix, `correct it by hand, or restore the backup: cp -p ${backupPath(file)} ${file}`);
});

test('a data file not made yet is only a note', async t => {
  const checks = await runDoctor(path.join(freshFolder(), 'db.json'));
  t.deepEqual(
    checks.filter(check => check.level === 'problem'),
    [],
  );
  t.regex(checks[0]!.text, /does not exist yet/);
});

test('records: a client secret or token not made by tpa, and two third parties with one client ID, are problems', async t => {
  const folder = freshFolder();
  const [acme, beta, gamma] = sampleThirdParties(env, ['Acme', 'Beta', 'Gamma']);
  const file = writeDataFile(
    folder,
    databaseOf([
      {...acme!, clientSecret: 'letmein'},
      {...beta!, tokens: [{...beta!.tokens[0]!, token: 'tpat_typedbyhand'}]},
      {...gamma!, clientId: beta!.clientId},
    ]),
  );
  const found = (await problems(file)).map(check => check.text);
  t.deepEqual(found, [
    '2 third parties have the same client ID: "Beta", "Gamma"; a client authenticates as either',
    'client secrets not made by tpa (not tpas_… with a valid checksum): "Acme"',
    'OAuth tokens not made by tpa (not tpat_… with a valid checksum) in "Beta"',
  ]);
  const healthy = writeDataFile(freshFolder(), databaseOf(sampleThirdParties(env, ['Acme', 'Beta'])));
  const report = formatDoctorReport(healthy, await runDoctor(healthy));
  t.regex(report, /ok {6}names and client IDs are unique/);
  t.regex(report, /ok {6}every client secret and token is in tpa’s form/);
});

test("the data file's folder open to others (README: 0700) is reported with the fix", async t => {
  const {folder, file} = await healthy();
  t.deepEqual(await problems(file), []);
  chmodSync(folder, 0o755);
  const found = await problems(file);
  t.is(found.length, 1);
  t.is(
    found[0]!.text,
    `group or others can list the folder ${folder} (mode 0755), which holds the data file and its backup, logs and copies`,
  );
  t.is(found[0]!.fix, `chmod 700 ${folder}`);
});

test('the default data folder is not in the checkout: the first save makes it, 0700', async t => {
  t.is(execFileSync('git', ['-C', REPOSITORY, 'ls-files', 'data'], {encoding: 'utf8'}), '');
  const file = path.join(freshFolder(), 'data', 'db.json');
  const store = await openThirdPartyStore(file, env);
  t.is((await store.saveThirdParty(sampleThirdParties(env, ['Acme'])[0]!)).kind, 'saved');
  t.is(statSync(path.dirname(file)).mode & 0o777, 0o700);
});
