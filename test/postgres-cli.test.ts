/**
 * `tpa migrate` and `tpa doctor` on a real PostgreSQL, through the built dist/cli.js; and the
 * password of a connection string never printed, whatever goes wrong (wrong password, no server,
 * no database, a malformed address), on stdout or stderr, by any command.
 */
import test from 'ava';
import pg from 'pg';
import {tpa, type CliResult} from './helpers/cli.js';
import {postgresForThisFile} from './helpers/postgres-per-file.js';

const postgres = postgresForThisFile();

/** No PG… variable of the machine running the tests reaches tpa unless the test gives it. */
const clean = {PGHOST: '', PGPORT: '', PGUSER: '', PGPASSWORD: '', PGDATABASE: '', PGSSLMODE: ''};
const run = (args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> => tpa(args, {env: {...clean, ...env}});

const query = async (url: string, text: string): Promise<void> => {
  const client = new pg.Client({connectionString: url});
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
};

const withoutPassword = (url: string): string => url.replace(`:${postgres().password}@`, '@');

test('tpa migrate creates the schema, a second run has nothing to do, and doctor then finds a healthy database', async t => {
  const url = await postgres().createDatabase();
  const before = await run(['doctor', '--data', url]);
  t.is(before.code, 1);
  t.regex(before.stdout, /PROBLEM the database has no tpa schema yet: run tpa migrate postgres:\/\/tpa_test@127\.0\.0\.1:\d+\/tpa_\w+/);

  const first = await run(['migrate', url]);
  t.is(first.code, 0, first.stderr);
  t.is(first.stdout, `${withoutPassword(url)}: schema 0 → 2 (0001-initial, 0002-one-waiting-request).\n`);
  const second = await run(['migrate', url]);
  t.is(second.stdout, `${withoutPassword(url)} has schema 2, this tpa's: nothing to do.\n`);

  const doctor = await run(['doctor', '--data', url]);
  t.is(doctor.code, 0, doctor.stdout);
  t.regex(doctor.stdout, /^tpa doctor: postgres:\/\/tpa_test@127\.0\.0\.1:\d+\/tpa_\w+\n/);
  t.regex(doctor.stdout, /ok {6}connected to PostgreSQL \d+\.\d+ as tpa_test, without TLS/);
  t.regex(doctor.stdout, /ok {6}schema 2, this tpa's/);
  t.regex(doctor.stdout, /ok {6}tpa_test has every privilege tpa needs/);
  t.regex(doctor.stdout, /ok {6}the database holds revision 0: 0 third parties, 0 tokens, 0 audit entries/);
  t.regex(doctor.stdout, /No problems found\.$/m);
  for (const output of [before, first, second, doctor]) t.false(`${output.stdout}${output.stderr}`.includes(postgres().password));
});

test('the address can leave its parts to PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE', async t => {
  const url = new URL(await postgres().createDatabase());
  const env = {
    PGHOST: url.hostname,
    PGPORT: url.port,
    PGUSER: 'tpa_test',
    PGPASSWORD: postgres().password,
    PGDATABASE: url.pathname.slice(1),
  };
  const migrated = await run(['migrate', 'postgres://'], env);
  t.is(migrated.code, 0, migrated.stderr);
  t.regex(migrated.stdout, new RegExp(`^postgres://tpa_test@${url.hostname}:${url.port}${url.pathname}: schema 0 → 2`));
  // TPA_DATA chooses the engine; the PG… variables fill it in.
  const doctor = await run(['doctor'], {...env, TPA_DATA: 'postgresql:///'});
  t.is(doctor.code, 0, doctor.stdout);
  t.false(`${migrated.stdout}${doctor.stdout}${doctor.stderr}`.includes(postgres().password));
});

test('a wrong password, no server, no database, a malformed address: a clear message, exit 5 or 64, and never the password', async t => {
  const url = new URL(await postgres().createDatabase());
  const secret = 'Wr0ng-S3cret%21pa55';
  const decoded = decodeURIComponent(secret);
  const wrong = `postgres://tpa_test:${secret}@127.0.0.1:${url.port}${url.pathname}`;
  const closedPort = `postgres://tpa_test:${secret}@127.0.0.1:1/tpa`;
  const noDatabase = `postgres://tpa_test:${postgres().password}@127.0.0.1:${url.port}/no_such_database`;
  const unknownHost = `postgres://tpa_test:${secret}@no-such-host.invalid:5432/tpa`;
  const malformed = `postgres://tpa_test:${secret}@127.0.0.1:99999/tpa`;
  const cases: Array<{args: string[]; env?: Record<string, string>; code: number; message: RegExp}> = [
    {args: ['list', '--data', wrong], code: 5, message: /the password of the user "tpa_test" was refused/},
    {args: ['migrate', wrong], code: 5, message: /the password of the user "tpa_test" was refused/},
    {args: ['show', 'Acme', '--data', closedPort], code: 5, message: /nothing answers at 127\.0\.0\.1:1 \(is PostgreSQL running/},
    {args: ['serve', '--port', '0', '--data', closedPort], code: 5, message: /nothing answers at 127\.0\.0\.1:1/},
    {args: ['list'], env: {TPA_DATA: noDatabase}, code: 5, message: /the database "no_such_database" does not exist/},
    {args: ['migrate', unknownHost], code: 5, message: /the host no-such-host\.invalid is not found/},
    {args: ['list', '--data', malformed], code: 64, message: /The port must be a number from 1 to 65535/},
    {
      args: ['list', '--data', `postgres://tpa_test@127.0.0.1:${url.port}${url.pathname}`],
      env: {PGPASSWORD: decoded},
      code: 5,
      message: /was refused/,
    },
  ];
  for (const {args, env, code, message} of cases) {
    const result = await run(args, env);
    const shown = `${result.stdout}${result.stderr}`;
    t.is(result.code, code, `${args[0]}: ${shown}`);
    t.regex(shown, message, args[0]);
    for (const form of [secret, decoded, postgres().password])
      t.false(shown.includes(form), `${args.join(' ')} showed a password: ${shown}`);
  }
  const doctor = await run(['doctor', '--data', wrong]);
  t.is(doctor.code, 1);
  t.regex(doctor.stdout, /PROBLEM cannot connect: the password of the user "tpa_test" was refused/);
  t.false(doctor.stdout.includes(secret) || doctor.stdout.includes(decoded));
});

test('a password that is a word of the message (password, refused, the user name’s start, one letter) is not given away by masking it', async t => {
  const url = new URL(await postgres().createDatabase());
  for (const password of ['password', 'refused', 'tpa', 'e']) {
    const result = await run(['list', '--data', `postgres://tpa_test:${password}@127.0.0.1:${url.port}${url.pathname}`]);
    t.is(result.code, 5, result.stderr);
    t.is(
      result.stderr,
      `tpa: postgres://tpa_test@127.0.0.1:${url.port}${url.pathname}: the password of the user "tpa_test" was refused\nNothing was changed.\n`,
      password,
    );
  }
});

test('doctor names the privileges a database user lacks, with the GRANT that gives them, and finds secrets not made by tpa', async t => {
  const url = await postgres().createDatabase();
  await run(['migrate', url]);
  const role = `tpa_app_${Date.now()}`;
  await query(url, `CREATE ROLE ${role} LOGIN PASSWORD 'app-pass-123'`);
  const parsed = new URL(url);
  const asApp = `postgres://${role}:app-pass-123@127.0.0.1:${parsed.port}${parsed.pathname}`;
  const lacking = await run(['doctor', '--data', asApp]);
  t.is(lacking.code, 1);
  t.regex(lacking.stdout, new RegExp(`PROBLEM ${role} lacks SELECT on data_revision, UPDATE on data_revision, SELECT on settings`));
  t.regex(lacking.stdout, new RegExp(`fix: as the tables' owner: GRANT SELECT, UPDATE ON data_revision TO ${role};`));
  t.false(lacking.stdout.includes('app-pass-123'));

  const grants = /fix: as the tables' owner: (.*)$/m.exec(lacking.stdout)![1]!;
  await query(url, grants);
  const granted = await run(['doctor', '--data', asApp]);
  t.is(granted.code, 0, granted.stdout);
  t.regex(granted.stdout, new RegExp(`ok {6}${role} has every privilege tpa needs`));

  await query(
    url,
    `INSERT INTO third_parties (id, name, name_key, client_id, client_secret, enabled, callback_url, created_at, updated_at, version, position)
     VALUES ('01J0000000000000000000000A', 'Hand Made', 'hand made', 'client-1', 'password123', true, null, now(), now(), 0, 1)`,
  );
  const handMade = await run(['doctor', '--data', asApp]);
  t.is(handMade.code, 1);
  t.regex(handMade.stdout, /PROBLEM client secrets not made by tpa \(not tpas_… with a valid checksum\): "Hand Made"/);
  t.regex(handMade.stdout, /fix: rotate them: tpa rotate-secret NAME/);
});
