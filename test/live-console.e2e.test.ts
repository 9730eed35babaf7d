/**
 * A real console in a pty beside a real `tpa serve` on the same data file: what the server writes
 * shows without a key pressed, a waiting request is approved from the console, and an edit in
 * progress survives the server's writes.
 */
import {readFileSync} from 'node:fs';
import test from 'ava';
import {parseDatabase} from '../source/store/index.js';
import {testEnvironment} from './helpers/environment.js';
import {authorizeUrl, discover, get, pkce, runFlow, spawnServe, writeOAuthData} from './helpers/oauth-server.js';
import {KEYS, PtyConsole} from './helpers/pty-console.js';
import {rightPaneText, WAIT} from './helpers/screen-text.js';

test.afterEach.always(() => PtyConsole.killAll());

const setUp = async () => {
  const env = testEnvironment(new Date().toISOString());
  const data = writeOAuthData(env);
  const server = await spawnServe(data.file);
  const console = PtyConsole.start({args: ['--data', data.file]});
  await console.waitFor('Third parties', WAIT);
  return {...data, server, console};
};

const read = (file: string) => parseDatabase(readFileSync(file, 'utf8'), file);

test.serial('a console open on the file while a flow runs shows the new token without a key pressed', async t => {
  const {file, thirdParties, server, console} = await setUp();
  t.teardown(server.stop);
  const acme = thirdParties.automatic;
  // Acme Payments is first in the list, open in the form with its one token.
  await console.waitFor(screen => rightPaneText(screen).includes('Acme Payments'), WAIT);
  const {accessToken} = await runFlow(await discover(server.url), acme);
  const screen = await console.waitFor('Acme Payments: token issued by automatic authorization', WAIT);
  t.regex(rightPaneText(screen), /never \(auto\)/);
  const saved = read(file).thirdParties.find(thirdParty => thirdParty.id === acme.id)!;
  t.is(saved.tokens.find(token => token.origin === 'automatic')?.token, accessToken);
});

test.serial(
  'a waiting request is counted in the header, approved from the console (Ctrl+W, Enter; then no approve or deny offered), and the flow completes',
  async t => {
    const {thirdParties, server, console} = await setUp();
    t.teardown(server.stop);
    const beta = thirdParties.ask;
    const {challenge} = pkce();
    const page = await get(
      authorizeUrl(server.url, {
        response_type: 'code',
        client_id: beta.clientId,
        redirect_uri: beta.callbackUrl!,
        state: 'st',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
    );
    t.is(page.status, 200);
    const wait = /url=([^"]+)"/.exec(page.body)![1]!;
    await console.waitFor(screen => /1 waiting/.test(screen.split('\n')[0] ?? ''), WAIT);
    // In the form the footer offers it first (the list's own keys fill the line at 80 columns).
    console.write(KEYS.tab);
    await console.waitFor(screen => /^ \^W approve · /.test(screen.trimEnd().split('\n').at(-1) ?? ''), WAIT);
    console.write(KEYS.ctrl('w'));
    const list = await console.waitFor('Waiting for approval (1)', WAIT);
    t.regex(rightPaneText(list), /Beta Bank from 127\.0\.0\.1.*since \d\d:\d\d.*to https:\/\/beta\.example\/oauth\/callback/);
    console.write(KEYS.enter);
    await console.waitFor('Beta Bank: request approved.', WAIT);
    const none = await console.waitFor('Waiting for approval (0)', WAIT);
    // Nothing left to decide: the footer offers no Enter approve or D deny over the empty list.
    t.notRegex(none.trimEnd().split('\n').at(-1)!, /approve|deny/);
    // The application's page moves on to the callback with a code.
    let answer = await get(wait);
    for (let tries = 0; answer.status !== 302 && tries < 50; tries++) answer = await get(wait);
    t.is(answer.status, 302);
    t.truthy(new URL(String(answer.headers.location)).searchParams.get('code'));
  },
);

test.serial('a console editing another record while the server writes saves without losing either change', async t => {
  const {file, thirdParties, server, console} = await setUp();
  t.teardown(server.stop);
  // Beta Bank, second in the list: open it and start typing in its name.
  console.write(KEYS.down, KEYS.enter);
  await console.waitFor(/› Third Party Name/, WAIT);
  await console.type(' Ltd', 'Beta Bank Ltd');
  await console.waitFor('● modified', WAIT);
  const {accessToken} = await runFlow(await discover(server.url), thirdParties.automatic);
  const refreshed = await console.waitFor('Acme Payments: token issued by automatic authorization', WAIT);
  // The edit is still there, unsaved.
  t.regex(refreshed, /Beta Bank Ltd/);
  t.regex(refreshed, /● modified/);
  console.write(KEYS.ctrl('s'));
  await console.waitFor(/Saved \d\d:\d\d/, WAIT);
  const saved = read(file);
  t.is(saved.thirdParties.find(thirdParty => thirdParty.id === thirdParties.ask.id)?.name, 'Beta Bank Ltd');
  const acme = saved.thirdParties.find(thirdParty => thirdParty.id === thirdParties.automatic.id)!;
  t.true(acme.tokens.some(token => token.token === accessToken && token.active && token.origin === 'automatic'));
});

test.serial('Ctrl+T, Ctrl+P: the automatic authorization test through the running server passes every step', async t => {
  const {server, console} = await setUp();
  t.teardown(server.stop);
  await console.waitFor(screen => rightPaneText(screen).includes('Acme Payments'), WAIT);
  console.write(KEYS.ctrl('t'));
  await console.waitFor(/Server http:\/\/127\.0\.0\.1:\d+ running/, WAIT);
  t.regex(await console.screen(), /\^P auto flow/);
  console.write(KEYS.ctrl('p'));
  const screen = await console.waitFor(/Automatic authorization works|Failed at/, WAIT);
  const text = rightPaneText(screen);
  for (const step of ['discovery', 'authorize', 'code', 'token', 'introspect', 'revoke']) t.regex(text, new RegExp(`✔ ${step} .* \\d+ ms`));
  t.regex(text, /Automatic authorization works/);
});

test.serial('Ctrl+T opened before tpa serve starts finds it once it runs, without a key, as the header does', async t => {
  const env = testEnvironment(new Date().toISOString());
  const data = writeOAuthData(env);
  const console = PtyConsole.start({args: ['--data', data.file]});
  await console.waitFor('Third parties', WAIT);
  console.write(KEYS.ctrl('t'));
  await console.waitFor(screen => /Server: .*(no|not|none)/i.test(rightPaneText(screen)), WAIT);
  const server = await spawnServe(data.file);
  t.teardown(server.stop);
  const screen = await console.waitFor(screen => rightPaneText(screen).includes(`Server ${server.url} running`), WAIT);
  t.regex(screen.trimEnd().split('\n').at(-1)!, /Enter test via server/);
});
