/**
 * `tpa doctor --data postgres://…`: the connection, the schema version, the privileges the user
 * needs, and what doctor checks in a file's records (doctor-records.ts). It only reads.
 */
import {sql} from 'kysely';
import {thirdPartySchema} from '../schema.js';
import {checkRecords, type DoctorCheck} from '../doctor-records.js';
import {connectPostgres, type PostgresConnection} from './connect.js';
import {PostgresUnavailableError, unavailable} from './postgres-error.js';
import type {PostgresLocation} from './postgres-location.js';
import {grantStatements, missingPrivileges} from './privileges.js';
import {readRecords} from './read-records.js';
import {readSchemaState, schemaProblem} from './schema-version.js';
import {nameKey} from '../../domain/index.js';

const checkConnection = async (connection: PostgresConnection): Promise<DoctorCheck[]> => {
  const {rows} = await sql<{version: string; user: string; tls: boolean | null; superuser: boolean}>`
    select current_setting('server_version') as version, current_user as user,
      (select ssl from pg_stat_ssl where pid = pg_backend_pid()) as tls,
      (select rolsuper from pg_roles where rolname = current_user) as superuser`.execute(connection.db);
  const row = rows[0]!;
  const checks: DoctorCheck[] = [
    {level: 'ok', text: `connected to PostgreSQL ${row.version} as ${row.user}, ${row.tls ? 'over TLS' : 'without TLS'}`},
  ];
  if (!row.tls && !connection.location.target.host.startsWith('/') && !/^(localhost|127\.|::1$)/.test(connection.location.target.host))
    checks.push({
      level: 'note',
      text: 'the connection is not encrypted, and the database is on another host: secrets and tokens cross the network in clear',
      fix: 'add sslmode=verify-full (and sslrootcert=FILE) to the address',
    });
  if (row.superuser)
    checks.push({
      level: 'note',
      text: `${row.user} is a superuser: tpa needs far less`,
      fix: 'give tpa a user of its own with only the privileges the README lists (tpa doctor lists what is missing)',
    });
  return checks;
};

const checkData = async (connection: PostgresConnection): Promise<DoctorCheck[]> => {
  const {db} = connection;
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async trx => {
      const stored = await readRecords(trx);
      const revision = await trx.selectFrom('data_revision').select('revision').executeTakeFirstOrThrow();
      const audit = await trx
        .selectFrom('audit_log')
        .select(eb => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      const keys = await trx.selectFrom('third_parties').select(['name', 'name_key']).execute();
      const tokens = stored.reduce((sum, {record}) => sum + record.tokens.length, 0);
      const checks: DoctorCheck[] = [
        {
          level: 'ok',
          text: `the database holds revision ${revision.revision}: ${stored.length} third parties, ${tokens} tokens, ${Number(audit.count)} audit entries`,
        },
      ];
      const invalid = stored.filter(({record}) => !thirdPartySchema.safeParse(record).success).map(({record}) => record.name);
      if (invalid.length > 0)
        checks.push({
          level: 'problem',
          text: `records changed by hand into something tpa does not read: ${invalid.slice(0, 5).join(', ')}${invalid.length > 5 ? ` and ${invalid.length - 5} more` : ''}`,
          fix: 'correct the rows, or restore the database from its backup',
        });
      const stale = keys.filter(row => row.name_key !== nameKey(row.name));
      if (stale.length > 0)
        checks.push({
          level: 'problem',
          text: `${stale.length} third parties' name_key does not match their name (changed by hand): names may no longer be unique`,
          fix: 'rename them with tpa rename (which sets both), or correct name_key',
        });
      checks.push(...checkRecords(stored.map(({record}) => record)));
      return checks;
    });
};

export const runPostgresDoctor = async (location: PostgresLocation): Promise<DoctorCheck[]> => {
  let connection: PostgresConnection;
  try {
    connection = await connectPostgres(location, {applicationName: 'tpa doctor', poolSize: 1});
  } catch (error) {
    if (!(error instanceof PostgresUnavailableError)) throw error;
    return [
      {
        level: 'problem',
        text: `cannot connect: ${error.problem}`,
        fix: 'check the address, the password (PGPASSWORD) and that the server runs',
      },
    ];
  }
  try {
    const checks = await checkConnection(connection);
    // The privileges first: without SELECT on the schema's version, the version cannot be read.
    const missing = await missingPrivileges(connection.db);
    if (missing.length > 0)
      checks.push({
        level: 'problem',
        text: `${location.target.user} lacks ${missing.join(', ')}`,
        fix: `as the tables' owner: ${grantStatements(location.target.user).join(' ')}`,
      });
    if (missing.some(privilege => privilege.startsWith('SELECT'))) return checks;
    const state = await readSchemaState(connection.db);
    const problem = schemaProblem(state, location.display);
    if (problem) {
      checks.push({level: 'problem', text: problem, ...(state.kind === 'newer' ? {} : {fix: `tpa migrate ${location.display}`})});
      return checks;
    }
    checks.push({level: 'ok', text: `schema ${state.kind === 'current' ? state.version : '?'}, this tpa's`});
    if (missing.length === 0) checks.push({level: 'ok', text: `${location.target.user} has every privilege tpa needs`});
    checks.push(...(await checkData(connection)));
    return checks;
  } catch (error) {
    return [{level: 'problem', text: `the checks stopped: ${unavailable(error, location).problem}`}];
  } finally {
    await connection.close();
  }
};
