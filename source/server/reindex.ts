/**
 * The access index after the server's own save: only the third parties that save replaced are
 * indexed again (records are immutable, so an unchanged one is the same object). At 5,000 third
 * parties a full index hashes some 20,000 tokens; a save of the group commit changes up to a few
 * dozen records. The index is updated in place, not copied (copying 25,000 entries took more
 * than the save's own work in a storm): every request looks it up afresh, synchronously, so none
 * sees it half updated.
 */
import {indexAccess, storedTokenKey, type ThirdParty, type UpdatableAccessIndex} from '../domain/index.js';

/** More changed records than this: a full index is as quick. */
const INCREMENTAL_LIMIT = 500;

export const reindexAccess = (
  previous: readonly ThirdParty[],
  index: UpdatableAccessIndex,
  next: readonly ThirdParty[],
): UpdatableAccessIndex => {
  if (previous.length !== next.length) return indexAccess(next);
  // Side by side: the server's writes replace records where they stand, never move them.
  const changed: [before: ThirdParty, after: ThirdParty][] = [];
  for (let position = 0; position < next.length; position++) {
    const old = previous[position]!;
    const thirdParty = next[position]!;
    if (old === thirdParty) continue;
    // Another record at this place (one deleted, one added), or a great many changed: start afresh.
    if (old.id !== thirdParty.id || changed.length >= INCREMENTAL_LIMIT) return indexAccess(next);
    changed.push([old, thirdParty]);
  }
  if (changed.length === 0) return index;
  const {byClientId, byToken} = index;
  // Per token, not per record: a third party that authorized 1,000 times has 1,000 tokens, and a
  // save that adds one hashes that one (storedTokenKey keeps each token object's key; a token
  // made inactive is a new object with the same text, and takes the old one's key).
  const keysOf = changed.map(([old, thirdParty]) => {
    const before = new Map(old.tokens.map(token => [token.token, storedTokenKey(token)]));
    const after = new Set(thirdParty.tokens.map(token => storedTokenKey(token, before.get(token.token))));
    return {before, after};
  });
  // All removals before all additions: a token that moved between two changed records stays.
  changed.forEach(([old], position) => {
    byClientId.delete(old.clientId);
    const {before, after} = keysOf[position]!;
    for (const key of before.values()) if (!after.has(key)) byToken.delete(key);
  });
  for (const [, thirdParty] of changed) {
    byClientId.set(thirdParty.clientId, thirdParty);
    for (const token of thirdParty.tokens) byToken.set(storedTokenKey(token), {thirdParty, token});
  }
  return index;
};
