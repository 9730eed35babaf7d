/**
 * What goes wrong with a database, in the admin's words, never with a password (redact.ts).
 * The driver's error codes are SQLSTATEs (PostgreSQL's "Errcodes" appendix) or Node's socket
 * codes.
 */
import {DataFileError} from '../data-file-error.js';
import type {PostgresLocation} from './postgres-location.js';

/**
 * The database cannot be reached or refuses us: nothing was read or written. A DataFileError
 * (its `file` is the address without password), so that every place that says "the data cannot
 * be used" says it for a database too.
 */
export class PostgresUnavailableError extends DataFileError {
  constructor(
    location: string,
    problem: string,
    /**
     * SQLSTATE or socket code, for callers that decide by it (retry, say "gone"). Not `code`: that
     * would make it read as a system error of a file (ui/console/failure-text.ts).
     */
    readonly driverCode: string | undefined,
  ) {
    super(location, problem);
    this.name = 'PostgresUnavailableError';
  }
}

/** The schema in the database is not the one this tpa uses (missing, older, newer). */
export class SchemaVersionError extends DataFileError {
  constructor(location: string, problem: string) {
    super(location, problem);
    this.name = 'SchemaVersionError';
  }
}

interface DriverError {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly errors?: unknown;
}

const codeOf = (error: unknown): string | undefined => {
  const code = (error as DriverError | undefined)?.code;
  if (typeof code === 'string') return code;
  // Node's AggregateError (a host with IPv4 and IPv6 addresses, none answering) keeps the codes inside.
  const inner = (error as DriverError | undefined)?.errors;
  return Array.isArray(inner) ? codeOf(inner[0]) : undefined;
};

const messageOf = (error: unknown): string => {
  const message = (error as DriverError | undefined)?.message;
  if (typeof message === 'string' && message !== '') return message;
  const inner = (error as DriverError | undefined)?.errors;
  return Array.isArray(inner) && inner.length > 0 ? messageOf(inner[0]) : String(error);
};

/** Socket codes and SQLSTATEs that mean "the database is not there now": a retry later may work. */
const GONE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '08000',
  '08001',
  '08003',
  '08006',
]);

/** True for an error that says the database went away (as opposed to a refused statement). */
export const isConnectionLost = (error: unknown): boolean => {
  const code = codeOf(error);
  if (code !== undefined && GONE.has(code)) return true;
  if (error instanceof PostgresUnavailableError) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    messageOf(error),
  );
};

/**
 * The admin's sentence: made of the address's parts (never the password) around the driver's own
 * message, which alone is redacted (masking the password inside tpa's words would give it away).
 * Also a log line's text.
 */
export const describeDriverError = (error: unknown, location: PostgresLocation): string => {
  const code = codeOf(error);
  const driverMessage = () => location.redact(messageOf(error));
  const {host, port, user, database} = location.target;
  switch (code) {
    case 'ECONNREFUSED':
      return `nothing answers at ${host}:${port} (is PostgreSQL running, and listening there?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host ${host} is not found`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${host}:${port} cannot be reached (${code})`;
    case 'ENOENT':
      return `no server socket in ${host}`;
    case '28P01':
      return `the password of the user "${user}" was refused`;
    case '28000':
      return `the server does not let the user "${user}" in (pg_hba.conf): ${driverMessage()}`;
    case '3D000':
      return `the database "${database}" does not exist (create it: createdb ${database}; then tpa migrate)`;
    case '57P03':
      return 'the server is starting up or shutting down';
    case '42501':
      return `the user "${user}" is not allowed to do this (${driverMessage()}): tpa doctor lists the privileges tpa needs`;
    case '53300':
      return 'the server has no connection left (max_connections)';
    default:
      if (/timeout/i.test(messageOf(error))) return `no answer from ${host}:${port} in time`;
      return driverMessage();
  }
};

/** Any error from the driver as a PostgresUnavailableError (already one: as it is), password removed. */
export const unavailable = (error: unknown, location: PostgresLocation): PostgresUnavailableError => {
  if (error instanceof PostgresUnavailableError) return error;
  return new PostgresUnavailableError(location.display, describeDriverError(error, location), codeOf(error));
};
