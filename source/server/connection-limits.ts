/**
 * Caps on connections (ARCHITECTURE.md, The server), so that a burst cannot use
 * up the process's file descriptors and one address cannot hold every connection (issue 17 §3):
 *  - `max` in all: past it node:http closes new connections at once ('drop');
 *  - `perAddress` from one peer address: past it a new connection is closed at once. The
 *    `--trust-proxy` address is exempt: every client behind it comes through its connections;
 *  - a connection that has sent nothing within `silentMs` is closed (the header timeout, longer,
 *    applies once a request has begun).
 * One line says when a cap is reached, then at most one a minute while it lasts, with the count
 * refused meanwhile. These caps are per server: a reverse proxy in front limits per client.
 */
import type {Server} from 'node:http';
import type {Socket} from 'node:net';
import {normalizeAddress} from './client-address.js';

export interface ConnectionLimits {
  readonly max: number;
  readonly perAddress: number;
  readonly silentMs: number;
  /** The reverse proxy (`--trust-proxy`), exempt from the cap per address. */
  readonly trustProxy?: string | undefined;
}

/** How often at most a cap is reported while connections keep being refused. */
const CAP_REPORT_MS = 60_000;

/** Counts refusals and says so at once, then at most once a minute with the count since. */
const reporter = (log: (message: string) => void) => {
  let refused = 0;
  let reportedAt = -Infinity;
  return (describe: (refused: number, since: string) => string): void => {
    refused++;
    const now = Date.now();
    if (now - reportedAt < CAP_REPORT_MS) return;
    log(describe(refused, reportedAt === -Infinity ? '' : ' in the last minute'));
    reportedAt = now;
    refused = 0;
  };
};

export const limitConnections = (server: Server, limits: ConnectionLimits, log: (message: string) => void): void => {
  server.maxConnections = limits.max;
  const reportDrop = reporter(log);
  const reportAddress = reporter(log);
  server.on('drop', () =>
    reportDrop(
      (refused, since) => `${limits.max} connections are open, the most allowed: new connections are refused (${refused} so far)${since}`,
    ),
  );
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = normalizeAddress(socket.remoteAddress ?? 'unknown');
    if (address !== limits.trustProxy) {
      const count = open.get(address) ?? 0;
      if (count >= limits.perAddress) {
        socket.destroy();
        reportAddress(
          (refused, since) =>
            `${limits.perAddress} connections from ${address} are open, the most allowed from one address: new ones are refused (${refused} so far)${since}`,
        );
        return;
      }
      open.set(address, count + 1);
      socket.once('close', () => {
        const left = (open.get(address) ?? 1) - 1;
        if (left === 0) open.delete(address);
        else open.set(address, left);
      });
    }
    // bytesRead counts what the HTTP parser took too (it reads the socket's handle directly).
    const silent = setTimeout(() => {
      if (socket.bytesRead === 0) socket.destroy();
    }, limits.silentMs);
    silent.unref();
    socket.once('close', () => clearTimeout(silent));
  });
};
