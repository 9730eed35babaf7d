/**
 * dist/cli.js as one file: Node 20 spends about a third of the console's start resolving and
 * loading the ~150 modules of Ink, React and ours one by one (measured with `npm run bench`).
 * tsc still writes every module to dist/ (the bench and the time-zone tests use them); this
 * replaces only the entry with the bundle of everything it imports.
 */
import {build} from 'esbuild';
import {missingInkChanges} from './patch-ink.mjs';

// The console renders incrementally: an Ink without the fix would draw every frame a row lower.
const missing = missingInkChanges();
if (missing.length > 0) {
  console.error(`bundle: Ink lacks ${missing.join(' and ')}; run \`npm install\` (postinstall runs scripts/patch-ink.mjs).`);
  process.exit(1);
}

await build({
  entryPoints: ['dist/cli.js'],
  outfile: 'dist/cli.js',
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
  // The CommonJS packages inside call require() for Node's own modules, and write-file-atomic
  // names its temp files after __filename: both exist only in CommonJS, so the bundle defines them.
  banner: {
    js: [
      "import {createRequire as __createRequire} from 'node:module';",
      "import {fileURLToPath as __fileURLToPath} from 'node:url';",
      'const require = __createRequire(import.meta.url);',
      'const __filename = __fileURLToPath(import.meta.url);',
      "const __dirname = __fileURLToPath(new URL('.', import.meta.url));",
    ].join('\n'),
  },
  logLevel: 'warning',
});
