/**
 * The console's side of the server: is one running for this data file, and what does it answer
 * to a set of credentials. The console reaches it only through this (as an AccessTester).
 */
import type {PresentedCredentials} from '../domain/index.js';
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

export const createServerClient = (dataFile: string) => {
  const lastUsedReader = createLastUsedReader(lastUsedIndexPath(dataFile));
  return {
    findServer: async () => {
      // The test sends the client secret: only to a server whose file is trusted, on this machine (server-info.ts).
      const located = await locateServer(dataFile);
      if (located.kind === 'none') return {running: false as const, why: 'none running for this data file (tpa serve)'};
      if (located.kind === 'unusable') return {running: false as const, why: located.why};
      const {url} = located;
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
