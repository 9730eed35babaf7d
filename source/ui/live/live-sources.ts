/**
 * What the console follows live besides its own keys (ARCHITECTURE.md, The console): the data
 * file and the access log as other writers change them, and the authorization requests waiting
 * for approval on the running server. `cli.tsx` wires the real ones (store/, server/); the UI
 * itself never touches the file system or the network.
 */
import type {DataConnectionState, PendingApproval, RunningServerAddress} from '../../domain/index.js';

/** An authorization request waiting for an admin (approval "ask"), as the server announces it. */
export type WaitingRequest = PendingApproval;

export interface ApprovalsView {
  /** True while the console follows a running server's requests. */
  readonly connected: boolean;
  /** Oldest first. */
  readonly pending: readonly WaitingRequest[];
  /** Why it is not connected, in the admin's words. */
  readonly why?: string | undefined;
}

export type ApprovalDecision = 'approve' | 'deny';

/** One step of the automatic-authorization test, as the running server answered it. */
export interface AuthorizationTestStep {
  readonly name: 'discovery' | 'authorize' | 'code' | 'token' | 'introspect' | 'revoke';
  readonly ok: boolean;
  readonly answer: string;
  readonly ms: number;
}

export interface AuthorizationTestResult {
  readonly ok: boolean;
  readonly steps: readonly AuthorizationTestStep[];
  /** The first failing step and what to look at. */
  readonly failed?: {readonly step: AuthorizationTestStep['name']; readonly lookAt: string} | undefined;
}

export interface AuthorizationTestTarget {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly callbackUrl: string | null;
}

export interface LiveSources {
  /** Calls back (debounced) when another writer changed the data file; returns how to stop. */
  watchDataFile(onChange: () => void): () => void;
  /** Calls back when the server wrote its last-used index ("Last used"). */
  watchLastUsed(onChange: () => void): () => void;
  /** On a database: calls back when the connection to it is lost and when it is back (a data file never calls). */
  watchConnection?(onChange: (state: DataConnectionState) => void): () => void;
  /** Called at once with the current view, then on every change; returns how to stop. */
  subscribeApprovals(listener: (view: ApprovalsView) => void): () => void;
  /** False when the request no longer waits (decided elsewhere, timed out) or the server cannot be reached. */
  decide(id: string, decision: ApprovalDecision): Promise<boolean>;
  /** The server running for this data file (its --issuer and where it listens), from its server file; undefined when none runs. */
  runningServer(): Promise<RunningServerAddress | undefined>;
  /**
   * On a database: calls back every second to look again for a server on this machine (on a data
   * file, the approvals client's connection to the server says when one starts or stops).
   */
  watchRunningServer?(onLook: () => void): () => void;
  /** Discovery → authorize (PKCE) → code → token → introspect → revoke through the running server. */
  testAuthorization(target: AuthorizationTestTarget): Promise<AuthorizationTestResult>;
}

/** For a console without them (component tests): nothing changes from outside, no server. */
export const noLiveSources: LiveSources = {
  watchDataFile: () => () => undefined,
  watchLastUsed: () => () => undefined,
  subscribeApprovals: listener => {
    listener({connected: false, pending: [], why: 'no server for this console'});
    return () => undefined;
  },
  decide: async () => false,
  runningServer: async () => undefined,
  testAuthorization: async () => ({
    ok: false,
    steps: [{name: 'discovery', ok: false, answer: 'no server for this console', ms: 0}],
    failed: {step: 'discovery', lookAt: 'Is tpa serve running for this data file?'},
  }),
};
