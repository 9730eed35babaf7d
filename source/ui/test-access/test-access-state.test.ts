import test from 'ava';
import {addToken, createThirdParty, tokenToTest, type ThirdParty} from '../../domain/index.js';
import {openTestAccess, presentedOf, reduceTestAccessEvent, type TestAccessDialog} from './test-access-state.js';
import {parseCommand} from '../../options.js';
import {createConsoleReducer, initialConsoleState} from '../console/console-reducer.js';
import type {KeyPress} from '../keys/keys.js';
import {testEnvironment} from '../../../test/helpers/environment.js';
import {PAGES_80X24, reducerConsole} from '../../../test/helpers/console-reducer.js';

const env = testEnvironment('2026-01-10T10:00:00.000Z');
const older = addToken({...createThirdParty(env, 'Acme Payments'), enabled: true, callbackUrl: 'https://acme.example/cb'}, env);
env.setNow('2026-03-10T10:00:00.000Z');
const acme: ThirdParty = addToken(older, env);
const [newest, oldest] = acme.tokens as [ThirdParty['tokens'][0], ThirdParty['tokens'][0]];
const saved = [acme];
const now = new Date('2026-04-01T00:00:00.000Z');
const key = (name: string, text = '') => ({name, text});
/** A key in the panel, through the console's reducer (the panel's bindings), at `now`. */
const panelEnv = testEnvironment(now.toISOString());
const reduce = createConsoleReducer(panelEnv);
const reduceTestAccessKey = (dialog: TestAccessDialog, pressed: KeyPress) => {
  const next = reduce(
    {...initialConsoleState(saved, panelEnv), dialog},
    {type: 'key', key: pressed, pages: {...PAGES_80X24, list: 10, grid: 5}},
  );
  return {dialog: next.dialog?.kind === 'testAccess' ? next.dialog : undefined};
};
const press = (dialog: TestAccessDialog, ...keys: {name: string; text: string}[]) =>
  keys.reduce((current, pressed) => reduceTestAccessKey(current, pressed).dialog!, dialog);

test('the panel is filled with the saved credentials and the newest usable token', t => {
  const dialog = openTestAccess(saved, {id: acme.id, name: acme.name, modified: false}, now);
  t.deepEqual(presentedOf(dialog), {
    clientId: acme.clientId,
    clientSecret: acme.clientSecret,
    token: newest.token,
    callbackUrl: 'https://acme.example/cb',
  });
  t.true(dialog.verdict.granted);
  t.false(dialog.unsaved);
});

test('the token tested: the newest usable one, else the newest (to show why it fails)', t => {
  t.is(tokenToTest({...acme, tokens: [{...newest, active: false}, oldest]}, now)?.id, oldest.id);
  t.is(
    tokenToTest(
      {
        ...acme,
        tokens: [
          {...newest, active: false},
          {...oldest, active: false},
        ],
      },
      now,
    )?.id,
    newest.id,
  );
  t.is(tokenToTest({...acme, tokens: []}, now), undefined);
});

test('a record with unsaved changes is tested as saved, and says so', t => {
  const dialog = openTestAccess(saved, {id: acme.id, name: 'Acme (renamed, not saved)', modified: true}, now);
  t.true(dialog.unsaved);
  t.is(dialog.name, 'Acme Payments');
  t.is(presentedOf(dialog).clientSecret, acme.clientSecret);
});

test('Ctrl+U clears the field, a paste is trimmed of spaces and line breaks, and the verdict follows', t => {
  const opened = openTestAccess(saved, {id: acme.id, name: acme.name, modified: false}, now);
  const cleared = press(opened, key('tab'), key('ctrl+u'));
  t.is(cleared.focus, 'clientSecret');
  t.is(presentedOf(cleared).clientSecret, '');
  t.false(cleared.verdict.granted);
  const pasted = press(cleared, key('paste', `  ${acme.clientSecret}\r\n`));
  t.is(presentedOf(pasted).clientSecret, acme.clientSecret);
  t.true(pasted.verdict.granted);
  // Ctrl+T fills the saved credentials in again; Esc closes.
  t.deepEqual(presentedOf(press(cleared, key('ctrl+t'))), presentedOf(opened));
  t.is(reduceTestAccessKey(opened, key('escape')).dialog, undefined);
});

test('Enter tests through the server only when one was found; an edit makes its answer stale; a late answer is ignored', t => {
  const opened = openTestAccess(saved, {id: acme.id, name: acme.name, modified: false}, now);
  t.is(press(opened, key('return')).server.kind, 'looking');
  const ready = reduceTestAccessEvent(opened, {kind: 'serverFound', url: 'http://127.0.0.1:8787'});
  const testing = press(ready, key('return'));
  t.like(testing.server, {kind: 'testing', run: 1, presented: presentedOf(opened)});
  const answer = {introspect: {status: 200, summary: 'active', ms: 2}, ping: {status: 200, summary: 'granted', ms: 1}, granted: true};
  t.is(reduceTestAccessEvent(testing, {kind: 'serverAnswered', run: 0, test: answer}).server.kind, 'testing');
  const answered = reduceTestAccessEvent(testing, {kind: 'serverAnswered', run: 1, test: answer});
  t.like(answered.server, {kind: 'answered', test: answer});
  t.is(press(answered, key('text', 'x')).server.kind, 'ready');
});

test('tpa serve options: defaults, and bad ports refused', t => {
  t.like(parseCommand(['serve'], {}, '/srv'), {
    kind: 'serve',
    host: '127.0.0.1',
    port: 8787,
    data: {kind: 'file', path: '/srv/data/db.json'},
  });
  t.like(parseCommand(['serve', '--port', '0', '--host', '::1', '--data', 'x.json'], {}, '/srv'), {
    kind: 'serve',
    host: '::1',
    port: 0,
    data: {kind: 'file', path: '/srv/x.json'},
  });
  t.like(parseCommand(['serve'], {TPA_DATA: '/d/db.json'}, '/srv'), {data: {kind: 'file', path: '/d/db.json'}});
  for (const port of ['65536', '-1', 'http', '80.5', '']) t.is(parseCommand(['serve', '--port', port], {}, '/srv').kind, 'error', port);
  t.is(parseCommand(['serve', '--demo'], {}, '/srv').kind, 'error');
});

test('the panel follows the server on this machine: started or stopped after it opened, it is looked for again without a key', t => {
  const ui = reducerConsole();
  ui.press('ctrl+t');
  ui.dispatch({type: 'testAccess', event: {kind: 'serverAbsent', why: 'none running'}});
  const server = () => (ui.state.dialog?.kind === 'testAccess' ? ui.state.dialog.server.kind : undefined);
  t.is(server(), 'absent');
  // The approvals' connection alone (on a database, to the database) says nothing of this machine's server.
  ui.dispatch({type: 'approvals', view: {connected: true, pending: []}});
  t.is(server(), 'absent');
  ui.dispatch({type: 'serverMoved'});
  t.is(server(), 'looking', 'tpa serve started: looked for again');
  ui.dispatch({type: 'testAccess', event: {kind: 'serverFound', url: 'http://127.0.0.1:18301'}});
  t.is(server(), 'ready');
  ui.dispatch({type: 'serverMoved'});
  t.is(server(), 'looking', 'stopped: looked for again');
});
