/**
 * A console's saves as the benches time them: every other one after another writer's save of a
 * different third party (so half of them meet another's change and merge). Wall time and this
 * process's CPU time (user + system) per save: the CPU time is less moved by other processes on
 * a loaded machine than the wall clock.
 */
import {performance} from 'node:perf_hooks';
import type {ThirdPartyStore} from '../source/domain/index.js';

export const timeConsoleSaves = async (mine: ThirdPartyStore, other: ThirdPartyStore, saves: number) => {
  const size = mine.database.thirdParties.length;
  const plain: number[] = [];
  const merging: number[] = [];
  const cpu: number[] = [];
  for (let save = 0; save < saves; save++) {
    const afterOther = save % 2 === 1;
    if (afterOther) {
      const theirs = other.database.thirdParties[size - 1 - save]!;
      await other.saveThirdParty({...theirs, enabled: !theirs.enabled});
    }
    const record = mine.database.thirdParties[save]!;
    const start = performance.now();
    const startCpu = process.cpuUsage();
    const outcome = await mine.saveThirdParty({...record, name: `${record.name} s${save}`});
    (afterOther ? merging : plain).push(performance.now() - start);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1000);
    if (outcome.kind !== 'saved') throw new Error(`save ${save}: ${outcome.kind}`);
  }
  return {plain, merging, cpu};
};
