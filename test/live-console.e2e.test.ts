/**
 * A real console in a pty beside a real `tpa serve` on the same data (a file, or a database):
 * what the server writes shows without a key pressed, a waiting request is approved from the
 * console, an edit in progress survives the server's writes, and Ctrl+T finds the server.
 */
import test from 'ava';
import {databaseOf} from './helpers/data-files.js';
import {testEachEngine, type EngineFactory} from './helpers/engines.js';
import {testEnvironment} from './helpers/environment.js';
import {authorizeUrl, discover, get, makeOAuthThirdParties, pkce, runFlow, spawnServe} from './helpers/oauth-server.js';
import {KEYS, PtyConsole} from './helpers/pty-console.js';
import {rightPaneText, WAIT} from './helpers/screen-text.js';

test.afterEach.always(() => PtyConsole.killAll());

const oauthPlace = async (engine: EngineFactory) => {
  const env = testEnvironment(new Date().toISOString());
  const thirdParties = makeOAuthThirdParties(env);
  const place = await engine.place(databaseOf(Object.values(thirdParties)), env);
  return {place, thirdParties};
};

const setUp = async (engine: EngineFactory) => {
  const {place, thirdParties} = await oauthPlace(engine);
  const server = await spawnServe(place.data, [], place.env);
  const console = PtyConsole.start({args: ['--data', place.data], env: place.env});
  await console.waitFor('Third parties', WAIT);
  return {place, thirdParties, server, console};
};

testEachEngine.serial('a console open on the data while a flow runs shows the new token without a key pressed', async (t, engine) => {
  const {place, thirdParties, server, console} = await setUp(engine);
  t.teardown(server.stop);
  const acme = thirdParties.automatic;
  // Acme Payments is first in the list, open in the form with its one token.
  await console.waitFor(screen => rightPaneText(screen).includes('Acme Payments'), WAIT);
  const {accessToken} = await runFlow(await discover(server.url), acme);
  const screen = await console.waitFor('Acme Payments: token issued by automatic authorization', WAIT);
  t.regex(rightPaneText(screen), /never \(auto\)/);
  const saved = (await place.stored()).thirdParties.find(thirdParty => thirdParty.id === acme.id)!;
  t.is(saved.tokens.find(token => token.origin === 'automatic')?.token, accessToken);
});

testEachEngine.serial(
  'a waiting request is counted in the header, approved from the console (Ctrl+W, Enter; then no approve or deny offered), and the flow completes',
  async (t, engine) => {
    const {thirdParties, server, console} = await setUp(engine);
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

testEachEngine.serial('a console editing another record while the server writes saves without losing either change', async (t, engine) => {
  const {place, thirdParties, server, console} = await setUp(engine);
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
  const saved = await place.stored();
  t.is(saved.thirdParties.find(thirdParty => thirdParty.id === thirdParties.ask.id)?.name, 'Beta Bank Ltd');
  const acme = saved.thirdParties.find(thirdParty => thirdParty.id === thirdParties.automatic.id)!;
  t.true(acme.tokens.some(token => token.token === accessToken && token.active && token.origin === 'automatic'));
});

testEachEngine.serial(
  'Ctrl+T, Ctrl+P: the automatic authorization test through the running server passes every step',
  async (t, engine) => {
    const {server, console} = await setUp(engine);
    t.teardown(server.stop);
    await console.waitFor(screen => rightPaneText(screen).includes('Acme Payments'), WAIT);
    console.write(KEYS.ctrl('t'));
    await console.waitFor(/Server http:\/\/127\.0\.0\.1:\d+ running/, WAIT);
    t.regex(await console.screen(), /\^P auto flow/);
    console.write(KEYS.ctrl('p'));
    const screen = await console.waitFor(/Automatic authorization works|Failed at/, WAIT);
    const text = rightPaneText(screen);
    for (const step of ['discovery', 'authorize', 'code', 'token', 'introspect', 'revoke'])
      t.regex(text, new RegExp(`✔ ${step} .* \\d+ ms`));
    t.regex(text, /Automatic authorization works/);
  },
);

testEachEngine.serial(
  'Ctrl+T opened before tpa serve starts finds it once it runs, without a key, as the header does',
  async (t, engine) => {
    const {place} = await oauthPlace(engine);
    const console = PtyConsole.start({args: ['--data', place.data], env: place.env});
    await console.waitFor('Third parties', WAIT);
    console.write(KEYS.ctrl('t'));
    await console.waitFor(screen => /Server: .*(no|not|none)/i.test(rightPaneText(screen)), WAIT);
    const server = await spawnServe(place.data, [], place.env);
    t.teardown(server.stop);
    const screen = await console.waitFor(screen => rightPaneText(screen).includes(`Server ${server.url} running`), WAIT);
    t.regex(screen.trimEnd().split('\n').at(-1)!, /Enter test via server/);
  },
);
