/** `tpa serve [--host H] [--port P] [--data FILE]` to options; no I/O, like options.ts. */
import path from 'node:path';
import {parseArgs} from 'node:util';
import {DEFAULT_DATA_FILE} from './data-file.js';

export const SERVE_DEFAULT_HOST = '127.0.0.1';
export const SERVE_DEFAULT_PORT = 8787;

export type ServeCommand = {
  readonly kind: 'serve';
  readonly dataFile: string;
  readonly host: string;
  readonly port: number;
  /** The public address third parties use (`--issuer`), e.g. the TLS reverse proxy's. */
  readonly issuer?: string;
};

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

export const SERVE_USAGE = `  tpa serve [--host ${SERVE_DEFAULT_HOST}] [--port ${SERVE_DEFAULT_PORT}] [--issuer URL] [--data FILE]
                           the OAuth authorization server of the third parties in the data file`;

export const parseServeCommand = (
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): ServeCommand | {readonly kind: 'error'; readonly message: string} => {
  let values;
  try {
    ({values} = parseArgs({
      args: [...argv],
      options: {data: {type: 'string'}, host: {type: 'string'}, port: {type: 'string'}, issuer: {type: 'string'}},
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return {kind: 'error', message: `${error instanceof Error ? error.message : String(error)}\nRun tpa --help for the options.`};
  }
  if (values.data !== undefined && values.data.trim() === '') return {kind: 'error', message: '--data needs a file name.'};
  const host = values.host ?? SERVE_DEFAULT_HOST;
  if (host.trim() === '') return {kind: 'error', message: '--host needs an address, such as 127.0.0.1.'};
  const port = values.port === undefined ? SERVE_DEFAULT_PORT : Number(values.port);
  if (!/^\d{1,5}$/.test(values.port ?? '0') || !Number.isInteger(port) || port > 65_535) {
    return {kind: 'error', message: `--port must be a number from 0 to 65535 (0: any free port), not "${values.port}".`};
  }
  const checked = values.issuer === undefined ? undefined : checkIssuer(values.issuer);
  if (checked && 'message' in checked) return {kind: 'error', message: checked.message};
  const chosen = values.data ?? (env['TPA_DATA'] || DEFAULT_DATA_FILE);
  return {kind: 'serve', dataFile: path.resolve(cwd, chosen), host, port, ...(checked ? {issuer: checked.issuer} : {})};
};
