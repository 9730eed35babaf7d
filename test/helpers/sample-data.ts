/** Data (a data file, or a place of any engine) with third parties whose credentials a test knows, written through the real store. */
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {addToken, createThirdParty, type Environment, type ThirdParty} from '../../source/domain/index.js';
import {openThirdPartyStore, type ThirdPartyStore} from '../../source/store/index.js';
import type {EnginePlace} from './engines.js';

const at = (env: Environment, date: Date): Environment => ({...env, now: () => date});

export interface SampleData {
  /** The data file, or for a database the path beside which this machine's files go (EnginePlace.localFile). */
  readonly file: string;
  /** Where the data is, when a place was given. */
  readonly place?: EnginePlace;
  readonly store: ThirdPartyStore;
  /** Enabled, callback URL set, one active token. */
  readonly acme: ThirdParty;
  /** Enabled, no callback URL, one active token. */
  readonly city: ThirdParty;
  /** Enabled, its only token expired a year ago. */
  readonly old: ThirdParty;
}

/** In a data file of a fresh folder, or at `place` (whose store is closed at the test's end). */
export const writeSampleData = async (env: Environment, place?: EnginePlace): Promise<SampleData> => {
  const file = place?.localFile ?? path.join(mkdtempSync(path.join(tmpdir(), 'tpa-data-')), 'db.json');
  const store = place ? await place.store(env) : await openThirdPartyStore(file, env);
  const now = env.now();
  const yearsAgo = (years: number) => new Date(now.getTime() - years * 365 * 24 * 3600 * 1000);
  const acme = {
    ...addToken(createThirdParty(env, 'Acme Payments'), env),
    enabled: true,
    callbackUrl: 'https://acme.example/oauth/callback',
  };
  const city = {...addToken(createThirdParty(env, 'City Utilities'), env), enabled: true};
  const old = {...addToken(createThirdParty(at(env, yearsAgo(2)), 'Old Corp'), at(env, yearsAgo(2))), enabled: true};
  for (const thirdParty of [acme, city, old]) await store.saveThirdParty(thirdParty);
  const saved = (id: string) => store.database.thirdParties.find(thirdParty => thirdParty.id === id)!;
  return {file, ...(place ? {place} : {}), store, acme: saved(acme.id), city: saved(city.id), old: saved(old.id)};
};
