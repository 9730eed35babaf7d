/**
 * The scriptable commands on a database, through the built dist/cli.js: the same output, exit
 * codes and audit entries as on a file; several at once lose nothing.
 */
import test from 'ava';
import {tpa, validJson, type CliResult} from './helpers/cli.js';
import {freshFolder} from './helpers/data-files.js';
import {postgresForThisFile} from './helpers/postgres-per-file.js';

const postgres = postgresForThisFile();

const clean = {PGHOST: '', PGPORT: '', PGUSER: '', PGPASSWORD: '', PGDATABASE: '', PGSSLMODE: ''};
/** Every command on the database of TPA_DATA; the state folder a fresh one (no server file of another test). */
const on = (url: string) => {
  const state = freshFolder();
  return (args: readonly string[]): Promise<CliResult> => tpa(args, {env: {...clean, TPA_DATA: url, XDG_STATE_HOME: state}});
};

const migrated = async () => {
  const url = await postgres().createDatabase();
  const run = on(url);
  const result = await run(['migrate']);
  if (result.code !== 0) throw new Error(result.stderr);
  return run;
};

test('a third party’s life through the commands: add, token, rename, callback, disable, rotate, send, history, delete', async t => {
  const run = await migrated();
  const added = await run(['add', 'Acme Payments', '--callback', 'https://acme.example/cb', '--enable', '--token', '--json']);
  t.is(added.code, 0, added.stderr);
  const document = validJson<{thirdParty: {name: string; tokens: unknown[]}}>(t, added.stdout);
  t.is(document.thirdParty.name, 'Acme Payments');
  t.is(document.thirdParty.tokens.length, 1);

  t.is((await run(['add', 'acme payments'])).code, 4, 'a name taken, ignoring case');
  t.is((await run(['token', 'add', 'Acme Payments', '--expires', '30d'])).code, 0);
  t.is((await run(['rename', 'Acme Payments', 'Acme Pay'])).code, 0);
  t.is((await run(['callback', 'Acme Pay', '--none'])).code, 0);
  t.is((await run(['disable', 'Acme Pay'])).code, 0);
  t.is((await run(['rotate-secret', 'Acme Pay', '--grace', '24h'])).code, 0);
  const sheet = await run(['send', 'Acme Pay', '--stdout']);
  t.is(sheet.code, 0, sheet.stderr);
  t.regex(sheet.stdout, /tpas_/);

  const list = await run(['list']);
  t.regex(list.stdout, /^Acme Pay +no +2\/0\/0 +manual +- +-$/m);
  const history = validJson<{entries: Array<{actor: string; action: string}>}>(t, (await run(['history', 'Acme Pay', '--json'])).stdout);
  t.deepEqual(
    history.entries.map(entry => entry.action),
    ['send', 'update', 'update', 'update', 'update', 'update', 'create'],
  );
  t.true(history.entries.every(entry => entry.actor.endsWith(' (cli)')));

  const shown = validJson<{thirdParty: {previousClientSecret: unknown}}>(t, (await run(['show', 'Acme Pay', '--json'])).stdout);
  t.truthy(shown.thirdParty.previousClientSecret);
  t.is((await run(['test', 'Acme Pay'])).code, 1, 'not Enabled: access denied');
  t.is((await run(['delete', 'Acme Pay', '--yes'])).code, 0);
  t.is((await run(['show', 'Acme Pay'])).code, 3);
  t.regex((await run(['list'])).stdout, /No third parties yet/);
});

test('commands at once on one database: changes to different fields of one third party and to others are all kept', async t => {
  const run = await migrated();
  for (const name of ['Acme', 'Beta', 'Gamma']) t.is((await run(['add', name, '--token'])).code, 0);
  const results = await Promise.all([
    run(['enable', 'Acme']),
    run(['callback', 'Acme', 'https://acme.example/cb']),
    run(['token', 'add', 'Acme']),
    run(['rename', 'Beta', 'Beta Two']),
    run(['enable', 'Gamma']),
    run(['token', 'add', 'Gamma', '--expires', '90d']),
  ]);
  for (const result of results) t.is(result.code, 0, result.stderr);
  const list = (await run(['list'])).stdout;
  t.regex(list, /^Acme +yes +2\/0\/0 +automatic +ask +https:\/\/acme\.example\/cb$/m);
  t.regex(list, /^Beta Two +no +1\/0\/0/m);
  t.regex(list, /^Gamma +yes +2\/0\/0/m);
});

test('a database that is not there or not migrated: the command says which and what to do, and writes nothing', async t => {
  const url = await postgres().createDatabase();
  const run = on(url);
  const list = await run(['list']);
  t.is(list.code, 5);
  t.regex(list.stderr, /no tpa schema yet: run tpa migrate postgres:\/\//);
  t.regex(list.stderr, /Nothing was changed\./);
  const json = await run(['add', 'Acme', '--json']);
  t.is(json.code, 5);
  t.like(validJson(t, json.stderr), {error: {code: 'data-file'}});
});
