import path from 'node:path';
import test from 'ava';
import {parseCommand} from './options.js';

test('the default data file is data/db.json under the working directory', t => {
  t.deepEqual(parseCommand([], {}, '/srv'), {kind: 'console', data: {kind: 'file', path: path.resolve('/srv/data/db.json')}, demo: false});
});

test('TPA_DATA chooses another file, and --data wins over it', t => {
  t.like(parseCommand([], {TPA_DATA: 'x.json'}, '/srv'), {data: {kind: 'file', path: '/srv/x.json'}});
  t.like(parseCommand(['--data', '/etc/y.json'], {TPA_DATA: 'x.json'}, '/srv'), {data: {kind: 'file', path: '/etc/y.json'}});
});

test('--help, --version and --demo', t => {
  t.is(parseCommand(['--help'], {}, '/').kind, 'help');
  t.is(parseCommand(['-v'], {}, '/').kind, 'version');
  t.like(parseCommand(['--demo'], {}, '/'), {kind: 'console', demo: true});
});

test('an unknown option or an empty --data is an error that points to --help', t => {
  t.like(parseCommand(['--colour'], {}, '/'), {kind: 'error'});
  t.regex((parseCommand(['--colour'], {}, '/') as {message: string}).message, /tpa --help/);
  t.like(parseCommand(['--data', ''], {}, '/'), {kind: 'error', message: '--data needs a file name or a postgres:// address.'});
});

test('a scriptable command comes back ready to run, with its data file from --data before or after it, or TPA_DATA', t => {
  t.like(parseCommand(['list', '--json'], {}, '/srv'), {
    kind: 'cli',
    name: 'list',
    json: true,
    data: {kind: 'file', path: '/srv/data/db.json'},
  });
  t.like(parseCommand(['--data', 'a.json', 'show', 'Acme'], {}, '/srv'), {
    kind: 'cli',
    name: 'show',
    json: false,
    data: {kind: 'file', path: '/srv/a.json'},
  });
  t.like(parseCommand(['token', 'add', 'Acme', '--data', 'b.json'], {TPA_DATA: 'x.json'}, '/srv'), {
    kind: 'cli',
    name: 'token add',
    data: {kind: 'file', path: '/srv/b.json'},
  });
  t.like(parseCommand(['expiring'], {TPA_DATA: '/d/db.json'}, '/srv'), {
    kind: 'cli',
    name: 'expiring',
    data: {kind: 'file', path: '/d/db.json'},
  });
  t.like(parseCommand(['list', '--data', ' '], {}, '/srv'), {
    kind: 'error',
    message: '--data needs a file name or a postgres:// address.',
    exitCode: 64,
  });
});

test('tpa --help lists every command; tpa COMMAND --help its options', t => {
  const help = parseCommand(['--help'], {}, '/');
  if (help.kind !== 'help') return t.fail(help.kind);
  for (const name of [
    'list',
    'show',
    'add',
    'token',
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
    'completion',
    'serve',
    'doctor',
    'migrate',
  ])
    t.regex(help.text, new RegExp(`^  ${name} `, 'm'), name);
  const token = parseCommand(['token', '--help'], {}, '/');
  t.like(token, {kind: 'help'});
  for (const name of ['add', 'expire', 'deactivate', 'activate', 'delete'])
    t.regex((token as {text: string}).text, new RegExp(`^  ${name} `, 'm'));
  t.regex((parseCommand(['send', '--help'], {}, '/') as {text: string}).text, /--out <file>[\s\S]*--stdout[\s\S]*--force/);
  t.like(parseCommand(['help', 'token'], {}, '/'), {kind: 'help', text: (token as {text: string}).text});
});

test('wrong usage: a suggestion for a typing mistake, exit 64', t => {
  t.like(parseCommand(['lsit'], {}, '/'), {kind: 'error', message: "Unknown command 'lsit'. Did you mean 'list'?", exitCode: 64});
  t.like(parseCommand(['xyzzy'], {}, '/'), {kind: 'error', message: "Unknown command 'xyzzy'.", exitCode: 64});
  t.like(parseCommand(['expirnig'], {}, '/'), {message: "Unknown command 'expirnig'. Did you mean 'expiring'?"});
  t.like(parseCommand(['token'], {}, '/'), {kind: 'error', exitCode: 64});
  t.like(parseCommand(['hlep'], {}, '/'), {message: "Unknown command 'hlep'. Did you mean 'help'?"});
  t.like(parseCommand(['delete', 'Acme'], {}, '/'), {kind: 'error', exitCode: 64});
  t.like(parseCommand(['callback', 'Acme'], {}, '/'), {kind: 'error', message: 'Give either a callback URL or --none.'});
  t.like(parseCommand(['send', 'Acme'], {}, '/'), {kind: 'error', message: 'Give either --out FILE or --stdout.'});
  t.like(parseCommand(['expiring', '--within', 'soon'], {}, '/'), {kind: 'error', exitCode: 64});
  t.like(parseCommand(['completion', 'fish'], {}, '/'), {kind: 'error', exitCode: 64});
});

test('--data and TPA_DATA take a postgres:// address for every command, the console, serve and doctor; migrate takes it as its argument', t => {
  const url = 'postgres://tpa@db.example.com:5432/tpa';
  for (const argv of [
    ['--data', url],
    ['list', '--data', url],
    ['--data', url, 'show', 'Acme'],
    ['serve', '--data', url],
    ['doctor', '--data', url],
  ]) {
    const command = parseCommand(argv, {}, '/srv');
    t.like(command, {data: {kind: 'postgres'}}, argv.join(' '));
    t.is((command as {data: {display: string}}).data.display, url, argv.join(' '));
  }
  t.like(parseCommand(['list'], {TPA_DATA: url}, '/srv'), {kind: 'cli', data: {kind: 'postgres'}});
  t.like(parseCommand(['migrate', url], {}, '/srv'), {kind: 'migrate', data: {kind: 'postgres'}});
  t.like(parseCommand(['migrate'], {TPA_DATA: url}, '/srv'), {kind: 'migrate', data: {kind: 'postgres'}});
  t.like(parseCommand(['migrate', '--data', url], {}, '/srv'), {kind: 'migrate', data: {kind: 'postgres'}});
  const onFile = parseCommand(['migrate', 'db.json'], {}, '/srv');
  t.like(onFile, {kind: 'error', exitCode: 64});
  t.regex((onFile as {message: string}).message, /tpa migrate works on a PostgreSQL database .* a data file needs no migration/);
  const bad = parseCommand(['list', '--data', 'postgres://u:hunter2@db:0/tpa'], {}, '/srv');
  t.like(bad, {kind: 'error', exitCode: 64});
  t.notRegex((bad as {message: string}).message, /hunter2/);
});
