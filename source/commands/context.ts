/** What a command gets from cli.tsx: the data file, clock and randomness, who runs it, where to write. */
import type {Environment, PresentedCredentials, RunningServerAddress} from '../domain/index.js';
import type {Output} from './output.js';

export interface ServerAnswerView {
  readonly status: number;
  readonly summary: string;
  readonly ms: number;
}

/** The console's client of `tpa serve` (server/server-client.ts), as `tpa test --via-server` uses it. */
export interface ServerAccess {
  findServer(): Promise<{readonly running: true; readonly url: string} | {readonly running: false; readonly why: string}>;
  testThroughServer(
    url: string,
    presented: PresentedCredentials,
  ): Promise<{readonly introspect: ServerAnswerView; readonly ping: ServerAnswerView; readonly granted: boolean}>;
}

export interface CommandContext {
  readonly dataFile: string;
  readonly env: Environment;
  /** "user@host", looked up as the console does (cli.tsx); the audit log gets it with " (cli)". */
  readonly actor: () => string;
  readonly output: Output;
  /** Relative paths (send --out) are relative to this. */
  readonly cwd: string;
  readonly serverAccess: (dataFile: string) => ServerAccess;
  /** The server running for the data file, as its server file says (server/server-info.ts); undefined when none runs. */
  readonly runningServer: (dataFile: string) => Promise<RunningServerAddress | undefined>;
}
