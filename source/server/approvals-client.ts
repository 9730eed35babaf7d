/**
 * The console's side of the admin channel (ARCHITECTURE.md, "The authorization server"): the
 * authorization requests waiting for approval, live, and the decisions. It finds the server
 * through the server file beside the data file (address and admin key, 0600), follows its event
 * stream, and connects again when the server restarts.
 */
import {request, type ClientRequest} from 'node:http';
import {httpRequest} from './http-request.js';
import {HEARTBEAT_MS} from './server-defaults.js';
import type {PendingApproval} from './oauth/approvals.js';
import {locateServer} from './server-info.js';

export type {PendingApproval};

export interface ApprovalsState {
  /** True while the console follows a running server's requests. */
  readonly connected: boolean;
  /** Oldest first. */
  readonly pending: readonly PendingApproval[];
  /** Why it is not connected, in the admin's words. */
  readonly why?: string;
}

export interface ApprovalsClient {
  /** Called at once with the current state, then on every change. */
  subscribe(listener: (state: ApprovalsState) => void): () => void;
  /** False when the request no longer waits (decided elsewhere, timed out) or the server cannot be reached. */
  approve(id: string): Promise<boolean>;
  deny(id: string): Promise<boolean>;
  close(): void;
}

export interface ApprovalsClientOptions {
  /** "alice@host": who decides, for the history. */
  readonly by: string;
  /** How often to look for a server while none answers. */
  readonly retryMs?: number;
}

/** Where the admin channel of the data file's server is, or why there is none. */
export const findAdminChannel = async (dataFile: string): Promise<{url: string; key: string} | {why: string}> => {
  // The key goes only to a server whose file is trusted, on this machine (server-info.ts).
  const located = await locateServer(dataFile);
  if (located.kind === 'none') return {why: 'no server running for this data file (tpa serve)'};
  if (located.kind === 'unusable') return {why: located.why};
  if (!located.info.adminKey) return {why: 'the running server is of an older tpa: restart tpa serve'};
  return {url: located.url, key: located.info.adminKey};
};

/** The state a client holds, told to its listeners at once and on every change (this client's and shared-approvals-client.ts's). */
export const approvalsHolder = (why: string) => {
  const listeners = new Set<(state: ApprovalsState) => void>();
  let state: ApprovalsState = {connected: false, pending: [], why};
  return {
    get state() {
      return state;
    },
    set: (next: ApprovalsState) => {
      state = next;
      for (const listener of listeners) listener(state);
    },
    subscribe: (listener: (state: ApprovalsState) => void) => {
      listeners.add(listener);
      listener(state);
      return () => listeners.delete(listener);
    },
    clear: () => listeners.clear(),
  };
};

export const connectApprovals = (dataFile: string, options: ApprovalsClientOptions): ApprovalsClient => {
  const retryMs = options.retryMs ?? 1_000;
  const holder = approvalsHolder('connecting');
  const {set} = holder;
  let closed = false;
  let current: ClientRequest | undefined;
  let retry: NodeJS.Timeout | undefined;

  const again = (why: string) => {
    current = undefined;
    if (holder.state.connected || holder.state.why !== why) set({connected: false, pending: [], why});
    if (!closed) retry = setTimeout(() => void connect(), retryMs);
  };

  const connect = async (): Promise<void> => {
    if (closed) return;
    const channel = await findAdminChannel(dataFile);
    if ('why' in channel) return again(channel.why);
    let buffer = '';
    let quiet: NodeJS.Timeout | undefined;
    // 'error' and 'close' may both come: one reconnection per connection.
    let ended = false;
    const end = (why: string) => {
      clearTimeout(quiet);
      if (ended) return;
      ended = true;
      if (current === req) again(why);
    };
    const req = request(
      `${channel.url}/admin/approvals`,
      {headers: {Authorization: `Bearer ${channel.key}`, Accept: 'text/event-stream'}, agent: false},
      res => {
        if (res.statusCode !== 200) {
          res.resume();
          return end(`the server refused the console (${res.statusCode})`);
        }
        res.setEncoding('utf8');
        const alive = () => {
          clearTimeout(quiet);
          // No heartbeat for three periods: the server is gone without closing (suspended, network).
          quiet = setTimeout(() => req.destroy(new Error('no heartbeat')), HEARTBEAT_MS * 3);
        };
        alive();
        res.on('data', (chunk: string) => {
          alive();
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = event
              .split('\n')
              .filter(line => line.startsWith('data: '))
              .map(line => line.slice(6))
              .join('\n');
            if (!event.startsWith('event: approvals') || data === '') continue;
            try {
              const {pending} = JSON.parse(data) as {pending: PendingApproval[]};
              set({connected: true, pending});
            } catch {
              // A torn event: the next one says it all again.
            }
          }
        });
        res.once('close', () => end('the server stopped'));
      },
    );
    req.once('error', () => end('the server does not answer'));
    current = req;
    req.end();
  };

  const decide = async (id: string, decision: 'approve' | 'deny'): Promise<boolean> => {
    const channel = await findAdminChannel(dataFile);
    if ('why' in channel) return false;
    try {
      const answer = await httpRequest({
        method: 'POST',
        url: `${channel.url}/admin/approvals/${encodeURIComponent(id)}`,
        headers: {Authorization: `Bearer ${channel.key}`, 'Content-Type': 'application/json'},
        body: JSON.stringify({decision, by: options.by}),
        timeoutMs: 3_000,
      });
      return answer.status === 200;
    } catch {
      return false;
    }
  };

  void connect();
  return {
    subscribe: holder.subscribe,
    approve: id => decide(id, 'approve'),
    deny: id => decide(id, 'deny'),
    close: () => {
      closed = true;
      clearTimeout(retry);
      const req = current;
      current = undefined;
      req?.destroy();
      holder.clear();
    },
  };
};
