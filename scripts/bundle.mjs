/**
 * dist/cli.js as a bundle: Node 20 spends about a third of the console's start resolving and
 * loading the ~150 modules of Ink, React and ours one by one (measured with `npm run bench`). It is
 * split only where the code imports dynamically (dist/chunks/): what a command never loads, it
 * never parses (the console at 5,000: start ~15 ms sooner, peak memory 141 → 132 MB).
 * tsc still writes every module to dist/ (the bench and the time-zone tests use them); this
 * replaces only the entry with the bundle of everything it imports.
 */
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {build} from 'esbuild';
import {BUILD_STAMP} from './ensure-build.mjs';
import {CHANGED_INK_FILE, CHANGED_INK_FILES, changeInkFile, InkChangeError} from './ink-changes.mjs';
import {changeStringWidthSource, STRING_WIDTH_FILE, STRING_WIDTH_VERSIONS} from './string-width-changes.mjs';

/**
 * Ink's changed files (scripts/ink-changes.mjs) go into the bundle with our changes; node_modules
 * stays as installed. A build that did not load all of them fails: the console renders
 * incrementally, and an Ink without the fix would draw every frame a row lower.
 */
const changed = new Set();
const inkChanges = {
  name: 'ink-changes',
  setup(build) {
    build.onLoad({filter: CHANGED_INK_FILE}, async ({path: file}) => {
      try {
        const contents = changeInkFile(file);
        changed.add(path.basename(file));
        // Imports resolve from Ink's folder, as Ink's own file's would (scripts/ink-output.js's too).
        return {contents, loader: 'js', resolveDir: path.dirname(file)};
      } catch (error) {
        if (error instanceof InkChangeError) return {errors: [{text: error.message}]};
        throw error;
      }
    });
  },
};

/**
 * Yoga (Ink's layout engine) is WebAssembly inlined as base64. Its loader decodes it directly
 * only where there is no fetch; Node 18+ has one, so every start loaded Node's fetch (undici,
 * ~18 ms of a console's start in a profile) to fetch a data: URL. Here the loader takes the
 * direct path. Applied to every bundle (the bench's minimal Ink program too: the same Ink). A
 * yoga-layout whose loader no longer has this text stops the build (scripts/ink-changes.mjs does
 * the same for Ink's files).
 */
const YOGA_VERSION = '3.2.1';
const YOGA_LOADER = /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/;
const YOGA_FETCH = 'w||"function"!=typeof fetch?Promise.resolve()';
/** Noted when the loader was changed: a build whose bundle did not load it (yoga moved it) fails. */
const YOGA_CHANGED = 'yoga-layout loader';
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(build) {
    build.onLoad({filter: YOGA_LOADER}, async ({path: file}) => {
      const manifest = JSON.parse(readFileSync(path.join(path.dirname(file), '..', '..', 'package.json'), 'utf8'));
      const source = readFileSync(file, 'utf8');
      if (manifest.version !== YOGA_VERSION || source.split(YOGA_FETCH).length !== 2)
        return {
          errors: [{text: `yoga-layout ${manifest.version}: scripts/bundle.mjs changes the loader of ${YOGA_VERSION}; check it first.`}],
        };
      changed.add(YOGA_CHANGED);
      return {contents: source.replace(YOGA_FETCH, 'true?Promise.resolve()'), loader: 'js', resolveDir: path.dirname(file)};
    });
  },
};

/**
 * string-width's segmenter and regular expressions made on first use (scripts/string-width-changes.mjs):
 * ~20 ms of every start. Both versions in the bundle must go through it; an unknown text stops the build.
 */
const stringWidthOnDemand = {
  name: 'string-width-on-demand',
  setup(build) {
    build.onLoad({filter: STRING_WIDTH_FILE}, async ({path: file}) => {
      const change = changeStringWidthSource(readFileSync(file, 'utf8'));
      if (!change.known)
        return {errors: [{text: `${file} is not a string-width that scripts/string-width-changes.mjs knows; check it first.`}]};
      changed.add(`string-width ${change.version}`);
      return {contents: change.source, loader: 'js', resolveDir: path.dirname(file)};
    });
  },
};

/** The bundle of `entry` (a file tsc wrote, or a plain script) at `outfile`, with Ink's changes. */
const bundle = async (entry, outfile) => {
  changed.clear();
  await build({
    entryPoints: [entry],
    // Split at the dynamic imports: each command parses and compiles only what it loads (the
    // console leaves out the OAuth server library, pg and Kysely; a command leaves out Ink too).
    outdir: path.dirname(outfile),
    entryNames: path.basename(outfile, '.js'),
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    allowOverwrite: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    // Whitespace and syntax only (names stay, for stack traces): V8 keeps the source of the bundle
    // in memory as a string, two bytes a character as soon as one is not ASCII (zod's locales keep
    // a few in comments): 5 MB before, 2 MB after; 2.65 → 1.95 MB on disk.
    minifyWhitespace: true,
    minifySyntax: true,
    // Ink imports its React DevTools bridge only when DEV=true; left out, Ink says how to get it.
    external: ['./devtools.js'],
    // The CommonJS packages inside call require() for Node's own modules, which exists only in
    // CommonJS, so the bundle defines it.
    banner: {
      js: ["import {createRequire as __createRequire} from 'node:module';", 'const require = __createRequire(import.meta.url);'].join('\n'),
    },
    plugins: [inkChanges, yogaWithoutFetch, stringWidthOnDemand],
    logLevel: 'warning',
  });
  const missing = CHANGED_INK_FILES.filter(name => !changed.has(name));
  if (missing.length > 0)
    throw new Error(
      `Ink's build/${missing.join(', ')} did not go through the ink-changes plugin (has Ink moved its files?); ${outfile} lacks our changes.`,
    );
  const unchanged = STRING_WIDTH_VERSIONS.filter(version => !changed.has(`string-width ${version}`));
  if (unchanged.length > 0)
    throw new Error(
      `string-width ${unchanged.join(', ')} did not go through the string-width-on-demand plugin; ${outfile} would make its segmenter as it loads.`,
    );
  if (!changed.has(YOGA_CHANGED))
    throw new Error(
      `yoga-layout's loader did not go through the yoga-without-fetch plugin (has it moved?); ${outfile} would load fetch at start.`,
    );
};

try {
  // The chunks of an earlier build are named by their hashes: none may stay beside the new ones.
  rmSync('dist/chunks', {recursive: true, force: true});
  await bundle('dist/cli.js', 'dist/cli.js');
  // The benchmark's floor, a minimal Ink program, is built as the console is: one file, the same Ink.
  await bundle('bench/minimal-ink.js', 'dist/minimal-ink.js');
} catch (error) {
  // esbuild has printed its errors; ours are said here.
  if (!error.errors) console.error(`bundle: ${error.message}`);
  process.exit(1);
}

// Last, so that only a build that succeeded counts as up to date (scripts/ensure-build.mjs).
writeFileSync(BUILD_STAMP, `${new Date().toISOString()}\n`);
