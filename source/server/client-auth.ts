/**
 * How a client authenticates to the introspection endpoint (RFC 6749 §2.3.1): HTTP Basic with
 * client_id:client_secret, each form-urlencoded first, or client_id and client_secret in the
 * form body; never both (RFC 6749 §2.3). Hand-written because the usual Basic parsers do not
 * undo the form-urlencoding that OAuth requires.
 */

export type ClientAuth =
  | {readonly kind: 'credentials'; readonly clientId: string; readonly clientSecret: string; readonly method: 'basic' | 'form'}
  | {readonly kind: 'none'}
  | {readonly kind: 'malformed'; readonly message: string};

const formDecode = (value: string): string | undefined => {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
};

const BASIC = /^basic +([A-Za-z0-9+/]+={0,2}) *$/i;

const parseBasic = (header: string): ClientAuth | undefined => {
  if (!/^basic(\s|$)/i.test(header)) return undefined;
  const encoded = BASIC.exec(header)?.[1];
  if (!encoded) return {kind: 'malformed', message: 'The Basic authorization header is not base64 of client_id:client_secret.'};
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const clientId = colon === -1 ? undefined : formDecode(decoded.slice(0, colon));
  const clientSecret = colon === -1 ? undefined : formDecode(decoded.slice(colon + 1));
  if (clientId === undefined || clientSecret === undefined) {
    return {kind: 'malformed', message: 'The Basic authorization header is not base64 of client_id:client_secret.'};
  }
  return {kind: 'credentials', clientId, clientSecret, method: 'basic'};
};

export const clientAuthOf = (authorization: string | undefined, form: URLSearchParams): ClientAuth => {
  const basic = authorization === undefined ? undefined : parseBasic(authorization);
  const formId = form.get('client_id');
  const formSecret = form.get('client_secret');
  const inForm = formId !== null || formSecret !== null;
  if (basic && inForm)
    return {kind: 'malformed', message: 'Authenticate the client one way only: Basic, or client_id and client_secret in the body.'};
  if (basic) return basic;
  if (inForm) return {kind: 'credentials', clientId: formId ?? '', clientSecret: formSecret ?? '', method: 'form'};
  return {kind: 'none'};
};
