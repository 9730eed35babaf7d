/**
 * Builds dist/ only when it is missing or older than what it is built from, so that `npm start`
 * starts at once (`prepare` builds at install; `npm ci --ignore-scripts` leaves the first start to
 * build). "Older" compares modification times with the stamp scripts/bundle.mjs writes last in a
 * build that succeeded.
 */
import {spawnSync} from 'node:child_process';
import {readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BUILD_STAMP = path.join(ROOT, 'dist', 'build-stamp');

/** Folders whose every file goes into the build, and single files that do. */
const SOURCE_FOLDERS = ['source', 'scripts'];
const SOURCE_FILES = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'bench/minimal-ink.js',
  // Written by npm at every install: a reinstalled Ink or React is built in again.
  'node_modules/.package-lock.json',
];

const TEST_FILE = /\.test\.tsx?$/;

const modified = file => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
};

/** The newest modification time among the build's inputs, and the file it belongs to. */
const newestInput = () => {
  let newest = {file: '', time: 0};
  const consider = file => {
    const time = modified(file);
    if (time !== undefined && time > newest.time) newest = {file, time};
  };
  for (const folder of SOURCE_FOLDERS)
    for (const entry of readdirSync(path.join(ROOT, folder), {recursive: true, withFileTypes: true}))
      // Tests beside the code are not built (tsconfig.build.json): changing one needs no build.
      if (entry.isFile() && !TEST_FILE.test(entry.name)) consider(path.join(entry.parentPath ?? entry.path, entry.name));
  for (const file of SOURCE_FILES) consider(path.join(ROOT, file));
  return newest;
};

/** Why dist/ must be built again, in words; undefined when it is up to date. */
export const staleBecause = () => {
  const built = modified(BUILD_STAMP);
  if (built === undefined) return 'dist/ has not been built';
  const newest = newestInput();
  return newest.time > built ? `${path.relative(ROOT, newest.file)} changed` : undefined;
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const why = staleBecause();
  if (why !== undefined) {
    process.stderr.write(`tpa: building dist/ (${why})…\n`);
    // Through npm when npm runs this (npm start), so that the build is the package's own script.
    const npm = process.env['npm_execpath'];
    const result = npm
      ? spawnSync(process.execPath, [npm, 'run', 'build', '--silent'], {cwd: ROOT, stdio: 'inherit'})
      : spawnSync('npm', ['run', 'build', '--silent'], {cwd: ROOT, stdio: 'inherit'});
    if (result.status !== 0) {
      process.stderr.write('tpa: the build failed (above); dist/ is not up to date.\n');
      process.exit(result.status ?? 1);
    }
  }
}
