/**
 * The database stopped and started again under a running `tpa serve` and a console (the built
 * program, in a pseudo-terminal): both say so; the server keeps answering introspection from
 * memory and refuses what needs the database with 503 temporarily_unavailable and Retry-After (an
 * authorization request with the error in the OAuth form); the console's save says what happened
 * and keeps the edit; once the database is back both recover by themselves.
 */
import test from 'ava';
import {tpa} from './helpers/cli.js';
import {databaseOf} from './helpers/data-files.js';
import {postgresEngine, postgresOfThisFile} from './helpers/engines.js';
import {testEnvironment} from './helpers/environment.js';
import {authorizeFrom, basic, exchangeCode, makeOAuthThirdParties, postForm, spawnServe} from './helpers/oauth-server.js';
import {KEYS, PtyConsole, focusList} from './helpers/pty-console.js';
import {rightPaneText, WAIT} from './helpers/screen-text.js';
import {within} from './helpers/poll.js';

test.afterEach.always(() => PtyConsole.killAll());

test.serial(
  'the database stopped under a running server and console: both say so, introspection answers, writes are refused; back, both recover',
  async t => {
    const env = testEnvironment(new Date());
    const thirdParties = makeOAuthThirdParties(env);
    const place = await postgresEngine(t).place(databaseOf(Object.values(thirdParties)), env);
    const postgres = await postgresOfThisFile();
    const acme = thirdParties.automatic;
    const serve = await spawnServe(place.data);
    t.teardown(() => serve.stop());
    const console = PtyConsole.start({args: ['--data', place.data]});
    await console.waitFor('Third parties', WAIT);

    // A token, and a code not exchanged yet, from before the outage.
    const first = await authorizeFrom(serve.url, acme);
    const token = JSON.parse((await exchangeCode(serve.url, acme, first.code!, first.verifier)).body).access_token as string;
    const pending = await authorizeFrom(serve.url, acme);
    t.truthy(pending.code);
    const introspect = async () =>
      JSON.parse((await postForm(`${serve.url}/oauth/introspect`, {token}, basic(acme))).body).active as boolean;
    t.true(await introspect());

    // An edit in the console, not saved yet.
    await focusList(console);
    console.write(KEYS.up, KEYS.up, KEYS.up, KEYS.enter);
    await console.waitFor(/› Third Party Name +Acme Payments/, WAIT);
    await console.type(' Ltd', 'Acme Payments Ltd');

    await postgres.stop();
    try {
      // Both say so, without being asked.
      await within(15_000, async () => /the database went away/.test(serve.stderr()));
      await console.waitFor(/The database cannot be reached/, WAIT);
      // Introspection from memory.
      t.true(await introspect(), 'answered from memory');
      // What needs the database: refused, the client told to come back.
      const exchanged = await exchangeCode(serve.url, acme, pending.code!, pending.verifier);
      t.is(exchanged.status, 503, exchanged.body);
      t.is(exchanged.headers['retry-after'], '5');
      t.is(JSON.parse(exchanged.body).error, 'temporarily_unavailable');
      const revoked = await postForm(`${serve.url}/oauth/revoke`, {token}, basic(acme));
      t.is(revoked.status, 503, revoked.body);
      t.is(revoked.headers['retry-after'], '5');
      const authorized = await authorizeFrom(serve.url, acme);
      t.is(authorized.error, 'temporarily_unavailable');
      t.true(await introspect(), 'the refused revocation changed nothing');
      // The console's save says what happened and keeps the edit.
      console.write(KEYS.ctrl('s'));
      // The message wraps in the form, where depends on the database's name and port: read the pane as one line.
      const refused = await console.waitFor(screen => /nothing answers at 127\.0\.0\.1:\d+/.test(rightPaneText(screen)), WAIT);
      t.regex(refused.split('\n')[0]!, /● not saved/);
      t.regex(refused, /Third Party Name +Acme Payments Ltd/);
      t.false(refused.includes(postgres.password));
    } finally {
      await postgres.start();
    }

    // Back: both recover by themselves.
    await console.waitFor(/The database is back/, WAIT);
    console.write(KEYS.ctrl('s'));
    await console.waitFor(/Saved \d\d:\d\d/, WAIT);
    t.true((await place.stored()).thirdParties.some(thirdParty => thirdParty.name === 'Acme Payments Ltd'));
    const again = await within(15_000, async () => {
      const {code, verifier} = await authorizeFrom(serve.url, acme);
      return code !== undefined && (await exchangeCode(serve.url, acme, code, verifier)).status === 200;
    });
    t.log(`issuing again ${again} ms after the database came back`);
    // The console follows others' saves again.
    const command = await tpa(['callback', 'Delta Mail', 'https://delta.example/cb', '--data', place.data]);
    t.is(command.code, 0, command.stderr);
    await console.waitFor(/Delta Mail: changed by/, WAIT);
    // Said once each, never with the password.
    t.is(serve.stderr().match(/the database went away \(.+\); trying again/g)?.length, 1, serve.stderr());
    t.is(serve.stderr().match(/the database is back/g)?.length, 1, serve.stderr());
    t.false(serve.stderr().includes(postgres.password));
  },
);
