/**
 * Connections to the database: a pg Pool for statements (and Kysely over it), and the settings a
 * dedicated client needs (listener.ts). Every error leaves here as a PostgresUnavailableError
 * whose message has no password (postgres-error.ts, redact.ts).
 *
 * TLS follows libpq's sslmode (pg reads sslmode its own way, treating `require` as
 * `verify-full`, and warns on stderr): disable: never; allow, prefer (the default): TLS without
 * verifying the certificate when the server offers it, plain otherwise; require: TLS, not
 * verified (verified against sslrootcert when one is given, as libpq does); verify-ca: the
 * certificate is checked against sslrootcert; verify-full: and the host name too.
 */
import {readFile} from 'node:fs/promises';
import type {ConnectionOptions} from 'node:tls';
import {Kysely, PostgresDialect} from 'kysely';
import pg from 'pg';
import {describeDriverError, unavailable} from './postgres-error.js';
import type {PostgresLocation} from './postgres-location.js';
import type {Tables} from './tables.js';

/** A connection attempt waits this long by default (libpq waits for ever; a console must not). */
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** No statement of ours runs longer; a save is a few milliseconds (ARCHITECTURE.md, Data: every input is bounded). */
const STATEMENT_TIMEOUT_MS = 30_000;
/** A transaction left open by a hung process is ended by the server. */
const IDLE_IN_TRANSACTION_MS = 60_000;
/** Connections per process: saves are serialised per process, the server's group commit uses one at a time. */
const POOL_SIZE = 4;

const INT8_OID = 20;
/** bigint columns are revisions and counts, far below 2^53: read as numbers, not strings. */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

const readPem = async (file: string | undefined, what: string, location: PostgresLocation): Promise<string | undefined> => {
  if (file === undefined) return undefined;
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw unavailable({message: `the ${what} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`}, location);
  }
};

/** The TLS options for sslmode; `undefined` for no TLS. `optional`: fall back to plain when the server has no TLS. */
const tlsOf = async (location: PostgresLocation): Promise<{tls: ConnectionOptions | undefined; optional: boolean}> => {
  const {sslMode, sslRootCert, sslCert, sslKey, host} = location.target;
  if (sslMode === 'disable') return {tls: undefined, optional: false};
  const ca = await readPem(sslRootCert, 'root certificate (sslrootcert)', location);
  const cert = await readPem(sslCert, 'client certificate (sslcert)', location);
  const key = await readPem(sslKey, 'client key (sslkey)', location);
  const client = {...(cert ? {cert} : {}), ...(key ? {key} : {})};
  switch (sslMode) {
    case 'allow':
    case 'prefer':
      return {tls: {...client, rejectUnauthorized: false}, optional: true};
    case 'require':
      return ca
        ? {tls: {...client, ca, checkServerIdentity: () => undefined}, optional: false}
        : {tls: {...client, rejectUnauthorized: false}, optional: false};
    case 'verify-ca':
      if (!ca)
        throw unavailable({message: 'sslmode=verify-ca needs the root certificate: add sslrootcert=FILE (or PGSSLROOTCERT)'}, location);
      return {tls: {...client, ca, checkServerIdentity: () => undefined}, optional: false};
    case 'verify-full':
      return {tls: {...client, ...(ca ? {ca} : {}), servername: host}, optional: false};
  }
};

const NO_TLS = /does not support SSL/i;

export interface PostgresConnection {
  readonly location: PostgresLocation;
  readonly pool: pg.Pool;
  readonly db: Kysely<Tables>;
  /** The settings of a client of its own (LISTEN needs one connection for as long as it listens). */
  readonly clientConfig: pg.ClientConfig;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Shown in pg_stat_activity: "tpa", "tpa serve", "tpa migrate". */
  readonly applicationName: string;
  /** A pooled connection failed while idle (the server went away): said once per failure, password removed. */
  readonly onProblem?: (message: string) => void;
  readonly poolSize?: number;
}

/**
 * Connects once (so that a wrong address, password or database is said at start, with what to
 * do), then hands out the pool. Throws PostgresUnavailableError.
 */
export const connectPostgres = async (location: PostgresLocation, options: ConnectOptions): Promise<PostgresConnection> => {
  const {host, port, database, user, connectTimeoutSeconds} = location.target;
  const {tls, optional} = await tlsOf(location);
  const base: pg.ClientConfig = {
    host,
    port,
    database,
    user,
    // An explicit value: pg would otherwise read PGPASSWORD (or ~/.pgpass) itself, out of our sight.
    password: () => location.password() ?? '',
    application_name: options.applicationName,
    connectionTimeoutMillis: connectTimeoutSeconds ? connectTimeoutSeconds * 1000 : DEFAULT_CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
    keepAlive: true,
    types,
  };
  const attempt = async (ssl: ConnectionOptions | undefined): Promise<pg.ClientConfig> => {
    const config = {...base, ssl: ssl ?? false};
    const client = new pg.Client(config);
    // An error after connecting (the server going away during the probe) must not be unhandled.
    client.on('error', () => undefined);
    try {
      await client.connect();
      return config;
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  let clientConfig: pg.ClientConfig;
  try {
    try {
      clientConfig = await attempt(tls);
    } catch (error) {
      if (!(optional && tls && error instanceof Error && NO_TLS.test(error.message))) throw error;
      clientConfig = await attempt(undefined);
    }
  } catch (error) {
    throw unavailable(error, location);
  }
  // allowExitOnIdle: a command ends as soon as its work is done, without closing the pool by hand.
  const pool = new pg.Pool({...clientConfig, max: options.poolSize ?? POOL_SIZE, idleTimeoutMillis: 30_000, allowExitOnIdle: true});
  // An idle pooled connection that breaks (the database restarted) emits here; without a
  // listener Node would end the process. The next statement gets a fresh connection.
  pool.on('error', error => options.onProblem?.(`the database connection was lost: ${describeDriverError(error, location)}`));
  // A connection in use (between a transaction's statements) that breaks emits on its client,
  // which the pool no longer listens to while it is lent out; its next statement fails instead.
  pool.on('connect', client => client.on('error', () => undefined));
  const db = new Kysely<Tables>({dialect: new PostgresDialect({pool})});
  return {
    location,
    pool,
    db,
    clientConfig,
    close: () => db.destroy(),
  };
};
