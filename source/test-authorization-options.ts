/** `tpa test-authorization NAME [--data FILE]` to options; no I/O, like options.ts. */
import path from 'node:path';
import {parseArgs} from 'node:util';
import {DEFAULT_DATA_FILE} from './options.js';

export type TestAuthorizationCommand = {readonly kind: 'test-authorization'; readonly dataFile: string; readonly name: string};

export const TEST_AUTHORIZATION_USAGE = `  tpa test-authorization NAME [--data FILE]
                           run automatic authorization for the third party NAME through
                           the running tpa serve; its token is revoked at the end`;

export const parseTestAuthorizationCommand = (
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): TestAuthorizationCommand | {readonly kind: 'error'; readonly message: string} => {
  let values;
  let positionals: string[];
  try {
    ({values, positionals} = parseArgs({args: [...argv], options: {data: {type: 'string'}}, strict: true, allowPositionals: true}));
  } catch (error) {
    return {kind: 'error', message: `${error instanceof Error ? error.message : String(error)}\nRun tpa --help for the options.`};
  }
  const name = positionals.join(' ').trim();
  if (name === '') return {kind: 'error', message: 'Name the third party to test: tpa test-authorization "Acme Payments".'};
  if (values.data !== undefined && values.data.trim() === '') return {kind: 'error', message: '--data needs a file name.'};
  const chosen = values.data ?? (env['TPA_DATA'] || DEFAULT_DATA_FILE);
  return {kind: 'test-authorization', dataFile: path.resolve(cwd, chosen), name};
};
