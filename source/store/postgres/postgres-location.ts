/**
 * A PostgreSQL database as `--data postgres://…` (or `postgresql://…`, or `TPA_DATA`) names it,
 * completed from libpq's variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE,
 * PGSSLROOTCERT) as psql would be. Parsing does no I/O (options.ts is unit-tested); the
 * certificates are read when connecting (connect.ts).
 *
 * The password is held in a private field: printing the location, logging it, turning it into
 * JSON or inspecting it gives the redacted form (`postgres://tpa@db:5432/tpa`), so no message can
 * show it by accident (ARCHITECTURE.md, PostgreSQL engine).
 */
import {inspect} from 'node:util';
import {redactSecrets} from './redact.js';

/** libpq's sslmode values; `prefer` (libpq's default) tries TLS first, then plain. */
const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

/** What a connection needs, the password aside. */
export interface ConnectionTarget {
  /** A host name, an IP address, or a folder holding the server's Unix socket (starts with /). */
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly sslMode: SslMode;
  readonly sslRootCert?: string;
  readonly sslCert?: string;
  readonly sslKey?: string;
  readonly connectTimeoutSeconds?: number;
}

/** Query parameters of the URL that tpa understands (libpq's names); any other is refused. */
const KNOWN_PARAMETERS = new Set([
  'host',
  'port',
  'dbname',
  'user',
  'password',
  'sslmode',
  'sslrootcert',
  'sslcert',
  'sslkey',
  'connect_timeout',
  'application_name',
]);

const ENCODE_HINT = ' A password holding "/", "?", "#" or "@" must be percent-encoded (%2F, %3F, %23, %40).';

export const isPostgresUrl = (text: string): boolean => /^postgres(ql)?:\/\//i.test(text.trim());

export class PostgresLocation {
  readonly kind = 'postgres';
  readonly #password: string | undefined;

  constructor(
    readonly target: ConnectionTarget,
    password: string | undefined,
  ) {
    this.#password = password;
  }

  /** The password, for the driver only (connect.ts); never for a message. */
  password(): string | undefined {
    return this.#password;
  }

  /** `postgres://user@host:port/database`, with sslmode when it is not the default: safe to print. */
  get display(): string {
    const {host, port, database, user, sslMode} = this.target;
    const socket = host.startsWith('/');
    const query = [...(socket ? [`host=${host}`] : []), ...(sslMode === 'prefer' ? [] : [`sslmode=${sslMode}`])];
    const hostPart = socket ? '' : host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
    return `postgres://${encodeURIComponent(user)}@${hostPart}/${encodeURIComponent(database)}${query.length > 0 ? `?${query.join('&')}` : ''}`;
  }

  /** Any text about this database, with its password (and any other) removed. */
  redact(text: string): string {
    return redactSecrets(text, [this.#password]);
  }

  toString(): string {
    return this.display;
  }

  toJSON(): string {
    return this.display;
  }

  [inspect.custom](): string {
    return `PostgresLocation(${this.display})`;
  }
}

export type PostgresLocationResult = {readonly location: PostgresLocation} | {readonly message: string};

const portOf = (text: string): number | undefined => {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65_535 ? port : undefined;
};

/** A decoded URL part; text that is not valid percent-encoding is kept as typed. */
const decoded = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/**
 * `postgres://[user[:password]@][host][:port][/database][?param=value&…]`, every missing part from
 * the PG… variables of `env`, then libpq's defaults (localhost, 5432, the user's name).
 */
export const parsePostgresLocation = (text: string, env: NodeJS.ProcessEnv): PostgresLocationResult => {
  const given = text.trim();
  // Split by hand, as libpq does: WHATWG URL parsing would read "postgres:///tpa" as the host "tpa".
  const rest = given.replace(/^postgres(ql)?:\/\//i, '');
  // A password typed with "/", "?" or "#" not percent-encoded ends the host part early (libpq reads
  // it so too), and its pieces would land in the port, the path or the query: whatever follows the
  // first ":" up to the last "@" may be a password: a message hides it, and then quotes no value.
  const firstColon = rest.indexOf(':');
  const lastAt = rest.lastIndexOf('@');
  const maybePassword = firstColon !== -1 && lastAt > firstColon ? rest.slice(firstColon + 1, lastAt) : undefined;
  const cutShort = maybePassword !== undefined && /[/?#]/.test(maybePassword);
  /** `value`, quoted after `lead`, only when no piece of a password can be in it. */
  const fail = (problem: string, value?: string, lead = ', not '): PostgresLocationResult => ({
    message: [
      `${problem}${value === undefined || cutShort ? '' : `${lead}"${value.slice(0, 40)}"`}`,
      ` (in ${redactSecrets(given, [maybePassword])}).`,
      ' Expected postgres://USER@HOST:PORT/DATABASE.',
      cutShort ? ENCODE_HINT : '',
    ].join(''),
  });
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  const tail = authorityEnd === -1 ? '' : rest.slice(authorityEnd);
  const at = authority.lastIndexOf('@');
  const userInfo = at === -1 ? '' : authority.slice(0, at);
  const hostPort = authority.slice(at + 1);
  const colon = userInfo.indexOf(':');
  const urlUser = decoded(colon === -1 ? userInfo : userInfo.slice(0, colon));
  const urlPassword = colon === -1 ? undefined : decoded(userInfo.slice(colon + 1));
  if (hostPort.includes(',')) return fail('Only one host can be given');
  // An IPv6 address is in brackets: [::1]:5432.
  const hostMatch = /^(?:\[([^\]]*)\]|([^:[\]\s]*))(?::(.*))?$/.exec(hostPort);
  if (!hostMatch) return fail('The host is not valid');
  const [, bracketed, plain, urlPort = ''] = hostMatch;
  const urlHost = decoded(bracketed ?? plain ?? '');
  const [beforeFragment = '', fragment = ''] = tail.split('#');
  const queryStart = beforeFragment.indexOf('?');
  const pathText = (queryStart === -1 ? beforeFragment : beforeFragment.slice(0, queryStart)).replace(/^\//, '');
  // An "@" after the host, out of the query (where ?user=me@corp may have one): a password's piece.
  if (pathText.includes('@') || fragment.includes('@')) return fail('An "@" after the host');
  const queryText = queryStart === -1 ? '' : beforeFragment.slice(queryStart + 1);
  const parameters = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(queryText)) {
    if (!KNOWN_PARAMETERS.has(key)) return fail('Unknown connection parameter', key, ' ');
    parameters.set(key, value);
  }
  const host = parameters.get('host') || urlHost || env['PGHOST'] || 'localhost';
  const portText = parameters.get('port') || urlPort || env['PGPORT'] || '5432';
  const port = portOf(portText);
  if (port === undefined) return fail('The port must be a number from 1 to 65535', portText);
  const user = parameters.get('user') || urlUser || env['PGUSER'] || env['USER'] || env['LOGNAME'] || 'postgres';
  const path = decoded(pathText);
  if (path.includes('/')) return fail('The database name cannot contain "/"');
  const database = parameters.get('dbname') || path || env['PGDATABASE'] || user;
  const sslText = parameters.get('sslmode') || env['PGSSLMODE'] || 'prefer';
  if (!(SSL_MODES as readonly string[]).includes(sslText)) return fail(`sslmode must be one of ${SSL_MODES.join(', ')}`, sslText);
  const timeoutText = parameters.get('connect_timeout');
  const connectTimeoutSeconds = timeoutText === undefined ? undefined : Number(timeoutText);
  if (connectTimeoutSeconds !== undefined && !(Number.isInteger(connectTimeoutSeconds) && connectTimeoutSeconds >= 0))
    return fail('connect_timeout must be a whole number of seconds');
  const sslRootCert = parameters.get('sslrootcert') || env['PGSSLROOTCERT'];
  const sslCert = parameters.get('sslcert') || env['PGSSLCERT'];
  const sslKey = parameters.get('sslkey') || env['PGSSLKEY'];
  const password = parameters.get('password') || urlPassword || env['PGPASSWORD'] || undefined;
  const target: ConnectionTarget = {
    host,
    port,
    database,
    user,
    sslMode: sslText as SslMode,
    ...(sslRootCert ? {sslRootCert} : {}),
    ...(sslCert ? {sslCert} : {}),
    ...(sslKey ? {sslKey} : {}),
    ...(connectTimeoutSeconds === undefined ? {} : {connectTimeoutSeconds}),
  };
  return {location: new PostgresLocation(target, password)};
};
