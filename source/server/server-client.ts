/**
 * The console's side of the server: is one running for this data file, and what does it answer
 * to a set of credentials. The console reaches it only through this (as an AccessTester).
 */
import {isLoopbackHost, type PresentedCredentials} from '../domain/index.js';
import {httpRequest, type HttpAnswer} from './http-request.js';
import {createLastUsedReader, lastUsedIndexPath} from './last-used-index.js';
import {locateServer} from './server-info.js';

const TIMEOUT_MS = 3_000;

/** RFC 6749 §2.3.1: client_id and client_secret are form-urlencoded before they go into Basic. */
const formEncode = (value: string): string => encodeURIComponent(value).replace(/%20/g, '+');
export const basicAuthorization = (clientId: string, clientSecret: string): string =>
  `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`).toString('base64')}`;

const jsonOf = (answer: HttpAnswer): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(answer.body);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

const summaryOf = (answer: HttpAnswer, json: Record<string, unknown>): string => {
  if (typeof json['active'] === 'boolean') return json['active'] ? 'active' : 'inactive';
  if (typeof json['error'] === 'string') return json['error'];
  if (answer.status === 200) return 'granted';
  if (answer.status === 401) return 'no token';
  return 'answer';
};

export interface ServerClientOptions {
  /**
   * On a database: the public address saved in its settings (the servers' --issuer), where the
   * servers are reached when none runs on this machine.
   */
  readonly publicAddress?: () => string | undefined;
}

/** A public address the test may send a client secret to: https, or plain http to this machine only. */
const safeToSendTo = (address: string | undefined): string | undefined => {
  if (address === undefined) return undefined;
  try {
    const url = new URL(address);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))
      ? address.replace(/\/+$/, '')
      : undefined;
  } catch {
    return undefined;
  }
};

export const createServerClient = (dataFile: string, options: ServerClientOptions = {}) => {
  const lastUsedReader = createLastUsedReader(lastUsedIndexPath(dataFile));
  return {
    findServer: async () => {
      // The test sends the client secret: only to a server whose file is trusted, on this machine (server-info.ts),
      // or on a database to the servers' public address as saved with the data, if it is https.
      const located = await locateServer(dataFile);
      if (located.kind === 'unusable') return {running: false as const, why: located.why};
      const url = located.kind === 'running' ? located.url : safeToSendTo(options.publicAddress?.());
      if (url === undefined)
        return {
          running: false as const,
          why: options.publicAddress
            ? 'none running on this machine, and no https public address saved to reach the servers (tpa serve --issuer https://…)'
            : 'none running for this data file (tpa serve)',
        };
      try {
        const health = await httpRequest({method: 'GET', url: `${url}/healthz`, timeoutMs: 1_000});
        if (health.status === 200) return {running: true as const, url};
        return {running: false as const, why: `${url} answers ${health.status} to /healthz`};
      } catch (error) {
        return {running: false as const, why: `${url} does not answer (${error instanceof Error ? error.message : String(error)})`};
      }
    },

    testThroughServer: async (url: string, presented: PresentedCredentials) => {
      const introspection = await httpRequest({
        method: 'POST',
        url: `${url}/oauth/introspect`,
        headers: {
          Authorization: basicAuthorization(presented.clientId, presented.clientSecret),
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({token: presented.token}).toString(),
        timeoutMs: TIMEOUT_MS,
      });
      const ping = await httpRequest({
        method: 'GET',
        url: `${url}/v1/ping`,
        headers: {Authorization: `Bearer ${presented.token}`},
        timeoutMs: TIMEOUT_MS,
      });
      const introspectJson = jsonOf(introspection);
      return {
        introspect: {status: introspection.status, summary: summaryOf(introspection, introspectJson), ms: introspection.ms},
        ping: {status: ping.status, summary: summaryOf(ping, jsonOf(ping)), ms: ping.ms},
        granted: introspection.status === 200 && introspectJson['active'] === true && ping.status === 200,
      };
    },

    lastUsed: () => lastUsedReader.read(),
  };
};
