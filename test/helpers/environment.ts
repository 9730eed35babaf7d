/** A clock and a random source that tests control: every generated value is reproducible. */
import {createHash} from 'node:crypto';
import type {Environment} from '../../source/domain/index.js';

export interface TestEnvironment extends Environment {
  setNow(date: Date | string): void;
}

export const testEnvironment = (start: Date | string = '2026-11-27T10:00:00.000Z', seed = 'tpa'): TestEnvironment => {
  let now = new Date(start);
  let counter = 0;
  return {
    now: () => new Date(now.getTime()),
    setNow: date => {
      now = new Date(date);
    },
    randomBytes: size => {
      const bytes = new Uint8Array(size);
      for (let offset = 0; offset < size; offset += 32) {
        const block = createHash('sha256').update(`${seed}:${counter++}`).digest();
        bytes.set(block.subarray(0, Math.min(32, size - offset)), offset);
      }
      return bytes;
    },
  };
};
