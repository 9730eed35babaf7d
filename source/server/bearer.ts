/** The OAuth token in `Authorization: Bearer …` (RFC 6750 §2.1). */

export type BearerHeader =
  {readonly kind: 'token'; readonly token: string} | {readonly kind: 'none'} | {readonly kind: 'malformed'; readonly message: string};

// b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
const BEARER = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

export const bearerOf = (authorization: string | undefined): BearerHeader => {
  // Another scheme is no bearer token at all: the answer is the challenge, without an error code (RFC 6750 §3.1).
  if (authorization === undefined || !/^bearer(\s|$)/i.test(authorization)) return {kind: 'none'};
  const token = BEARER.exec(authorization)?.[1];
  if (token === undefined)
    return {kind: 'malformed', message: 'The Authorization header must be "Bearer" and the OAuth token, one space between.'};
  return {kind: 'token', token};
};
