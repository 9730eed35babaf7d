/**
 * The authorization server's public address: what a third party reaches. One rule for every
 * place that names it (the OAuth sheet, `tpa send`, the form, Ctrl+T, and the server's own
 * discovery): the issuer setting (F2 in the console, `tpa serve --issuer`), else the running
 * server's `--issuer`, else the address it listens on, else the default with a note that no
 * server is running (ARCHITECTURE.md, The authorization server).
 */
import {isLoopbackHost} from './callback-url.js';
import {toDisplayText} from './text.js';

/** Where `tpa serve` listens unless told otherwise. */
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

/** What the running server's file says about it (server/server-info.ts). */
export interface RunningServerAddress {
  /** `tpa serve --issuer`, as given; absent without it. */
  readonly issuer?: string | undefined;
  /** The address it listens on, `http://host:port`. */
  readonly listening: string;
}

export interface PublicAddress {
  readonly url: string;
  /** The issuer setting, the running server (its --issuer or the address it listens on), or the default. */
  readonly source: 'issuer' | 'server' | 'default';
}

const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, '');

export const publicAddress = (setting: string | undefined, server: RunningServerAddress | undefined): PublicAddress => {
  if (setting) return {url: withoutTrailingSlash(setting), source: 'issuer'};
  if (server) return {url: withoutTrailingSlash(server.issuer || server.listening), source: 'server'};
  return {url: DEFAULT_SERVER_URL, source: 'default'};
};

/** Said beside the default address: it is a guess until a server runs. */
export const NO_SERVER_NOTE = 'No server runs for this data file: this is the default.';

/** How the admin sets the public address, in the console and on the command line. */
export const HOW_TO_SET_ADDRESS = {
  console: 'Set the public address with F2 or tpa serve --issuer URL.',
  command: 'Set the public address with tpa serve --issuer URL, or F2 in the console.',
} as const;

const hostOf = (url: string): string | undefined => {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
};

/**
 * Why a third party on another machine cannot use the address, or undefined when it can as far
 * as tpa can tell: a loopback host (127.0.0.1, [::1], localhost) is the third party's own
 * machine, an unspecified one (0.0.0.0, [::]) no machine at all.
 */
export const unreachableAddress = (url: string): string | undefined => {
  const host = hostOf(url);
  if (host === undefined) return undefined;
  if (isLoopbackHost(host) || host.endsWith('.localhost'))
    return `${url} is this machine's own (loopback) address: a third party on another machine cannot reach it.`;
  if (host === '0.0.0.0' || host === '[::]')
    return `${url} is no machine's address (the server listens on every address of this one): a third party cannot reach it.`;
  return undefined;
};

/** The warning to give before the sheet leaves this machine, with how to fix it; undefined when none is needed. */
export const addressWarning = (address: PublicAddress, where: keyof typeof HOW_TO_SET_ADDRESS): string | undefined => {
  const problem = unreachableAddress(toDisplayText(address.url));
  if (!problem) return undefined;
  const note = address.source === 'default' ? ` ${NO_SERVER_NOTE}` : '';
  return `${problem}${note} ${HOW_TO_SET_ADDRESS[where]}`;
};
