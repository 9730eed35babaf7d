/**
 * Colours on for one test: ava's workers have no terminal, so chalk (Ink's, and styled()'s: one
 * module) writes none. The level is put back when the test ends; such tests run serially.
 */
import chalk from 'chalk';

export const withColours = (t: {teardown: (fn: () => void) => void}): void => {
  const level = chalk.level;
  chalk.level = 3;
  t.teardown(() => {
    chalk.level = level;
  });
};
