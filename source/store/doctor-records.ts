/**
 * What `tpa doctor` checks in the records themselves, whatever holds them (the data file or a
 * database): names unique ignoring case, client IDs unique, and every client secret and token in
 * tpa's form (prefix, 32 random bytes in base62, checksum: credentials.ts). A value in another
 * form was typed or pasted by hand, or damaged; tpa never makes one.
 */
import {isWellFormedCredential, nameKey, SECRET_PREFIX, toDisplayText, TOKEN_PREFIX, type ThirdParty} from '../domain/index.js';

export interface DoctorCheck {
  /** ok: fine; note: worth knowing; problem: needs the admin (the exit status is 1). */
  readonly level: 'ok' | 'note' | 'problem';
  readonly text: string;
  readonly fix?: string;
}

/** At most this many names are listed in one check; the rest are counted. */
const LISTED = 5;

const listed = (names: readonly string[]): string => {
  const shown = names.slice(0, LISTED).map(name => `"${toDisplayText(name).slice(0, 40)}"`);
  return names.length > LISTED ? `${shown.join(', ')} and ${names.length - LISTED} more` : shown.join(', ');
};

/** Values that appear on more than one record: value → the records' names. */
const repeated = (thirdParties: readonly ThirdParty[], keyOf: (thirdParty: ThirdParty) => string): string[][] => {
  const groups = new Map<string, string[]>();
  for (const thirdParty of thirdParties) {
    const key = keyOf(thirdParty);
    groups.set(key, [...(groups.get(key) ?? []), thirdParty.name]);
  }
  return [...groups.values()].filter(names => names.length > 1);
};

export const checkRecords = (thirdParties: readonly ThirdParty[]): DoctorCheck[] => {
  const checks: DoctorCheck[] = [];
  const sameNames = repeated(thirdParties, thirdParty => nameKey(thirdParty.name));
  for (const names of sameNames.slice(0, LISTED))
    checks.push({
      level: 'problem',
      text: `${names.length} third parties have the same name (compared ignoring case): ${listed(names)}`,
      fix: 'rename all but one (tpa rename NAME NEW, or in the console)',
    });
  const sameClientIds = repeated(thirdParties, thirdParty => thirdParty.clientId);
  for (const names of sameClientIds.slice(0, LISTED))
    checks.push({
      level: 'problem',
      text: `${names.length} third parties have the same client ID: ${listed(names)}; a client authenticates as either`,
      fix: 'delete all but one and add the others again (a new client ID each)',
    });
  if (sameNames.length === 0 && sameClientIds.length === 0) checks.push({level: 'ok', text: 'names and client IDs are unique'});

  const secrets = thirdParties.filter(
    thirdParty =>
      !isWellFormedCredential(thirdParty.clientSecret, SECRET_PREFIX) ||
      (thirdParty.previousClientSecret && !isWellFormedCredential(thirdParty.previousClientSecret.secret, SECRET_PREFIX)),
  );
  const tokens = thirdParties.filter(thirdParty => thirdParty.tokens.some(token => !isWellFormedCredential(token.token, TOKEN_PREFIX)));
  if (secrets.length > 0)
    checks.push({
      level: 'problem',
      text: `client secrets not made by tpa (not ${SECRET_PREFIX}… with a valid checksum): ${listed(secrets.map(thirdParty => thirdParty.name))}`,
      fix: 'rotate them: tpa rotate-secret NAME (or Ctrl+K in the console)',
    });
  if (tokens.length > 0)
    checks.push({
      level: 'problem',
      text: `OAuth tokens not made by tpa (not ${TOKEN_PREFIX}… with a valid checksum) in ${listed(tokens.map(thirdParty => thirdParty.name))}`,
      fix: 'add a new token (tpa token add NAME) and delete the odd one',
    });
  if (secrets.length === 0 && tokens.length === 0) checks.push({level: 'ok', text: 'every client secret and token is in tpa’s form'});
  return checks;
};
