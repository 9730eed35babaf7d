/**
 * GET /.well-known/oauth-authorization-server (RFC 8414): what a client library needs to start.
 * For an issuer with a path (`https://tpa.example.com/auth`, a reverse proxy that publishes the
 * server under /auth) clients ask `/.well-known/oauth-authorization-server/auth` (RFC 8414 §3.1);
 * the document without the path stays, for an issuer without one and clients that look there.
 */
import {errorReply, json} from '../respond.js';
import {openRoute, type Route} from '../route.js';

export const WELL_KNOWN = '/.well-known/oauth-authorization-server';

export const discoveryDocument = (issuer: string) => ({
  issuer,
  authorization_endpoint: `${issuer}/oauth/authorize`,
  token_endpoint: `${issuer}/oauth/token`,
  introspection_endpoint: `${issuer}/oauth/introspect`,
  revocation_endpoint: `${issuer}/oauth/revoke`,
  response_types_supported: ['code'],
  grant_types_supported: ['authorization_code'],
  code_challenge_methods_supported: ['S256'],
  token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
  authorization_response_iss_parameter_supported: true,
});

/** The well-known route: its own path, and under it the issuer's path, nothing else. */
export const discoveryRoute = (issuer: () => string): Route =>
  openRoute({
    path: WELL_KNOWN,
    methods: ['GET'],
    subpaths: true,
    handle: ({path}) => {
      const current = issuer();
      const issuerPath = new URL(current).pathname.replace(/\/$/, '');
      const under = path.slice(WELL_KNOWN.length);
      if (under !== '' && under !== issuerPath) {
        const description = `The metadata of ${current} is at ${WELL_KNOWN}${issuerPath}.`;
        return {reply: errorReply(404, 'not_found', description), result: 'invalid_request'};
      }
      return {reply: json(200, discoveryDocument(current)), result: 'granted'};
    },
  });
