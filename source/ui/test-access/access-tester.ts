/**
 * What the test-access panel and the token grid need from outside the console: the server
 * running for this data file, a test through it, and when each token was last used. `cli.tsx`
 * wires the real one (server/); the UI itself never touches the network or the file system.
 */
import type {PresentedCredentials} from '../../domain/index.js';

export type ServerLookup = {readonly running: true; readonly url: string} | {readonly running: false; readonly why: string};

export interface ServerAnswer {
  readonly status: number;
  /** A few words from the answer: "active", "inactive", "invalid_client", "granted", … */
  readonly summary: string;
  readonly ms: number;
}

export interface ServerTest {
  /** POST /oauth/introspect with the client ID and secret (HTTP Basic) and the token. */
  readonly introspect: ServerAnswer;
  /** GET /v1/ping with the token as a bearer token. */
  readonly ping: ServerAnswer;
  /** What the server makes of it: introspection said active and the ping was answered 200. */
  readonly granted: boolean;
}

export interface AccessTester {
  findServer(): Promise<ServerLookup>;
  testThroughServer(url: string, presented: PresentedCredentials): Promise<ServerTest>;
  /** Token record id → the last time the server granted it access. */
  lastUsed(): Promise<ReadonlyMap<string, Date>>;
}

/** For a console without a server side (component tests): never a server, nothing used. */
export const noAccessTester: AccessTester = {
  findServer: async () => ({running: false, why: 'no server for this console'}),
  testThroughServer: async () => {
    throw new Error('no server for this console');
  },
  lastUsed: async () => new Map(),
};
