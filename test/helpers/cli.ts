/** Runs the built dist/cli.js as a subprocess, as a script or cron job would, and checks --json against the schema. */
import {execFile} from 'node:child_process';
import {readFileSync} from 'node:fs';
import type {ExecutionContext} from 'ava';
import {Ajv2020} from 'ajv/dist/2020.js';
import {CLI, REPOSITORY} from './pty-console.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `tpa ARGS` with no terminal; TPA_DATA and NO_COLOR from the test's own environment are not passed on. */
export const tpa = (
  args: readonly string[],
  options: {env?: Record<string, string>; cwd?: string; input?: string} = {},
): Promise<CliResult> =>
  new Promise(resolve => {
    const {TPA_DATA: _data, NO_COLOR: _noColor, ...inherited} = process.env;
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      {env: {...inherited, TZ: 'UTC', ...options.env}, cwd: options.cwd ?? REPOSITORY, timeout: 90_000},
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        // -1: killed (the timeout) or not started; the reason goes with stderr for the failure message.
        resolve({code, stdout, stderr: code === -1 ? `${stderr}\n[${error?.signal ?? error?.message ?? ''}]` : stderr});
      },
    );
    child.stdin?.end(options.input ?? '');
  });

const schema = JSON.parse(readFileSync(new URL('../../schemas/cli-output.schema.json', import.meta.url), 'utf8')) as object;
const ajv = new Ajv2020({allErrors: true, strict: true, allowUnionTypes: true});
// ISO 8601 in UTC with milliseconds, as tpa writes every time (Date.prototype.toISOString).
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
const validate = ajv.compile(schema);

/** The JSON document, after checking it against schemas/cli-output.schema.json. */
export const validJson = <T = Record<string, unknown>>(t: ExecutionContext, text: string): T => {
  const value: unknown = JSON.parse(text);
  const valid = validate(value);
  t.true(valid, `not valid against the schema: ${ajv.errorsText(validate.errors)}\n${text.slice(0, 2000)}`);
  return value as T;
};
