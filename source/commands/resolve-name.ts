/**
 * Which third party, or which of its tokens, a name on the command line means. Names are matched
 * as the console matches them (nameKey: case and surrounding spaces ignored): the whole name, else
 * a part of it that one name alone has (as Ctrl+E finds it); a client ID or record id names one
 * too. An unknown or ambiguous name is an error that lists the candidates.
 */
import {nameKey, shortenCredential, toDisplayText, type OAuthToken, type ThirdParty} from '../domain/index.js';
import {AmbiguousNameError, UnknownNameError, UsageError} from './errors.js';
import {closest, didYouMean} from './suggest.js';

const MAX_CANDIDATES = 5;

const quoted = (names: readonly string[]): string[] => names.map(name => toDisplayText(name));

export const resolveThirdParty = (thirdParties: readonly ThirdParty[], query: string): ThirdParty => {
  const key = nameKey(query);
  if (key === '') throw new UsageError('Give the third party name (or its client ID).');
  const byName = thirdParties.filter(thirdParty => nameKey(thirdParty.name) === key);
  const byId = thirdParties.filter(thirdParty => thirdParty.clientId === query.trim() || thirdParty.id === query.trim());
  const found = [...new Set([...byName, ...byId])];
  if (found.length === 1) return found[0]!;
  if (found.length > 1) {
    const names = quoted(found.map(thirdParty => `${thirdParty.name} (${thirdParty.clientId})`));
    throw new AmbiguousNameError(
      `'${toDisplayText(query.trim())}' names more than one third party: ${names.join(', ')}. Use the client ID.`,
      names,
    );
  }
  // Part of a name, as Ctrl+E finds it: one such name is the one meant; several are listed.
  const containing = thirdParties.filter(thirdParty => nameKey(thirdParty.name).includes(key));
  if (containing.length === 1) return containing[0]!;
  if (containing.length > 1) {
    const names = quoted(containing.map(thirdParty => thirdParty.name));
    const shown = names.slice(0, MAX_CANDIDATES).map(name => `'${name}'`);
    const more = names.length > MAX_CANDIDATES ? ` and ${names.length - MAX_CANDIDATES} more` : '';
    throw new AmbiguousNameError(
      `'${toDisplayText(query.trim())}' is part of more than one name: ${shown.join(', ')}${more}. Give more of the name, or the client ID.`,
      names.slice(0, MAX_CANDIDATES),
    );
  }
  // Else names a few typing mistakes away.
  const candidates = quoted(
    closest(
      key,
      thirdParties.map(thirdParty => thirdParty.name),
      MAX_CANDIDATES,
    ),
  );
  throw new UnknownNameError(`No third party is named '${toDisplayText(query.trim())}'.${didYouMean(candidates)}`, candidates);
};

/** How a token is named in tables and messages: its record id. */
const tokenLabel = (token: OAuthToken): string => `${token.id} (${shortenCredential(token.token)})`;

const MIN_ID_PART = 4;

/**
 * A token of one third party: by record id, a unique start or end of it (at least 4 characters),
 * its shortened form as shown ("tpat_Xk3…9fQ2"), or the token itself. Without a query, the
 * third party's only token.
 */
export const resolveToken = (thirdParty: ThirdParty, query: string | undefined): OAuthToken => {
  const name = toDisplayText(thirdParty.name);
  const all = thirdParty.tokens.map(tokenLabel);
  if (query === undefined || query.trim() === '') {
    if (thirdParty.tokens.length === 1) return thirdParty.tokens[0]!;
    if (thirdParty.tokens.length === 0) throw new UnknownNameError(`${name} has no OAuth token.`, []);
    throw new AmbiguousNameError(`${name} has ${thirdParty.tokens.length} tokens: give the TOKEN_ID of one: ${all.join(', ')}.`, all);
  }
  const typed = query.trim();
  const upper = typed.toUpperCase();
  const short = typed.replace('...', '…');
  const exact = thirdParty.tokens.filter(token => token.id === upper || token.token === typed || shortenCredential(token.token) === short);
  const found =
    exact.length > 0
      ? exact
      : typed.length >= MIN_ID_PART
        ? thirdParty.tokens.filter(token => token.id.startsWith(upper) || token.id.endsWith(upper))
        : [];
  if (found.length === 1) return found[0]!;
  if (found.length > 1) {
    const labels = found.map(tokenLabel);
    throw new AmbiguousNameError(`'${toDisplayText(typed)}' matches ${found.length} tokens of ${name}: ${labels.join(', ')}.`, labels);
  }
  // Never echo what may be a whole token back into a terminal or a log.
  const shown = typed.startsWith('tpat_') ? shortenCredential(typed) : toDisplayText(typed);
  throw new UnknownNameError(`${name} has no token '${shown}'. Its tokens: ${all.length > 0 ? all.join(', ') : 'none'}.`, all);
};
