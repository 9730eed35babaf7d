/** `tpa completion bash|zsh`: scripts made from the command definitions, checked by running bash's completion function. */
import {execFile} from 'node:child_process';
import {chmodSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import test from 'ava';
import {tpa} from './helpers/cli.js';
import {databaseOf, sampleThirdParties} from './helpers/data-files.js';
import {testEachEngine} from './helpers/engines.js';
import {testEnvironment} from './helpers/environment.js';
import {CLI} from './helpers/pty-console.js';

/** A `tpa` command on PATH, as `npm link` gives one: the completion script runs it for the names. */
const binFolder = (() => {
  const folder = mkdtempSync(path.join(tmpdir(), 'tpa-bin-'));
  writeFileSync(path.join(folder, 'tpa'), `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`);
  chmodSync(path.join(folder, 'tpa'), 0o755);
  return folder;
})();

/** What bash completes for the words typed (the last one is being completed), one completion a line. */
const bashCompletes = (script: string, words: string[], separator = ' '): Promise<string> =>
  new Promise((resolve, reject) => {
    const program = `${script}\nCOMP_WORDS=(${words.map(word => `'${word}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _tpa; IFS='${separator}'; printf '%s\\n' "\${COMPREPLY[*]}"`;
    execFile(
      'bash',
      ['--norc', '-c', program],
      {env: {...process.env, PATH: `${binFolder}:${process.env['PATH'] ?? ''}`}},
      (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout.trim())),
    );
  });

test('bash: commands, token subcommands and options complete; a value after --data is skipped', async t => {
  const {code, stdout: script} = await tpa(['completion', 'bash']);
  t.is(code, 0);
  t.regex(script, /^complete -o default -F _tpa tpa$/m);
  t.is(await bashCompletes(script, ['tpa', 'li']), 'list');
  t.is(await bashCompletes(script, ['tpa', 'ro']), 'rotate-secret');
  t.is(await bashCompletes(script, ['tpa', '--data', 'x.json', 'exp']), 'expiring');
  t.is(await bashCompletes(script, ['tpa', 'token', 'de']), 'deactivate delete');
  t.is(await bashCompletes(script, ['tpa', 'token', 'add', 'Acme', '--ex']), '--expires');
  t.is(await bashCompletes(script, ['tpa', 'send', 'Acme', '--o']), '--out');
  t.is(await bashCompletes(script, ['tpa', 'expiring', '--w']), '--within');
});

testEachEngine(
  "bash: the third parties' names complete where a command takes one, from the data on the line, quoted",
  async (t, engine) => {
    const env = testEnvironment();
    const file = (await engine.place(databaseOf(sampleThirdParties(env, ['Acme Payments', 'Acme Bank', 'City Utilities'])))).data;
    const {stdout: script} = await tpa(['completion', 'bash']);
    t.is(await bashCompletes(script, ['tpa', '--data', file, 'show', 'Ac'], '|'), 'Acme\\ Bank|Acme\\ Payments');
    t.is(await bashCompletes(script, ['tpa', 'token', 'add', '--data', file, 'Acme\\ P'], '|'), 'Acme\\ Payments');
    t.is(await bashCompletes(script, ['tpa', 'delete', '--data', file, 'ci'], '|'), '', 'names are matched as typed');
    t.is(await bashCompletes(script, ['tpa', 'delete', '--data', file, 'Ci'], '|'), 'City\\ Utilities');
    // Not for a new name, not for the second argument, not for an option.
    t.is(await bashCompletes(script, ['tpa', '--data', file, 'add', 'Ac'], '|'), '');
    t.is(await bashCompletes(script, ['tpa', '--data', file, 'rename', 'Acme Bank', 'Ac'], '|'), '');
    t.is(await bashCompletes(script, ['tpa', '--data', file, 'show', '--j'], '|'), '--json');
  },
);

testEachEngine("tpa list --names: one name a line, in the list's order; not with --json", async (t, engine) => {
  const env = testEnvironment();
  const file = (await engine.place(databaseOf(sampleThirdParties(env, ['City Utilities', 'Acme Payments'])))).data;
  const names = await tpa(['list', '--names', '--data', file]);
  t.is(names.code, 0);
  t.is(names.stdout, 'Acme Payments\nCity Utilities\n');
  const both = await tpa(['list', '--names', '--json', '--data', file]);
  t.is(both.code, 64);
  t.regex(both.stderr, /--names and --json do not go together/);
});

test('zsh: a #compdef script with every command and its description', async t => {
  const {code, stdout: script} = await tpa(['completion', 'zsh']);
  t.is(code, 0);
  t.regex(script, /^#compdef tpa\n/);
  t.regex(script, /compdef _tpa tpa/);
  t.regex(script, /\("show"\|"token add"\|[^)]*"history"\)\n\s+names=\(.*list --names/, 'names from tpa list --names');
  t.regex(script, /\("token"\) choices=\('add:add an OAuth token/);
  for (const name of [
    'list',
    'show',
    'add',
    'enable',
    'disable',
    'rename',
    'callback',
    'rotate-secret',
    'delete',
    'test',
    'send',
    'expiring',
    'history',
  ])
    t.regex(script, new RegExp(`'${name}:`), name);
  // Every quote is closed: a description with an apostrophe is escaped for the shell.
  t.regex(script, /'show:show one third party'\\''s record and tokens'/);
});
