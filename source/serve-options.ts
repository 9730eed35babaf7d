/** `tpa serve [--host H] [--port P] [--data FILE]`: the options' rules and messages; no I/O, like options.ts. */
import path from 'node:path';
import {DEFAULT_DATA_FILE} from './commands/program.js';

export const SERVE_DEFAULT_HOST = '127.0.0.1';
export const SERVE_DEFAULT_PORT = 8787;

export type ServeCommand = {readonly kind: 'serve'; readonly dataFile: string; readonly host: string; readonly port: number};

export interface ServeValues {
  readonly data?: string | undefined;
  readonly host?: string | undefined;
  readonly port?: string | undefined;
}

export const serveCommandOf = (
  values: ServeValues,
  env: NodeJS.ProcessEnv,
  cwd: string,
): ServeCommand | {readonly kind: 'error'; readonly message: string} => {
  if (values.data !== undefined && values.data.trim() === '') return {kind: 'error', message: '--data needs a file name.'};
  const host = values.host ?? SERVE_DEFAULT_HOST;
  if (host.trim() === '') return {kind: 'error', message: '--host needs an address, such as 127.0.0.1.'};
  const port = values.port === undefined ? SERVE_DEFAULT_PORT : Number(values.port);
  if (!/^\d{1,5}$/.test(values.port ?? '0') || !Number.isInteger(port) || port > 65_535) {
    return {kind: 'error', message: `--port must be a number from 0 to 65535 (0: any free port), not "${values.port}".`};
  }
  const chosen = values.data ?? (env['TPA_DATA'] || DEFAULT_DATA_FILE);
  return {kind: 'serve', dataFile: path.resolve(cwd, chosen), host, port};
};
