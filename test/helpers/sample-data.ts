/** A data file with third parties whose credentials a test knows, written through the real store. */
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {addToken, createThirdParty, type Environment, type ThirdParty} from '../../source/domain/index.js';
import {openThirdPartyStore, type ThirdPartyStore} from '../../source/store/index.js';

const at = (env: Environment, date: Date): Environment => ({...env, now: () => date});

export interface SampleData {
  readonly file: string;
  readonly store: ThirdPartyStore;
  /** Enabled, callback URL set, one active token. */
  readonly acme: ThirdParty;
  /** Enabled, no callback URL, one active token. */
  readonly city: ThirdParty;
  /** Enabled, its only token expired a year ago. */
  readonly old: ThirdParty;
}

export const writeSampleData = async (env: Environment, folder = mkdtempSync(path.join(tmpdir(), 'tpa-data-'))): Promise<SampleData> => {
  const file = path.join(folder, 'db.json');
  const store = await openThirdPartyStore(file, env);
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
  return {file, store, acme: saved(acme.id), city: saved(city.id), old: saved(old.id)};
};
