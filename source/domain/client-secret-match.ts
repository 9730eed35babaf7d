/** Whether a presented client secret opens this third party now: the one place that decides it. */
import {constantTimeEquals} from './secrets.js';
import type {ThirdParty} from './types.js';

/**
 * True when `presented` is this third party's client secret at `now`. Compared in constant time.
 * Every check of a client secret (the console's test panel, the server) goes through here, so
 * that a rule added later (a previous secret honoured during a grace period) holds everywhere.
 */
// `now` is unused until secrets can be rotated; it is in the signature so that callers already pass it.
export const clientSecretMatches = (thirdParty: Pick<ThirdParty, 'clientSecret'>, presented: string, _now: Date): boolean =>
  constantTimeEquals(presented, thirdParty.clientSecret);
