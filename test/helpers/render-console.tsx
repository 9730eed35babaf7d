/** The console rendered by ink-testing-library over a real store in a temporary folder. */
import {render} from 'ink-testing-library';
import React from 'react';
import type {Database} from '../../source/domain/index.js';
import {JsonFileAdapter, openThirdPartyStore, type ThirdPartyStore} from '../../source/store/index.js';
import {App} from '../../source/ui/app.js';
import type {LiveSources} from '../../source/ui/live/live-sources.js';
import type {AccessTester} from '../../source/ui/test-access/access-tester.js';
import {ThemeProvider, themeFor} from '../../source/ui/widgets/theme.js';
import {testEnvironment, type TestEnvironment} from './environment.js';
import {temporaryDataFile} from './files.js';

export interface RenderedConsole {
  readonly file: string;
  readonly store: ThirdPartyStore;
  readonly env: TestEnvironment;
  frame(): string;
  press(...keys: string[]): void;
  waitFor(expected: string | RegExp | ((frame: string) => boolean), timeout?: number): Promise<string>;
  unmount(): void;
}

export const renderConsole = async (
  options: {
    database?: Database;
    env?: TestEnvironment;
    noColor?: boolean;
    live?: LiveSources;
    /** A terminal of this size instead of ink-testing-library's 100 columns (80×24: the smallest the console draws). */
    size?: {columns: number; rows: number};
    /** A store of the test's own (on a database) instead of one on a temporary data file. */
    store?: ThirdPartyStore;
    /** The console's side of the server (Last used, the test through it). */
    access?: AccessTester;
  } = {},
): Promise<RenderedConsole> => {
  const file = temporaryDataFile();
  if (options.database) await new JsonFileAdapter(file).write(options.database);
  const env = options.env ?? testEnvironment();
  const store = options.store ?? (await openThirdPartyStore(file, env));
  const instance = render(
    <ThemeProvider theme={themeFor(options.noColor ? {NO_COLOR: '1'} : {})}>
      <App store={store} env={env} {...(options.live ? {live: options.live} : {})} {...(options.access ? {access: options.access} : {})} />
    </ThemeProvider>,
  );
  if (options.size) {
    // ink-testing-library's stdout has a fixed width; its own properties win, and a resize makes Ink and the console read them.
    Object.defineProperty(instance.stdout, 'columns', {value: options.size.columns});
    Object.defineProperty(instance.stdout, 'rows', {value: options.size.rows});
    instance.stdout.emit('resize');
  }
  const frame = () => instance.lastFrame() ?? '';
  return {
    file,
    store,
    env,
    frame,
    press: (...keys) => {
      // One read per key, as a terminal delivers keys typed by a person.
      for (const key of keys) instance.stdin.write(key);
    },
    waitFor: async (expected, timeout = 10_000) => {
      // At a size: only a frame drawn after the resize (as tall as the console draws, no wider than the terminal) counts.
      const resized = (text: string) => {
        if (!options.size) return true;
        const lines = text.split('\n');
        return lines.length === options.size.rows - 1 && [...(lines[1] ?? '')].length <= options.size.columns;
      };
      const matches = (text: string) =>
        resized(text) &&
        (typeof expected === 'string' ? text.includes(expected) : expected instanceof RegExp ? expected.test(text) : expected(text));
      const deadline = Date.now() + timeout;
      while (!matches(frame())) {
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${String(expected)}; the frame was:\n${frame()}`);
        await new Promise(resolve => setTimeout(resolve, 5));
      }
      return frame();
    },
    unmount: () => instance.unmount(),
  };
};
