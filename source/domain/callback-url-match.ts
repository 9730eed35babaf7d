/** Whether the callback URL a third party presents is the saved one (RFC 6749 §3.1.2.3, RFC 8252 §7.3). */
import {isLoopbackHost} from './validation.js';

export type CallbackUrlMatch = 'exact' | 'loopback' | 'different';

// scheme "http", host, optional port, and the rest (path, query) as typed.
const LOOPBACK_HTTP = /^http:\/\/(\[[^\]]*\]|[^/:?#]*)(?::\d{0,5})?([/?].*)?$/is;

const withoutPort = (url: string): {host: string; rest: string} | undefined => {
  const match = LOOPBACK_HTTP.exec(url);
  if (!match || !isLoopbackHost(match[1]!)) return undefined;
  return {host: match[1]!.toLowerCase(), rest: match[2] ?? ''};
};

/**
 * Exact string comparison, with one exception: a saved loopback http URL matches the same URL on
 * any port, because a native app listens on whatever port the system gives it (RFC 8252 §7.3).
 */
export const callbackUrlMatch = (saved: string, presented: string): CallbackUrlMatch => {
  if (presented === saved) return 'exact';
  const savedParts = withoutPort(saved);
  const presentedParts = savedParts && withoutPort(presented);
  if (savedParts && presentedParts && savedParts.host === presentedParts.host && savedParts.rest === presentedParts.rest) return 'loopback';
  return 'different';
};
