/** A live refresh places only the changed records in the list's name order: the list must be what a full sort gives. */
import test from 'ava';
import {compareByName, createThirdParty, type ThirdParty} from '../../domain/index.js';
import {inNameOrder} from './live-state.js';
import {testEnvironment} from '../../../test/helpers/environment.js';

test('renamed, added and deleted records land where a full sort puts them; unchanged ones stay the same objects', t => {
  const env = testEnvironment();
  let seed = 7;
  const random = (below: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % below;
  };
  const word = () => `${['Acme', 'beta', 'Café', 'delta', 'Échos', 'zulu', 'Item 10', 'item 9'][random(8)]} ${random(1000)}`;
  for (let round = 0; round < 50; round++) {
    const all: ThirdParty[] = Array.from({length: 40}, () => createThirdParty(env, word()));
    const shown = [...all].sort(compareByName);
    const next = all.flatMap(thirdParty => {
      const roll = random(10);
      if (roll === 0) return [];
      if (roll === 1) return [{...thirdParty, name: word()}];
      return [thirdParty];
    });
    next.push(createThirdParty(env, word()), createThirdParty(env, word()));
    const placed = inNameOrder(shown, next);
    t.deepEqual(
      placed.map(thirdParty => thirdParty.id),
      [...next].sort(compareByName).map(thirdParty => thirdParty.id),
    );
    t.true(placed.every(thirdParty => next.includes(thirdParty)));
  }
});
