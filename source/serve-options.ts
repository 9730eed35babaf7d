/**
 * `tpa serve [--host H] [--port P] [--data FILE] [--issuer URL] [--trust-proxy ADDRESS]
 * [--max-connections N] [--max-connections-per-address N] [--log-max SIZE]`: the options' rules and messages; no I/O, like options.ts.
 */
import {isIP} from 'node:net';
import {parseDataLocation, type DataLocation} from './store/data-location.js';
import {normalizeAddress} from './server/client-address.js';
import {
  DEFAULT_HOST as SERVE_DEFAULT_HOST,
  DEFAULT_MAX_CONNECTIONS as SERVE_DEFAULT_MAX_CONNECTIONS,
  DEFAULT_MAX_CONNECTIONS_PER_ADDRESS as SERVE_DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
  DEFAULT_PORT as SERVE_DEFAULT_PORT,
} from './server/server-defaults.js';
import {DEFAULT_LOG_MAX} from './store/rotating-log.js';

// The server's own defaults (server-defaults.ts), under the names the command line uses.
export {DEFAULT_LOG_MAX, SERVE_DEFAULT_HOST, SERVE_DEFAULT_MAX_CONNECTIONS, SERVE_DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, SERVE_DEFAULT_PORT};
const LOG_MAX_RANGE = {min: 64 * 1024, max: 1024 * 1024 * 1024};

export type ServeCommand = {
  readonly kind: 'serve';
  readonly data: DataLocation;
  readonly host: string;
  readonly port: number;
  readonly trustProxy: string | undefined;
  readonly maxConnections: number;
  readonly maxConnectionsPerAddress: number;
  readonly logMax: number;
  /** The public address third parties use (`--issuer`), e.g. the TLS reverse proxy's. */
  readonly issuer?: string;
};

export interface ServeValues {
  readonly data?: string | undefined;
  readonly host?: string | undefined;
  readonly port?: string | undefined;
  readonly issuer?: string | undefined;
  readonly trustProxy?: string | undefined;
  readonly maxConnections?: string | undefined;
  readonly maxConnectionsPerAddress?: string | undefined;
  readonly logMax?: string | undefined;
}

/** An absolute http(s) URL without query, fragment or user:password; a trailing slash is dropped. */
export const checkIssuer = (text: string): {readonly issuer: string} | {readonly message: string} => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {message: `--issuer must be an absolute URL such as https://tpa.example.com, not "${text}".`};
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return {message: '--issuer must start with https:// (or http://).'};
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '' || text.length > 2_048)
    return {message: '--issuer must have no query, fragment or user:password (RFC 8414 §2).'};
  return {issuer: text.replace(/\/+$/, '')};
};

const UNITS: Readonly<Record<string, number>> = {'': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3};

/** "10M", "512K", "1G", "1048576" (bytes; K, M, G are 1024-based, an optional B is allowed). */
export const parseSize = (text: string): number | undefined => {
  const match = /^(\d{1,10})\s*([kmg]?)i?b?$/i.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * UNITS[match[2]!.toLowerCase()]!;
};

/** A count from 1 to 999999, or the message that refuses it. */
const countOf = (option: string, text: string | undefined, fallback: number): number | string => {
  const count = text === undefined ? fallback : Number(text);
  return /^\d{1,6}$/.test(text ?? '1') && count >= 1 ? count : `${option} must be a number from 1 to 999999, not "${text}".`;
};

export const serveCommandOf = (
  values: ServeValues,
  env: NodeJS.ProcessEnv,
  cwd: string,
): ServeCommand | {readonly kind: 'error'; readonly message: string} => {
  const data = parseDataLocation(values.data, env, cwd);
  if ('message' in data) return {kind: 'error', message: data.message};
  const host = values.host ?? SERVE_DEFAULT_HOST;
  if (host.trim() === '') return {kind: 'error', message: '--host needs an address, such as 127.0.0.1.'};
  const port = values.port === undefined ? SERVE_DEFAULT_PORT : Number(values.port);
  if (!/^\d{1,5}$/.test(values.port ?? '0') || !Number.isInteger(port) || port > 65_535) {
    return {kind: 'error', message: `--port must be a number from 0 to 65535 (0: any free port), not "${values.port}".`};
  }
  const proxy = values.trustProxy;
  if (proxy !== undefined && isIP(proxy.trim()) === 0)
    return {kind: 'error', message: `--trust-proxy must be the IP address of the reverse proxy, such as 127.0.0.1, not "${proxy}".`};
  const maxConnections = countOf('--max-connections', values.maxConnections, SERVE_DEFAULT_MAX_CONNECTIONS);
  if (typeof maxConnections === 'string') return {kind: 'error', message: maxConnections};
  const perAddress = countOf('--max-connections-per-address', values.maxConnectionsPerAddress, SERVE_DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
  if (typeof perAddress === 'string') return {kind: 'error', message: perAddress};
  const logMaxText = values.logMax;
  const logMax = logMaxText === undefined ? DEFAULT_LOG_MAX : parseSize(logMaxText);
  if (logMax === undefined || logMax < LOG_MAX_RANGE.min || logMax > LOG_MAX_RANGE.max)
    return {kind: 'error', message: `--log-max must be a size from 64K to 1G, such as 10M, not "${logMaxText}".`};
  const checked = values.issuer === undefined ? undefined : checkIssuer(values.issuer);
  if (checked && 'message' in checked) return {kind: 'error', message: checked.message};
  return {
    kind: 'serve',
    data: data.location,
    host,
    port,
    trustProxy: proxy === undefined ? undefined : normalizeAddress(proxy.trim()),
    maxConnections,
    maxConnectionsPerAddress: perAddress,
    logMax,
    ...(checked ? {issuer: checked.issuer} : {}),
  };
};
