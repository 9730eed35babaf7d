/**
 * Data files for the benchmark, made with the real domain functions so that they are valid:
 * N third parties with four OAuth tokens each. The randomness comes from a seed, so the same seed
 * gives the same records; dates are placed relative to the start of today (UTC), so that every
 * run sees the same mix of active, expiring and expired tokens.
 */
import {addToken, createThirdParty, SCHEMA_VERSION, type Database, type Environment, type ThirdParty} from '../source/domain/index.js';
// The tests' reproducible stand-in for the CSPRNG: SHA-256 of a seed and a counter.
import {testEnvironment} from '../test/helpers/environment.js';

const DAY_MS = 86_400_000;

const WORDS = [
  'Acme',
  'Blue',
  'City',
  'Delta',
  'Eagle',
  'Fern',
  'Granite',
  'Harbor',
  'Iris',
  'Juniper',
  'Keystone',
  'Lumen',
  'Maple',
  'Nova',
  'Orbit',
  'Pine',
];

/** "Acme 00042": unique, and short enough for the list's 14 columns, so no two rows look alike. */
export const benchName = (index: number): string => `${WORDS[index % WORDS.length]} ${String(index).padStart(5, '0')}`;

const at = (env: Environment, date: Date): Environment => ({...env, now: () => date});

/**
 * Four tokens created 150, 90, 30 and 5 days ago (six months each, all active); every 10th third
 * party has an expired one instead of the oldest and every 20th one expiring within a week, so
 * the list carries marks on some rows, as a real file would.
 */
const benchThirdParty = (env: Environment, index: number, today: Date): ThirdParty => {
  const daysAgo = (days: number) => new Date(today.getTime() - days * DAY_MS + 10 * 3_600_000);
  let thirdParty: ThirdParty = {
    ...createThirdParty(at(env, daysAgo(420)), benchName(index)),
    enabled: index % 7 !== 0,
    callbackUrl: index % 2 === 0 ? `https://tp${index}.example/oauth/callback` : null,
  };
  const oldest = index % 10 === 3 ? 200 : 150;
  const newest = index % 20 === 0 ? 178 : 5;
  for (const age of [oldest, 90, 30, newest]) thirdParty = addToken(thirdParty, at(env, daysAgo(age)));
  return thirdParty;
};

export const benchDatabase = (count: number, seed = 'tpa-bench', now = new Date()): Database => {
  const today = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const env = testEnvironment(today, `${seed}:${count}`);
  const thirdParties: ThirdParty[] = [];
  // Stored in creation order, not name order: the console sorts at load, as it would a real file.
  const step = count % 7919 === 0 ? 1 : 7919; // a prime: a permutation of 0..count-1
  for (let index = 0; index < count; index++) thirdParties.push(benchThirdParty(env, (index * step) % count, today));
  return {schema: SCHEMA_VERSION, revision: 1, thirdParties};
};

/** The data file's text exactly as the store writes it. */
export const databaseText = (database: Database): string => `${JSON.stringify(database, null, 2)}\n`;
