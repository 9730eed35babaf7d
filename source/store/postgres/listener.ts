/**
 * LISTEN on the changes channel with a client of its own (a pooled connection cannot hold a
 * LISTEN: it goes back to the pool), reconnecting by itself when the database goes away and
 * comes back. Notifications sent while it was away are lost, so every (re)connection is reported
 * (`listening`): the caller reads what changed since the revision it knows, and misses nothing.
 *
 * A connection can die without a word (a cable pulled, a firewall forgetting it): a heartbeat
 * query every few seconds finds that out within one interval.
 */
import pg from 'pg';
import {describeDriverError} from './postgres-error.js';
import type {PostgresLocation} from './postgres-location.js';
import {CHANGES_CHANNEL} from './tables.js';

export type ListenerState =
  /** Connected and listening: re-read what changed (notices may have been missed before). */
  | {readonly kind: 'listening'; readonly reconnected: boolean}
  /** The connection is gone; retrying. `problem` has no password. */
  | {readonly kind: 'lost'; readonly problem: string};

export interface ListenerOptions {
  readonly onNotice: (payload: string) => void;
  readonly onState?: (state: ListenerState) => void;
  /** First retry after this long, doubling up to `maxRetryMs`. */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
  readonly heartbeatMs?: number;
}

export interface Listener {
  /** Resolves once the first LISTEN is in place (or the first attempt failed: it keeps retrying). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export const listenForChanges = (clientConfig: pg.ClientConfig, location: PostgresLocation, options: ListenerOptions): Listener => {
  const {onNotice, onState, retryMs = 250, maxRetryMs = 5_000, heartbeatMs = 5_000} = options;
  let client: pg.Client | undefined;
  let closed = false;
  let attempts = 0;
  let everListened = false;
  let lostSaid = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;

  const lost = (current: pg.Client, error: unknown) => {
    if (client !== current) return;
    client = undefined;
    clearInterval(heartbeat);
    void current.end().catch(() => undefined);
    if (closed) return;
    if (!lostSaid) {
      lostSaid = true;
      onState?.({kind: 'lost', problem: describeDriverError(error, location)});
    }
    const delay = Math.min(maxRetryMs, retryMs * 2 ** Math.min(attempts++, 10));
    retryTimer = setTimeout(() => void connect(), delay);
    retryTimer.unref();
  };

  const connect = async (): Promise<void> => {
    if (closed) return;
    const current = new pg.Client({
      ...clientConfig,
      application_name: `${clientConfig.application_name ?? 'tpa'} (listener)`,
      // The heartbeat fails when no answer comes within one interval (client-side).
      query_timeout: heartbeatMs,
    });
    client = current;
    current.on('notification', message => {
      if (message.channel === CHANGES_CHANNEL) onNotice(message.payload ?? '');
    });
    current.on('error', error => lost(current, error));
    current.on('end', () => lost(current, new Error('Connection terminated')));
    try {
      await current.connect();
      await current.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (error) {
      lost(current, error);
      return;
    }
    if (closed || client !== current) return;
    attempts = 0;
    lostSaid = false;
    const reconnected = everListened;
    everListened = true;
    heartbeat = setInterval(() => {
      current.query('SELECT 1').catch(error => lost(current, error));
    }, heartbeatMs);
    heartbeat.unref();
    onState?.({kind: 'listening', reconnected});
  };

  const ready = connect();
  return {
    ready,
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      clearInterval(heartbeat);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
};
