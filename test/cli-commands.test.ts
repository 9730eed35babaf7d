/** Each tpa command on a temporary data file or database: what it prints (for people and as JSON), its exit code, the data and the audit log after it. */
// Serial: each test runs several tpa processes; run side by side on a busy two-core machine they starve each other.
import {existsSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import stringWidth from 'string-width';
import {addToken, createThirdParty, setTokenExpiry, type ThirdParty} from '../source/domain/index.js';
import {backupPath} from '../source/store/index.js';
import {tpa, validJson} from './helpers/cli.js';
import {databaseOf, freshFolder} from './helpers/data-files.js';
import {testEnvironment} from './helpers/environment.js';
import {spawnServe} from './helpers/oauth-server.js';
import {testEachEngine, type EngineFactory} from './helpers/engines.js';
import {within} from './helpers/poll.js';

const DAY = 86_400_000;

/**
 * Acme (Enabled, callback URL, one token), City (not Enabled, no token); made now, so the real
 * clock of the subprocess agrees. `file`: what --data takes (the data file or the database's
 * address); `folder`: a folder of the test's own.
 */
const fixture = async (engine: EngineFactory, extra: (env: ReturnType<typeof testEnvironment>) => ThirdParty[] = () => []) => {
  const env = testEnvironment(new Date());
  const acme = {
    ...addToken(createThirdParty(env, 'Acme Payments'), env),
    enabled: true,
    callbackUrl: 'https://acme.example/oauth/callback',
  };
  const city = createThirdParty(env, 'City Utilities');
  const place = await engine.place(databaseOf([acme, city, ...extra(env)]), env);
  const read = () => place.stored();
  const audit = () => place.audit();
  const byName = async (name: string) => (await read()).thirdParties.find(thirdParty => thirdParty.name === name)!;
  return {env, place, folder: freshFolder(), file: place.data, acme, city, read, audit, byName};
};

const ESCAPE = /\u001B/;

/** `tpa serve --port 0` on the data, stopped at the test's end; its address as it printed it. */
const serve = async (t: import('ava').ExecutionContext, file: string, ...args: string[]): Promise<string> => {
  const server = await spawnServe(file, args);
  t.teardown(server.stop);
  return server.url;
};

testEachEngine.serial(
  'list: a table within 80 columns without colour when not on a terminal, and JSON that matches the schema',
  async (t, engine) => {
    const {file} = await fixture(engine, env => [
      {...createThirdParty(env, `Northwind ${'Logistics '.repeat(6).trim()}`), callbackUrl: `https://northwind.example/${'x'.repeat(120)}`},
    ]);
    const people = await tpa(['list', '--data', file]);
    t.is(people.code, 0);
    t.regex(people.stdout, /^Name +Enabled +Tokens +Auth +Approval +Callback URL$/m);
    t.regex(people.stdout, /^Acme Payments +yes +1\/0\/0 +automatic +ask +https:\/\/acme\..*…$/m);
    t.regex(people.stdout, /^City Utilities +no +0\/0\/0 +manual +- +-$/m);
    for (const line of people.stdout.trimEnd().split('\n')) t.true(stringWidth(line) <= 80, line);
    t.regex(people.stdout, /^Northwind Lo.*… +no +not authorized yet +automatic +ask +https:\/\/north.*…$/m);
    t.notRegex(people.stdout, ESCAPE);

    const json = validJson<{thirdParties: {name: string; tokenCounts: {active: number}; authorization: string}[]}>(
      t,
      (await tpa(['list', '--json', '--data', file])).stdout,
    );
    t.deepEqual(
      json.thirdParties.map(thirdParty => [thirdParty.name, thirdParty.tokenCounts.active, thirdParty.authorization]),
      [
        ['Acme Payments', 1, 'automatic'],
        ['City Utilities', 0, 'manual'],
        [`Northwind ${'Logistics '.repeat(6).trim()}`, 0, 'automatic'],
      ],
    );
    const disabled = validJson<{thirdParties: {name: string}[]}>(t, (await tpa(['list', '--disabled', '--json', '--data', file])).stdout);
    t.deepEqual(
      disabled.thirdParties.map(thirdParty => thirdParty.name),
      ['City Utilities', `Northwind ${'Logistics '.repeat(6).trim()}`],
    );
  },
);

testEachEngine.serial('list --expiring and --expired pick the third parties with such tokens', async (t, engine) => {
  const {file} = await fixture(engine, env => {
    const soon = addToken(createThirdParty(env, 'Soon Ltd'), env);
    const gone = addToken(createThirdParty(env, 'Gone Ltd'), env);
    return [
      setTokenExpiry(soon, soon.tokens[0]!.id, new Date(Date.now() + 5 * DAY)),
      setTokenExpiry(gone, gone.tokens[0]!.id, new Date(Date.now() - DAY)),
    ];
  });
  const names = async (...args: string[]) =>
    validJson<{thirdParties: {name: string}[]}>(t, (await tpa(['list', '--json', '--data', file, ...args])).stdout).thirdParties.map(
      thirdParty => thirdParty.name,
    );
  t.deepEqual(await names('--expiring', '14d'), ['Soon Ltd']);
  t.deepEqual(await names('--expiring', '3d'), []);
  t.deepEqual(await names('--expired'), ['Gone Ltd']);
});

testEachEngine.serial('show: by name in any case, or by client ID; secrets shortened unless --reveal', async (t, engine) => {
  const {file, acme} = await fixture(engine);
  const people = await tpa(['show', '  ACME payments ', '--data', file]);
  t.is(people.code, 0);
  t.regex(people.stdout, /^Third Party Name +Acme Payments$/m);
  t.regex(people.stdout, new RegExp(`^Client ID +${acme.clientId}$`, 'm'));
  t.notRegex(people.stdout + people.stderr, new RegExp(acme.clientSecret));
  t.notRegex(people.stdout, new RegExp(acme.tokens[0]!.token));
  t.regex(people.stdout, /tpas_\w{3}…\w{4}/);

  const json = validJson<{thirdParty: {clientSecret: string; revealed: boolean; tokens: {token: string; id: string}[]}}>(
    t,
    (await tpa(['show', acme.clientId, '--json', '--data', file])).stdout,
  );
  t.false(json.thirdParty.revealed);
  t.not(json.thirdParty.clientSecret, acme.clientSecret);
  t.is(json.thirdParty.tokens[0]!.id, acme.tokens[0]!.id);

  const revealed = validJson<{thirdParty: {clientSecret: string; revealed: boolean; tokens: {token: string}[]}}>(
    t,
    (await tpa(['show', 'acme payments', '--json', '--reveal', '--data', file])).stdout,
  );
  t.true(revealed.thirdParty.revealed);
  t.is(revealed.thirdParty.clientSecret, acme.clientSecret);
  t.is(revealed.thirdParty.tokens[0]!.token, acme.tokens[0]!.token);
});

testEachEngine.serial(
  'add: a new third party in new data (a data file 0600) through the save pipeline, audited as "user@host (cli)"',
  async (t, engine) => {
    const place = await engine.place();
    const file = place.data;
    const read = () => place.stored();
    const result = await tpa(
      ['add', 'Acme Payments', '--callback', 'https://acme.example/cb', '--enable', '--token', '--expires', '30d', '--json'],
      {
        env: {TPA_DATA: file},
      },
    );
    t.is(result.code, 0, result.stderr);
    const json = validJson<{command: string; thirdParty: {name: string; tokens: {expiresInDays: number}[]}}>(t, result.stdout);
    t.is(json.command, 'add');
    t.is(json.thirdParty.tokens[0]!.expiresInDays, 30);
    if (place.engine === 'file') t.is(statSync(file).mode & 0o777, 0o600);
    const saved = (await read()).thirdParties.find(thirdParty => thirdParty.name === 'Acme Payments')!;
    t.like(saved, {enabled: true, callbackUrl: 'https://acme.example/cb'});
    t.is((await read()).revision, 1);
    const [entry] = await place.audit();
    t.is(entry?.action, 'create');
    t.regex(entry?.actor ?? '', /^[^@\s]+@\S+ \(cli\)$/);
    t.notRegex(JSON.stringify(await place.audit()), new RegExp(saved.clientSecret));

    const people = await tpa(['add', 'City Utilities', '--data', file]);
    t.is(people.code, 0);
    t.regex(people.stdout, /^Added City Utilities \(not Enabled/m);
    t.is((await read()).revision, 2);
  },
);

testEachEngine.serial(
  'enable, disable, rename, callback: each saves once (revision, backup, audit); a change to what is already so writes nothing',
  async (t, engine) => {
    const {place, file, read, audit, byName} = await fixture(engine);
    t.is((await tpa(['enable', 'city utilities', '--data', file])).code, 0);
    t.true((await byName('City Utilities')).enabled);
    // The data file's backup of the revision before (a database keeps none: its backups are the database's).
    if (place.engine === 'file') t.true(existsSync(backupPath(file)));
    t.is((await read()).revision, 2);
    const again = await tpa(['enable', 'City Utilities', '--data', file]);
    t.regex(again.stdout, /already enabled; nothing written/);
    t.is((await read()).revision, 2);

    const disabled = validJson<{changed: boolean; thirdParty: {enabled: boolean}}>(
      t,
      (await tpa(['disable', 'Acme Payments', '--json', '--data', file])).stdout,
    );
    t.like(disabled, {changed: true, thirdParty: {enabled: false}});

    t.is((await tpa(['rename', 'Acme Payments', '  Acme Payments Ltd ', '--data', file])).code, 0);
    t.truthy(await byName('Acme Payments Ltd'));
    t.is((await tpa(['callback', 'Acme Payments Ltd', '--none', '--data', file])).code, 0);
    t.is((await byName('Acme Payments Ltd')).callbackUrl, null);
    t.is((await tpa(['callback', 'City Utilities', 'http://127.0.0.1:9000/cb', '--data', file])).code, 0);
    t.is((await byName('City Utilities')).callbackUrl, 'http://127.0.0.1:9000/cb');

    t.deepEqual(
      (await audit()).map(entry => [
        entry.thirdParty.name,
        entry.changes.map(change => `${change.field}:${String(change.old)}→${String(change.new)}`).join(','),
      ]),
      [
        ['City Utilities', 'enabled:false→true'],
        ['Acme Payments', 'enabled:true→false'],
        ['Acme Payments Ltd', 'name:Acme Payments→Acme Payments Ltd'],
        ['Acme Payments Ltd', 'callbackUrl:https://acme.example/oauth/callback→null'],
        ['City Utilities', 'callbackUrl:null→http://127.0.0.1:9000/cb'],
      ],
    );
    t.is((await read()).revision, 6);
  },
);

testEachEngine.serial('token add, expire, deactivate, activate, delete change the tokens as the grid does', async (t, engine) => {
  const {file, acme, audit, byName} = await fixture(engine);
  const added = validJson<{tokenId: string; thirdParty: {tokens: {id: string; expiresInDays: number}[]}}>(
    t,
    (await tpa(['token', 'add', 'Acme Payments', '--expires', '90d', '--json', '--data', file])).stdout,
  );
  t.is(added.thirdParty.tokens.length, 2);
  t.is(added.thirdParty.tokens.find(token => token.id === added.tokenId)?.expiresInDays, 90);

  // Two tokens now: which one must be said.
  const ambiguous = await tpa(['token', 'deactivate', 'Acme Payments', '--data', file]);
  t.is(ambiguous.code, 3);
  t.regex(ambiguous.stderr, new RegExp(`has 2 tokens.*${acme.tokens[0]!.id}`));

  const old = acme.tokens[0]!.id;
  t.is((await tpa(['token', 'deactivate', 'Acme Payments', old.slice(-6), '--data', file])).code, 0);
  t.false((await byName('Acme Payments')).tokens.find(token => token.id === old)!.active);
  t.is((await tpa(['token', 'activate', 'Acme Payments', old, '--data', file])).code, 0);
  t.true((await byName('Acme Payments')).tokens.find(token => token.id === old)!.active);

  t.is((await tpa(['token', 'expire', 'Acme Payments', old, '--expires', 'never', '--data', file])).code, 0);
  t.is((await byName('Acme Payments')).tokens.find(token => token.id === old)!.expiresAt, null);
  const date = new Date(Date.now() + 40 * DAY).toISOString().slice(0, 10);
  t.is((await tpa(['token', 'expire', 'Acme Payments', old, '--expires', date, '--data', file])).code, 0);
  t.is((await byName('Acme Payments')).tokens.find(token => token.id === old)!.expiresAt?.slice(0, 10), date);

  t.is((await tpa(['token', 'delete', 'Acme Payments', old, '--data', file])).code, 0);
  t.deepEqual(
    (await byName('Acme Payments')).tokens.map(token => token.id),
    [added.tokenId],
  );
  const fields = (await audit()).map(entry =>
    entry.changes.map(change => change.field.replace(/^tokens\[tpat_\w{3}…\w{4}\]/, 'tokens[…]')).join(','),
  );
  t.deepEqual(fields, ['tokens', 'tokens[…].active', 'tokens[…].active', 'tokens[…].expiresAt', 'tokens[…].expiresAt', 'tokens']);
});

testEachEngine.serial('rotate-secret: a new secret, the previous one valid for the grace period', async (t, engine) => {
  const {file, acme, audit, byName} = await fixture(engine);
  const result = await tpa(['rotate-secret', 'Acme Payments', '--grace', '48h', '--data', file]);
  t.is(result.code, 0, result.stderr);
  const saved = await byName('Acme Payments');
  t.not(saved.clientSecret, acme.clientSecret);
  t.is(saved.previousClientSecret?.secret, acme.clientSecret);
  const hours = (Date.parse(saved.previousClientSecret!.validUntil) - Date.now()) / 3_600_000;
  t.true(hours > 47.9 && hours <= 48, String(hours));
  t.notRegex(result.stdout, new RegExp(saved.clientSecret));
  t.regex(result.stdout, /New client secret of Acme Payments: tpas_\w{3}…\w{4}/);
  t.is((await audit())[0]?.changes.map(change => change.field).join(','), 'clientSecret,previousClientSecret');
});

testEachEngine.serial('delete needs --yes, then removes the third party', async (t, engine) => {
  const {file, read, audit} = await fixture(engine);
  const refused = await tpa(['delete', 'City Utilities', '--data', file]);
  t.is(refused.code, 64);
  t.regex(refused.stderr, /--yes/);
  t.is((await read()).thirdParties.length, 2);
  const json = validJson<{deleted: {name: string}}>(t, (await tpa(['delete', 'city utilities', '--yes', '--json', '--data', file])).stdout);
  t.is(json.deleted.name, 'City Utilities');
  t.deepEqual(
    (await read()).thirdParties.map(thirdParty => thirdParty.name),
    ['Acme Payments'],
  );
  t.is((await audit())[0]?.action, 'delete');
});

testEachEngine.serial('test: the checks of Ctrl+T; exit 0 granted, 1 denied with what to look at', async (t, engine) => {
  const {file, read} = await fixture(engine);
  const granted = await tpa(['test', 'Acme Payments', '--data', file]);
  t.is(granted.code, 0);
  t.regex(granted.stdout, /^Access granted for Acme Payments/);
  t.regex(granted.stdout, /✔ Callback URL matches +Exactly the saved one\./);

  const denied = await tpa(['test', 'City Utilities', '--json', '--data', file]);
  t.is(denied.code, 1);
  const json = validJson<{granted: boolean; checks: {id: string; passed: boolean}[]; troubleshooting: string}>(t, denied.stdout);
  t.false(json.granted);
  t.deepEqual(
    json.checks.filter(check => !check.passed).map(check => check.id),
    ['enabled', 'tokenIssued', 'tokenActive', 'tokenNotExpired'],
  );
  t.regex(json.troubleshooting, /Enabled selected\?/);
  t.is((await read()).revision, 1, 'a test writes nothing');
});

testEachEngine.serial(
  'send --out: the sheet in a 0600 file, never over an existing one without --force; recorded as sent',
  async (t, engine) => {
    const {file, folder, acme, audit, byName} = await fixture(engine);
    const sheet = path.join(folder, 'acme.txt');
    const json = validJson<{sentTo: string; tokenId: string}>(
      t,
      (await tpa(['send', 'Acme Payments', '--out', 'acme.txt', '--json', '--data', file], {cwd: folder})).stdout,
    );
    t.is(json.sentTo, `file ${sheet}`);
    t.is(statSync(sheet).mode & 0o777, 0o600);
    const text = readFileSync(sheet, 'utf8');
    t.regex(text, new RegExp(`Client Secret +${acme.clientSecret}`));
    t.regex(text, new RegExp(`OAuth Token +${acme.tokens[0]!.token}`));
    t.truthy((await byName('Acme Payments')).tokens[0]!.sentAt);
    t.like((await audit())[0], {action: 'send'});

    const again = await tpa(['send', 'Acme Payments', '--out', sheet, '--data', file]);
    t.is(again.code, 4);
    t.regex(again.stderr, /exists: add --force/);
    t.is((await tpa(['send', 'Acme Payments', '--out', sheet, '--force', '--data', file])).code, 0);
    t.is((await audit()).length, 2);

    const printed = await tpa(['send', 'Acme Payments', '--stdout', '--data', file]);
    t.is(printed.code, 0);
    t.regex(printed.stdout, /^OAuth information for Acme Payments/);
    t.is((await audit()).at(-1)?.changes.at(-1)?.new, 'standard output');

    const none = await tpa(['send', 'City Utilities', '--stdout', '--data', file]);
    t.is(none.code, 4);
    t.regex(none.stderr, /No active, unexpired token to send/);
    t.is(none.stdout, '');
  },
);

testEachEngine.serial(
  'expiring: exit 0 OK, 1 WARNING (expiring soon, or Enabled without an active token), 2 CRITICAL (an Active token expired)',
  async (t, engine) => {
    const ok = await fixture(engine);
    const okResult = await tpa(['expiring', '--data', ok.file]);
    t.is(okResult.code, 0);
    t.regex(okResult.stdout, /^TPA OK/);

    const warning = await fixture(engine, env => {
      const soon = {...addToken(createThirdParty(env, 'Soon Ltd'), env), enabled: true};
      return [
        setTokenExpiry(soon, soon.tokens[0]!.id, new Date(Date.now() + 5 * DAY)),
        {...createThirdParty(env, 'Bare Ltd'), enabled: true},
      ];
    });
    const warned = await tpa(['expiring', '--json', '--data', warning.file]);
    t.is(warned.code, 1);
    const json = validJson<{status: string; problems: {thirdParty: {name: string}; kind: string; days: number | null}[]}>(t, warned.stdout);
    t.is(json.status, 'WARNING');
    t.deepEqual(
      json.problems.map(problem => [problem.thirdParty.name, problem.kind, problem.days]),
      [
        ['Bare Ltd', 'noActiveToken', null],
        ['Soon Ltd', 'expiring', 5],
      ],
    );
    t.is((await tpa(['expiring', '--within', '3d', '--data', warning.file])).code, 1, 'Bare Ltd still has no token');

    const critical = await fixture(engine, env => {
      const gone = {...addToken(createThirdParty(env, 'Gone Ltd'), env), enabled: true};
      return [setTokenExpiry(addToken(gone, env), gone.tokens[0]!.id, new Date(Date.now() - 2 * DAY))];
    });
    const people = await tpa(['expiring', '--data', critical.file]);
    t.is(people.code, 2);
    t.regex(people.stdout, /^TPA CRITICAL: 1 expired/);
    t.regex(people.stdout, /^Gone Ltd +expired/m);
  },
);

testEachEngine.serial('history: the audit entries of one third party, newest first', async (t, engine) => {
  const {file} = await fixture(engine);
  await tpa(['enable', 'City Utilities', '--data', file]);
  await tpa(['rename', 'City Utilities', 'City Power', '--data', file]);
  const json = validJson<{entries: {action: string; actor: string; changes: {field: string}[]}[]}>(
    t,
    (await tpa(['history', 'city power', '--json', '--data', file])).stdout,
  );
  t.deepEqual(
    json.entries.map(entry => entry.changes[0]!.field),
    ['name', 'enabled'],
  );
  t.true(json.entries.every(entry => entry.actor.endsWith(' (cli)')));
  const people = await tpa(['history', 'City Power', '--data', file]);
  t.regex(people.stdout, /^Time +Who +Action +Changes$/m);
  t.regex(people.stdout, /update +name City Utilities→City Power/);
});

testEachEngine.serial('test --via-server: the same test through a running tpa serve as well; without one, exit 4', async (t, engine) => {
  const {file} = await fixture(engine);
  const absent = await tpa(['test', 'Acme Payments', '--via-server', '--data', file]);
  t.is(absent.code, 4);
  t.regex(
    absent.stderr,
    /No test through the server: none running (for this data file|on this machine, and no https public address saved)/,
  );

  await serve(t, file);
  const granted = await tpa(['test', 'Acme Payments', '--via-server', '--json', '--data', file]);
  t.is(granted.code, 0, granted.stderr);
  const json = validJson<{
    granted: boolean;
    server: {introspect: {status: number; summary: string}; ping: {status: number}; granted: boolean};
  }>(t, granted.stdout);
  t.like(json, {granted: true, server: {introspect: {status: 200, summary: 'active'}, ping: {status: 200}, granted: true}});
  const people = await tpa(['test', 'Acme Payments', '--via-server', '--data', file]);
  t.regex(people.stdout, /Through http:\/\/127\.0\.0\.1:\d+: introspection 200 active \(\d+ ms\), ping 200 granted \(\d+ ms\): granted/);
});

testEachEngine.serial(
  'send: the test command and the flow at the running server, the token kept for a callback third party; a loopback address is warned of on stderr',
  async (t, engine) => {
    const {file, acme} = await fixture(engine);
    const none = await tpa(['send', 'Acme Payments', '--stdout', '--data', file]);
    t.is(none.code, 0);
    t.true(none.stdout.includes(`-d "token=${acme.tokens[0]!.token}" http://127.0.0.1:8787/oauth/introspect`), 'the default address');
    t.regex(
      none.stderr,
      /http:\/\/127\.0\.0\.1:8787 is this machine's own \(loopback\) address: a third party on another machine cannot reach it/,
    );
    t.regex(none.stderr, /No server runs for this data file: this is the default\./);
    t.regex(none.stderr, /tpa serve --issuer URL/);

    const url = await serve(t, file);
    t.not(url, 'http://127.0.0.1:8787');
    const running = await tpa(['send', 'Acme Payments', '--stdout', '--data', file]);
    t.is(running.code, 0, running.stderr);
    const sheet = running.stdout;
    t.true(sheet.includes(`OAuth Token       ${acme.tokens[0]!.token}`), 'the token a callback third party already has is sent too');
    t.true(sheet.includes(`-d "token=${acme.tokens[0]!.token}" ${url}/oauth/introspect`), 'the test command at the running server');
    t.true(sheet.includes(`Discovery         ${url}/.well-known/oauth-authorization-server`));
    t.true(sheet.includes(`POST ${url}/oauth/token`), 'and the flow steps');
    t.false(sheet.includes('8787'));
    t.regex(running.stderr, new RegExp(`${url.replace(/[.]/g, '\\.')} is this machine's own \\(loopback\\) address`));
    t.notRegex(running.stderr, /No server runs/);

    // A callback third party with no token: the flow alone is sent.
    const city = await tpa(['callback', 'City Utilities', 'https://city.example/cb', '--data', file]);
    t.is(city.code, 0);
    const flow = await tpa(['send', 'City Utilities', '--stdout', '--data', file]);
    t.is(flow.code, 0, flow.stderr);
    t.true(flow.stdout.includes(`GET ${url}/oauth/authorize`));
    t.false(flow.stdout.includes('OAuth Token'));
  },
);

testEachEngine.serial(
  'send: a public issuer is used everywhere and warns of nothing; kept in the settings, it is used once the server stopped',
  async (t, engine) => {
    const {file, read} = await fixture(engine);
    const server = await spawnServe(file, ['--issuer', 'https://tpa.example.com']);
    t.teardown(server.stop);
    const send = async () => {
      const sent = await tpa(['send', 'Acme Payments', '--stdout', '--data', file]);
      t.is(sent.code, 0, sent.stderr);
      t.true(sent.stdout.includes('https://tpa.example.com/oauth/introspect'));
      t.true(sent.stdout.includes('Discovery         https://tpa.example.com/.well-known/oauth-authorization-server'));
      t.is(sent.stderr, '');
    };
    await send();
    // The server keeps --issuer in the data's settings, shared with every writer (on a database, every machine).
    await within(5_000, async () => (await read()).settings?.issuer === 'https://tpa.example.com');
    await server.stop();
    await send();
  },
);

testEachEngine.serial(
  'approval: tpa approval NAME ask|automatic through the save pipeline; list and show (and their --json) show it',
  async (t, engine) => {
    const {file, audit, byName} = await fixture(engine);
    const set = await tpa(['approval', 'Acme Payments', 'automatic', '--data', file]);
    t.is(set.code, 0, set.stderr);
    t.regex(set.stdout, /Acme Payments: approval automatic/);
    t.is((await byName('Acme Payments')).approval, 'automatic');
    t.like((await audit()).at(-1), {action: 'update', changes: [{field: 'approval', old: 'ask', new: 'automatic'}]});
    t.regex((await audit()).at(-1)!.actor, / \(cli\)$/);
    const again = await tpa(['approval', 'Acme Payments', 'automatic', '--data', file]);
    t.regex(again.stdout, /already; nothing written/);
    const wrong = await tpa(['approval', 'Acme Payments', 'maybe', '--data', file]);
    t.is(wrong.code, 64);
    t.regex(wrong.stderr, /ask or automatic/);

    const show = await tpa(['show', 'Acme Payments', '--data', file]);
    t.regex(show.stdout, /^Approval +automatic$/m);
    const list = await tpa(['list', '--data', file]);
    t.regex(list.stdout, /^Name +Enabled +Tokens +Auth +Approval +Callback URL$/m);
    t.regex(list.stdout, /^Acme Payments +yes +1\/0\/0 +automatic +automatic +https/m);
    t.regex(list.stdout, /^City Utilities +no +0\/0\/0 +manual +- +-$/m);
    const json = validJson<{thirdParties: {name: string; approval: string}[]}>(t, (await tpa(['list', '--json', '--data', file])).stdout);
    t.deepEqual(
      json.thirdParties.map(thirdParty => [thirdParty.name, thirdParty.approval]),
      [
        ['Acme Payments', 'automatic'],
        ['City Utilities', 'ask'],
      ],
    );
    const shown = validJson<{thirdParty: {approval: string}}>(t, (await tpa(['show', 'Acme Payments', '--json', '--data', file])).stdout);
    t.is(shown.thirdParty.approval, 'automatic');
    t.is((await tpa(['approval', 'Acme Payments', 'ask', '--data', file])).code, 0);
    t.is((await byName('Acme Payments')).approval, 'ask');
  },
);

testEachEngine.serial("show: --json gives each token's origin; --reveal prints token and token ID whole, never cut", async (t, engine) => {
  const {file, acme} = await fixture(engine, env => [
    {
      ...createThirdParty(env, 'Auto Ltd'),
      enabled: true,
      callbackUrl: 'https://auto.example/cb',
      tokens: [
        {
          id: '01KMSY5R80EE9YR4HSX2T3JMRY',
          token: addToken(createThirdParty(env, 'x'), env).tokens[0]!.token,
          createdAt: env.now().toISOString(),
          expiresAt: null,
          active: true,
          origin: 'automatic',
        },
      ],
    },
  ]);
  const json = validJson<{thirdParty: {tokens: {origin: string}[]}}>(t, (await tpa(['show', 'Auto Ltd', '--json', '--data', file])).stdout);
  t.deepEqual(
    json.thirdParty.tokens.map(token => token.origin),
    ['automatic'],
  );
  const manual = validJson<{thirdParty: {tokens: {origin: string}[]}}>(
    t,
    (await tpa(['show', 'Acme Payments', '--json', '--data', file])).stdout,
  );
  t.is(manual.thirdParty.tokens[0]!.origin, 'manual');
  const revealed = await tpa(['show', 'Acme Payments', '--reveal', '--data', file]);
  t.is(revealed.code, 0);
  t.true(revealed.stdout.includes(acme.tokens[0]!.token), 'the whole token');
  t.true(revealed.stdout.includes(acme.tokens[0]!.id), 'the whole token ID');
  t.true(revealed.stdout.includes(acme.clientSecret));
  t.notRegex(revealed.stdout, /…/);
});

testEachEngine.serial(
  'expiring: a callback third party not authorized yet is no warning; list says "not authorized yet"',
  async (t, engine) => {
    const {file} = await fixture(engine, env => [
      {...createThirdParty(env, 'Waiting Ltd'), enabled: true, callbackUrl: 'https://waiting.example/cb'},
    ]);
    const result = await tpa(['expiring', '--json', '--data', file]);
    t.is(result.code, 0, result.stdout);
    t.deepEqual(validJson<{problems: unknown[]}>(t, result.stdout).problems, []);
    const list = await tpa(['list', '--data', file]);
    t.regex(list.stdout, /^Waiting Ltd +yes +not authorized yet +automatic/m);
    // A third party without a callback URL and no token still is one.
    t.is((await tpa(['enable', 'City Utilities', '--data', file])).code, 0);
    t.is((await tpa(['expiring', '--data', file])).code, 1);
  },
);
