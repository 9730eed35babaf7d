// A child process standing in for the server: reads and parses the data file again and again
// while saves run, until its standard input closes, then prints how many reads succeeded and failed.
import {readFileSync} from 'node:fs';
import {parseDatabase} from '../../dist/store/index.js';

const [file] = process.argv.slice(2);
let running = true;
process.stdin.on('end', () => {
  running = false;
});
process.stdin.resume();
let reads = 0;
const failures = [];
let lowest = Infinity;
let highest = -Infinity;
let previous = -Infinity;
let backwards = 0;
while (running) {
  // A pause between reads, as a server between requests; it also leaves the savers some CPU.
  await new Promise(resolve => setTimeout(resolve, 2));
  try {
    const {revision} = parseDatabase(readFileSync(file, 'utf8'), file);
    reads++;
    lowest = Math.min(lowest, revision);
    highest = Math.max(highest, revision);
    if (revision < previous) backwards++;
    previous = revision;
  } catch (error) {
    failures.push(String(error.message ?? error).slice(0, 200));
  }
}
process.stdout.write(`${JSON.stringify({reads, failures, lowest, highest, backwards})}\n`);
