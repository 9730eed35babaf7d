/** The console's live view, with live sources the test drives: refresh, approvals, the approval field. */
import {readFile} from 'node:fs/promises';
import test from 'ava';
import {rightPaneText} from '../../../test/helpers/screen-text.js';
import {addToken, createThirdParty, SCHEMA_VERSION, type Database} from '../../domain/index.js';
import {openThirdPartyStore} from '../../store/index.js';
import type {ApprovalDecision, ApprovalsView, LiveSources} from './live-sources.js';
import {testEnvironment} from '../../../test/helpers/environment.js';
import {KEYS} from '../../../test/helpers/pty-console.js';
import {renderConsole} from '../../../test/helpers/render-console.js';

const env = testEnvironment('2026-11-27T10:00:00.000Z', 'fixture');
const acme = addToken({...createThirdParty(env, 'Acme Payments'), enabled: true, callbackUrl: 'https://acme.example/cb'}, env);
const city = createThirdParty(env, 'City Utilities');
const database: Database = {schema: SCHEMA_VERSION, revision: 4, thirdParties: [city, acme]};

/** Live sources whose changes the test makes happen; `server`: where a running server answers (its --issuer). */
const fakeLive = (server?: string) => {
  let dataChanged: () => void = () => undefined;
  let approvals: (view: ApprovalsView) => void = () => undefined;
  const decisions: {id: string; decision: ApprovalDecision}[] = [];
  const live: LiveSources = {
    watchDataFile: onChange => {
      dataChanged = onChange;
      return () => undefined;
    },
    watchLastUsed: () => () => undefined,
    subscribeApprovals: listener => {
      approvals = listener;
      listener({connected: true, pending: []});
      return () => undefined;
    },
    decide: async (id, decision) => {
      decisions.push({id, decision});
      return true;
    },
    runningServer: async () => (server === undefined ? undefined : {issuer: server, listening: server}),
    testAuthorization: async () => ({
      ok: false,
      steps: [
        {name: 'discovery', ok: true, answer: '200 issuer https://tpa.example', ms: 3},
        {name: 'authorize', ok: true, answer: '302 to the callback URL', ms: 4},
        {name: 'code', ok: true, answer: 'code, state and iss as expected', ms: 0},
        {name: 'token', ok: false, answer: '401 invalid_client', ms: 5},
      ],
      failed: {step: 'token', lookAt: 'Right client ID and secret saved?'},
    }),
  };
  return {live, decisions, dataChanged: () => dataChanged(), approvals: (view: ApprovalsView) => approvals(view)};
};

const saveElsewhere = async (file: string, change: (thirdParties: Database['thirdParties']) => Database['thirdParties'][number]) => {
  const other = await openThirdPartyStore(file, testEnvironment('2026-11-27T11:00:00.000Z', 'other'), {actor: 'bob@host'});
  const outcome = await other.saveThirdParty(change(other.database.thirdParties));
  if (outcome.kind !== 'saved') throw new Error('the other save did not go through');
};

test('a record not being edited is refreshed in place when another writer saved, with a notice of what came in', async t => {
  const fake = fakeLive();
  const ui = await renderConsole({database, live: fake.live});
  await ui.waitFor('Acme Payments');
  await saveElsewhere(ui.file, all => ({...all.find(one => one.id === acme.id)!, name: 'Acme Payments Ltd'}));
  fake.dataChanged();
  const frame = await ui.waitFor('Acme Payments Ltd: changed by bob@host');
  // The form (Acme is open) shows the new name too, and nothing counts as unsaved.
  t.regex(frame, /Third Party Name\s+Acme Payments Ltd/);
  t.notRegex(frame, /● modified/);
  ui.unmount();
});

test('a record with unsaved edits keeps them through a refresh, and its save merges the other change', async t => {
  const fake = fakeLive();
  const ui = await renderConsole({database, live: fake.live});
  await ui.waitFor('Acme Payments');
  ui.press(KEYS.enter);
  await ui.waitFor(/› Third Party Name/);
  ui.press(' X');
  await ui.waitFor('Acme Payments X');
  await saveElsewhere(ui.file, all => ({...all.find(one => one.id === city.id)!, name: 'City Utilities Co'}));
  fake.dataChanged();
  const frame = await ui.waitFor('City Utilities Co: changed by bob@host');
  t.regex(frame, /Acme Payments X/);
  t.regex(frame, /● modified/);
  ui.press(KEYS.ctrl('s'));
  await ui.waitFor(/Saved \d\d:\d\d/);
  const saved = JSON.parse(await readFile(ui.file, 'utf8')) as Database;
  t.deepEqual(saved.thirdParties.map(one => one.name).sort(), ['Acme Payments X', 'City Utilities Co']);
  ui.unmount();
});

test('the approval setting is a field of the form for a third party with a callback URL, saved with Ctrl+S', async t => {
  const fake = fakeLive('https://tpa.example');
  const ui = await renderConsole({database, live: fake.live});
  await ui.waitFor('Acme Payments');
  ui.press(KEYS.enter);
  await ui.waitFor(/› Third Party Name/);
  let frame = await ui.waitFor('starts at https://tpa.example/oauth/authorize');
  t.regex(frame, /Authorization\s+automatic, not authorized yet/);
  t.regex(frame, /Approval\s+ask in the console/);
  for (let step = 0; step < 5; step++) ui.press(KEYS.tab);
  await ui.waitFor(/› Approval/);
  ui.press(' ');
  frame = await ui.waitFor(/Approval\s+automatic/);
  t.regex(frame, /● modified/);
  ui.press(KEYS.ctrl('s'));
  await ui.waitFor(/Saved \d\d:\d\d/);
  const saved = JSON.parse(await readFile(ui.file, 'utf8')) as Database;
  t.is(saved.thirdParties.find(one => one.id === acme.id)?.approval, 'automatic');
  ui.unmount();
});

test('a third party without a callback URL has no approval field', async t => {
  const ui = await renderConsole({database, live: fakeLive().live});
  await ui.waitFor('City Utilities');
  ui.press(KEYS.down, KEYS.enter);
  const frame = await ui.waitFor(/Authorization\s+manual/);
  t.notRegex(frame, /Approval/);
  t.notRegex(frame, /starts at/);
  ui.unmount();
});

test('requests waiting for approval: counted in the header, listed by Ctrl+W, D denies the highlighted one', async t => {
  const fake = fakeLive();
  const ui = await renderConsole({database, live: fake.live, env: testEnvironment('2026-11-27T10:05:00.000Z')});
  await ui.waitFor('Acme Payments');
  const request = {
    thirdPartyId: acme.id,
    thirdPartyName: 'Acme Payments',
    clientId: acme.clientId,
    remote: '192.0.2.7',
    redirectUri: 'https://acme.example/cb',
    since: '2026-11-27T10:02:00.000Z',
  };
  fake.approvals({
    connected: true,
    pending: [
      {...request, id: 'r1'},
      {...request, id: 'r2', remote: '192.0.2.8'},
    ],
  });
  const header = await ui.waitFor(frame => (frame.split('\n')[0] ?? '').includes('2 waiting'));
  t.truthy(header);
  ui.press(KEYS.ctrl('w'));
  const list = await ui.waitFor('Waiting for approval (2)');
  t.regex(list, /› Acme Payments/);
  t.regex(list, /from 192\.0\.2\.7, since \d\d:\d\d \(3 min\)/);
  t.regex(list, /to https:\/\/acme\.example\/cb/);
  ui.press(KEYS.down, 'd');
  await ui.waitFor('Acme Payments: request denied.');
  t.deepEqual(fake.decisions, [{id: 'r2', decision: 'deny'}]);
  // Decided: the server's next announcement takes it off the list.
  fake.approvals({connected: true, pending: [{...request, id: 'r1'}]});
  await ui.waitFor('Waiting for approval (1)');
  ui.press(KEYS.enter);
  await ui.waitFor('Acme Payments: request approved.');
  t.deepEqual(fake.decisions.at(-1), {id: 'r1', decision: 'approve'});
  ui.unmount();
});

test('Ctrl+W without a server says why there is nothing to approve', async t => {
  const ui = await renderConsole({database});
  await ui.waitFor('Acme Payments');
  ui.press(KEYS.ctrl('w'));
  await ui.waitFor('No requests: no server for this console.');
  t.pass();
  ui.unmount();
});

test('Ctrl+T then Ctrl+P runs the automatic authorization test: each step with its answer and time, the failing one named', async t => {
  const ui = await renderConsole({database, live: fakeLive().live});
  await ui.waitFor('Acme Payments');
  ui.press(KEYS.ctrl('t'));
  const panel = await ui.waitFor('^P auto flow');
  t.truthy(panel);
  ui.press(KEYS.ctrl('p'));
  const frame = await ui.waitFor('Failed at token.');
  t.regex(frame, /✔ discovery\s+200 issuer https:\/\/tpa\.example\s+3 ms/);
  t.regex(frame, /✘ token\s+401 invalid_client\s+5 ms/);
  t.regex(frame, /Right client ID and secret saved\?/);
  ui.unmount();
});

test('the automatic authorization test is refused for a third party without a callback URL, and says why', async t => {
  const ui = await renderConsole({database, live: fakeLive().live});
  await ui.waitFor('City Utilities');
  ui.press(KEYS.down);
  await ui.waitFor(/› City Utilities/);
  ui.press(KEYS.ctrl('t'));
  const panel = await ui.waitFor('Test access');
  t.notRegex(panel, /auto flow/);
  ui.press(KEYS.ctrl('p'));
  await ui.waitFor('No callback URL saved: this third party uses manual authorization');
  ui.unmount();
});

test('Ctrl+O for a third party with a callback URL: client ID and secret, the token it has with its test command, the discovery URL and the flow', async t => {
  const ui = await renderConsole({database, live: fakeLive('https://tpa.example').live});
  await ui.waitFor('starts at https://tpa.example/oauth/authorize');
  ui.press(KEYS.ctrl('o'));
  const frame = await ui.waitFor('Send OAuth information');
  t.regex(frame, /Discovery/);
  t.regex(frame, /https:\/\/tpa\.example\/\.well-known\/oauth-authorization-server/);
  t.regex(frame, /OAuth Token +tpat_\w{3}…\w{4}/);
  t.regex(rightPaneText(frame), /https:\/\/tpa\.example\/oauth\/introspect/);
  ui.press(KEYS.end);
  // The steps wrap within the pane.
  const sheet = rightPaneText(await ui.waitFor('(the end)'));
  t.regex(sheet, /GET https:\/\/tpa\.example\/oauth\/authorize/);
  t.regex(sheet, /code_challenge_method=S256/);
  t.false(sheet.includes('loopback'), 'a public issuer is warned of nothing');
  ui.unmount();
});

test('F2: the issuer is typed, checked and saved in the data file; the form and the sheet use it', async t => {
  const ui = await renderConsole({database, live: fakeLive('http://127.0.0.1:8787').live});
  await ui.waitFor('starts at http://127.0.0.1:8787/oauth/authorize');
  ui.press(KEYS.f2);
  await ui.waitFor('Public address of the authorization server');
  ui.press('not a url', KEYS.enter);
  await ui.waitFor(frame => rightPaneText(frame).includes('Type an absolute URL such as https://tpa.example.com, or leave it empty.'));
  ui.press(KEYS.ctrl('u'), 'https://tpa.example.com/', KEYS.enter);
  await ui.waitFor('Issuer saved: https://tpa.example.com.');
  await ui.waitFor('starts at https://tpa.example.com/oauth/authorize');
  const saved = JSON.parse(await readFile(ui.file, 'utf8')) as Database;
  t.is(saved.settings?.issuer, 'https://tpa.example.com');
  ui.unmount();
});
