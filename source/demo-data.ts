/** Sample third parties for `tpa --demo`, made with the real domain functions so that they are valid today. */
import {addToken, createThirdParty, SCHEMA_VERSION, type Database, type Environment, type ThirdParty} from './domain/index.js';

const at = (env: Environment, date: Date): Environment => ({...env, now: () => date});

export const demoDatabase = (env: Environment): Database => {
  const now = env.now();
  const monthsAgo = (months: number) => new Date(now.getFullYear(), now.getMonth() - months, now.getDate(), 10);
  const sample = (name: string, enabled: boolean, callbackUrl: string | null, tokenAges: number[]): ThirdParty => {
    let thirdParty = {...createThirdParty(at(env, monthsAgo(8)), name), enabled, callbackUrl};
    for (const age of tokenAges) thirdParty = addToken(thirdParty, at(env, monthsAgo(age)));
    return thirdParty;
  };
  return {
    schema: SCHEMA_VERSION,
    revision: 1,
    thirdParties: [
      sample('Acme Payments', true, 'https://acme.example/oauth/callback', [7, 1]),
      sample('City Utilities', false, null, [3]),
      sample('Caselle SDK', true, 'http://127.0.0.1:8080/callback', [0]),
    ],
  };
};
