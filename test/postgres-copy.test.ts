/**
 * `tpa copy` through the built dist/cli.js: a data file with its audit log, Last used and issuer
 * into a database and back into a new file, the same on arrival; and the refusals that keep
 * anything from being overwritten.
 */
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {auditLogPath, lastUsedIndexPath, openThirdPartyStore} from '../source/store/index.js';
import {tpa, type CliResult} from './helpers/cli.js';
import {freshFolder, sampleThirdParties} from './helpers/data-files.js';
import {testEnvironment} from './helpers/environment.js';
import {postgresForThisFile} from './helpers/postgres-per-file.js';

const postgres = postgresForThisFile();

const clean = {PGHOST: '', PGPORT: '', PGUSER: '', PGPASSWORD: '', PGDATABASE: '', PGSSLMODE: ''};
const run = (args: readonly string[]): Promise<CliResult> => tpa(args, {env: clean});

/** A data file made by the store as the console makes it: three third parties, edits, an issuer, and Last used. */
const dataFileWithHistory = async (): Promise<string> => {
  const env = testEnvironment();
  const file = path.join(freshFolder(), 'db.json');
  const store = await openThirdPartyStore(file, env, {actor: 'alice@host'});
  const [acme, beta, gamma] = sampleThirdParties(env, ['Acme Payments', 'Beta', 'Gamma']);
  for (const thirdParty of [acme!, beta!, gamma!]) await store.saveThirdParty(thirdParty);
  env.setNow('2026-11-27T11:00:00.000Z');
  await store.saveThirdParty({...acme!, name: 'Acme Pay', callbackUrl: 'https://acme.example/cb', approval: 'automatic'});
  await store.recordSent(beta!.id, beta!.tokens[0]!.id, 'file /tmp/beta.txt');
  await store.deleteThirdParty(gamma!.id);
  await store.saveSettings({issuer: 'https://tpa.example.com'});
  writeFileSync(lastUsedIndexPath(file), JSON.stringify({[acme!.tokens[0]!.id]: '2026-11-27T10:30:00.000Z'}), {mode: 0o600});
  return file;
};

test('a data file into a database and back into a new file: every record, entry, Last used and the issuer, the same', async t => {
  const file = await dataFileWithHistory();
  const url = await postgres().createDatabase();
  t.is((await run(['migrate', url])).code, 0);

  const there = await run(['copy', '--from', file, '--to', url]);
  t.is(there.code, 0, there.stderr);
  const counts = '2 third parties, 2 tokens, 6 audit entries, 1 Last used, 1 setting';
  t.is(
    there.stdout,
    `read ${file}: ${counts}\nwrote ${url.replace(`:${postgres().password}@`, '@')} and read it back: ${counts}; the same.\n`,
  );
  t.false(there.stdout.includes(postgres().password));

  const back = path.join(freshFolder(), 'copy.json');
  const again = await run(['copy', '--from', url, '--to', back]);
  t.is(again.code, 0, again.stderr);
  t.regex(again.stdout, new RegExp(`wrote ${back} and read it back: ${counts}; the same\\.`));
  const original = JSON.parse(readFileSync(file, 'utf8'));
  const copied = JSON.parse(readFileSync(back, 'utf8'));
  t.deepEqual(copied, original);
  t.is(
    readFileSync(auditLogPath(back), 'utf8'),
    readFileSync(auditLogPath(file), 'utf8'),
    'the audit log line for line, key order included',
  );
  t.deepEqual(JSON.parse(readFileSync(lastUsedIndexPath(back), 'utf8')), JSON.parse(readFileSync(lastUsedIndexPath(file), 'utf8')));
  // The copy opens as a data file of its own.
  const list = await run(['list', '--names', '--data', back]);
  t.is(list.stdout, 'Acme Pay\nBeta\n');
});

test('nothing is overwritten: an existing file, a database with data, a database without the schema, the source itself', async t => {
  const file = await dataFileWithHistory();
  const url = await postgres().createDatabase();
  await run(['migrate', url]);
  t.is((await run(['copy', '--from', file, '--to', url])).code, 0);

  const full = await run(['copy', '--from', file, '--to', url]);
  t.is(full.code, 5);
  t.regex(full.stderr, /holds 2 third parties and 6 audit entries already: tpa copy writes only into an empty database/);
  t.regex(full.stderr, /Nothing was copied\./);

  const existing = path.join(freshFolder(), 'db.json');
  writeFileSync(existing, 'precious', {mode: 0o600});
  const overwrite = await run(['copy', '--from', url, '--to', existing]);
  t.is(overwrite.code, 5);
  t.regex(overwrite.stderr, /exists already: tpa copy writes only a new data file/);
  t.is(readFileSync(existing, 'utf8'), 'precious');

  const bare = await postgres().createDatabase();
  const unmigrated = await run(['copy', '--from', file, '--to', bare]);
  t.is(unmigrated.code, 5);
  t.regex(unmigrated.stderr, /no tpa schema yet: run tpa migrate/);

  const itself = await run(['copy', '--from', file, '--to', file]);
  t.is(itself.code, 5);
  t.regex(itself.stderr, /is the source itself/);

  const missing = await run(['copy', '--from', path.join(freshFolder(), 'none.json'), '--to', path.join(freshFolder(), 'x.json')]);
  t.is(missing.code, 5);
  t.regex(missing.stderr, /does not exist: there is nothing to copy/);

  const usage = await run(['copy', '--from', file]);
  t.is(usage.code, 64);
  t.regex(usage.stderr, /--to/);
  for (const result of [full, overwrite, unmigrated]) t.false(result.stderr.includes(postgres().password));
  t.false(existsSync(`${existing}.audit.jsonl`));
});

test('audit log lines that are not entries are counted and left behind', async t => {
  const file = await dataFileWithHistory();
  writeFileSync(auditLogPath(file), `${readFileSync(auditLogPath(file), 'utf8')}{"cut short\n`);
  const url = await postgres().createDatabase();
  await run(['migrate', url]);
  const result = await run(['copy', '--from', file, '--to', url]);
  t.is(result.code, 0, result.stderr);
  t.regex(result.stdout, /1 audit log lines were not entries \(cut short or edited by hand\) and were left behind/);
  t.regex(result.stdout, /6 audit entries/);
});
