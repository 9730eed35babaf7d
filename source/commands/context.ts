/** What a command gets from cli.tsx: the data file, clock and randomness, who runs it, where to write. */
import type {Environment, PresentedCredentials, RunningServerAddress} from '../domain/index.js';
import type {Output} from './output.js';
import type {DataLocation} from '../store/data-location.js';

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
  /** Where the data is: a file or a database. */
  readonly data: DataLocation;
  /** The path whose neighbours hold this machine's files (the running server's file): the data file, or for a database one in the user's state folder. */
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
