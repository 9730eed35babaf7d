/**
 * The address a request comes from, as the throttle and the access log know it. Behind a reverse
 * proxy every peer is the proxy: with `--trust-proxy ADDRESS`, and only when the peer is that
 * address, the client is the last entry of X-Forwarded-For (the one the proxy itself appended;
 * the entries before it are whatever the client sent).
 */
import type {IncomingMessage} from 'node:http';
import {isIP} from 'node:net';

/** `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) is `127.0.0.1`. */
export const normalizeAddress = (address: string): string => {
  const lower = address.toLowerCase();
  return lower.startsWith('::ffff:') && isIP(lower.slice(7)) === 4 ? lower.slice(7) : lower;
};

export const clientAddressOf = (req: IncomingMessage, trustProxy: string | undefined): string => {
  const peer = normalizeAddress(req.socket.remoteAddress ?? 'unknown');
  if (trustProxy === undefined || peer !== trustProxy) return peer;
  const forwarded = req.headers['x-forwarded-for'];
  if (typeof forwarded !== 'string') return peer;
  const last = forwarded.slice(forwarded.lastIndexOf(',') + 1).trim();
  return isIP(last) === 0 ? peer : normalizeAddress(last);
};
