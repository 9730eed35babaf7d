/** Creating and changing a third party; pure functions that return new records. */
import {generateCredential, generateId, SECRET_PREFIX} from './credentials.js';
import {createToken} from './tokens.js';
import type {Environment, ThirdParty} from './types.js';

/** A new third party: generated ids and secret, no tokens yet, not enabled (the admin selects Enabled). */
export const createThirdParty = (env: Environment, name = ''): ThirdParty => {
  const now = env.now().toISOString();
  return {
    id: generateId(env),
    name,
    clientId: generateId(env),
    clientSecret: generateCredential(SECRET_PREFIX, env),
    enabled: false,
    callbackUrl: null,
    tokens: [],
    createdAt: now,
    updatedAt: now,
  };
};

/** Add OAuth Token: the new row goes first, the grid lists newest first. */
export const addToken = (thirdParty: ThirdParty, env: Environment): ThirdParty => ({
  ...thirdParty,
  tokens: [createToken(env), ...thirdParty.tokens],
});

export const toggleTokenActive = (thirdParty: ThirdParty, tokenId: string): ThirdParty => ({
  ...thirdParty,
  tokens: thirdParty.tokens.map(token => (token.id === tokenId ? {...token, active: !token.active} : token)),
});

export type Authorization = 'automatic' | 'manual';

/** Connect: a third party with a callback URL uses automatic authorization, one without manual. */
export const authorizationOf = (thirdParty: Pick<ThirdParty, 'callbackUrl'>): Authorization =>
  thirdParty.callbackUrl ? 'automatic' : 'manual';

const nameCollator = new Intl.Collator(undefined, {sensitivity: 'base', numeric: true});

/** Case-insensitive name order, the order of the list. */
export const compareByName = (a: ThirdParty, b: ThirdParty): number =>
  nameCollator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Where a record goes in a list in name order (binary search). */
export const placeByName = (list: readonly ThirdParty[], thirdParty: ThirdParty): number => {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareByName(list[middle]!, thirdParty) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
};
