// A child process for the kill test: saves one change after another to the data file given,
// printing each completed save's revision, until it is killed. Runs the built program (dist/).
import {openThirdPartyStore} from '../../dist/store/index.js';

const [file, seed] = process.argv.slice(2);
const env = {now: () => new Date(), randomBytes: size => new Uint8Array(size)};
const store = await openThirdPartyStore(file, env);
process.stdout.write('ready\n');
let counter = Number(seed) * 1_000_000;
for (;;) {
  const thirdParties = store.database.thirdParties;
  const thirdParty = thirdParties[counter % thirdParties.length];
  counter++;
  const started = performance.now();
  const outcome = await store.saveThirdParty({
    ...thirdParty,
    name: `${thirdParty.name.replace(/ #\d+$/, '')} #${counter}`,
    enabled: !thirdParty.enabled,
  });
  if (outcome.kind !== 'saved') throw new Error(`unexpected ${outcome.kind}`);
  process.stdout.write(`saved ${outcome.database.revision} ${(performance.now() - started).toFixed(1)}\n`);
}
