import path from 'node:path';
import test from 'ava';
import {parseCommand} from '../source/options.js';

test('the default data file is data/db.json under the working directory', t => {
  t.deepEqual(parseCommand([], {}, '/srv'), {kind: 'console', dataFile: path.resolve('/srv/data/db.json'), demo: false});
});

test('TPA_DATA chooses another file, and --data wins over it', t => {
  t.like(parseCommand([], {TPA_DATA: 'x.json'}, '/srv'), {dataFile: '/srv/x.json'});
  t.like(parseCommand(['--data', '/etc/y.json'], {TPA_DATA: 'x.json'}, '/srv'), {dataFile: '/etc/y.json'});
});

test('--help, --version and --demo', t => {
  t.is(parseCommand(['--help'], {}, '/').kind, 'help');
  t.is(parseCommand(['-v'], {}, '/').kind, 'version');
  t.like(parseCommand(['--demo'], {}, '/'), {kind: 'console', demo: true});
});

test('an unknown option or an empty --data is an error that points to --help', t => {
  t.like(parseCommand(['--colour'], {}, '/'), {kind: 'error'});
  t.regex((parseCommand(['--colour'], {}, '/') as {message: string}).message, /tpa --help/);
  t.like(parseCommand(['--data', ''], {}, '/'), {kind: 'error', message: '--data needs a file name.'});
});
