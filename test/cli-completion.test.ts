/** `tpa completion bash|zsh`: scripts made from the command definitions, checked by running bash's completion function. */
import {execFile} from 'node:child_process';
import test from 'ava';
import {tpa} from './helpers/cli.js';

/** What bash completes for the words typed (the last one is being completed). */
const bashCompletes = (script: string, words: string[]): Promise<string> =>
  new Promise((resolve, reject) => {
    const program = `${script}\nCOMP_WORDS=(${words.map(word => `'${word}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _tpa; printf '%s\\n' "\${COMPREPLY[*]}"`;
    execFile('bash', ['--norc', '-c', program], (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout.trim())));
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

test('zsh: a #compdef script with every command and its description', async t => {
  const {code, stdout: script} = await tpa(['completion', 'zsh']);
  t.is(code, 0);
  t.regex(script, /^#compdef tpa\n/);
  t.regex(script, /compdef _tpa tpa/);
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
