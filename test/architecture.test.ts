/**
 * ARCHITECTURE.md stays a true, short map: at most 200 lines; every citation of it in the code
 * ("ARCHITECTURE.md, Keys", or a quoted heading) names one of its headings; every path it names
 * exists. A heading renamed, a file moved or a citation without a section fails here.
 */
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import test from 'ava';

const REPOSITORY = fileURLToPath(new URL('..', import.meta.url));

const MAP = 'ARCHITECTURE.md';
const MAX_LINES = 200;
/** Where code and its documents cite the map (the README links to it as a whole). */
const CITING = ['source', 'test', 'scripts', 'bench', '.ci', 'eslint.config.js'];
const SKIPPED = new Set(['node_modules', 'dist', '.git', 'data']);
const THIS_FILE = path.join('test', 'architecture.test.ts');

const text = readFileSync(path.join(REPOSITORY, MAP), 'utf8');

/** Every file and folder of the repository, relative, with `/` between names (build output and dependencies aside). */
const repositoryPaths = (): string[] => {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(REPOSITORY, relative), {withFileTypes: true})) {
      if (SKIPPED.has(entry.name)) continue;
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      found.push(entry.isDirectory() ? `${name}/` : name);
      if (entry.isDirectory()) walk(name);
    }
  };
  walk('');
  return found;
};

const PATHS = repositoryPaths();

/** The headings a citation may name: "Keys", "The save pipeline", "File engine", … */
const headingsOf = (markdown: string): string[] =>
  markdown
    .split('\n')
    .map(line => /^#{2,3} (.+)$/.exec(line)?.[1]?.trim())
    .filter((heading): heading is string => heading !== undefined);

/** A comment's lines as one text: a citation may be wrapped ("ARCHITECTURE.md, "The save\n * pipeline""). */
const unwrapped = (source: string): string => source.replace(/\s*\n\s*(?:\*(?!\/)|\/\/|#)?\s*/g, ' ');

/**
 * What each citation in `source` names, or why it names nothing: `ARCHITECTURE.md, Keys` (a
 * heading the text starts with, whole words) or `ARCHITECTURE.md, "The save pipeline"` (exactly).
 */
const citationProblems = (source: string, headings: readonly string[]): string[] => {
  const problems: string[] = [];
  const longestFirst = [...headings].sort((a, b) => b.length - a.length);
  for (const match of unwrapped(source).matchAll(/ARCHITECTURE\.md(.{0,60})/g)) {
    const after = match[1]!;
    const quoted = /^,? "([^"]+)"/.exec(after);
    const named = quoted
      ? headings.find(heading => heading === quoted[1])
      : longestFirst.find(heading => after.startsWith(`, ${heading}`) && !/^[\p{L}\p{N}]/u.test(after.slice(heading.length + 2)));
    if (!named) problems.push(`ARCHITECTURE.md${after.slice(0, 40)}`);
  }
  return problems;
};

const citingFiles = (): string[] =>
  PATHS.filter(
    name =>
      !name.endsWith('/') &&
      name !== THIS_FILE &&
      CITING.some(root => name === root || name.startsWith(`${root}/`)) &&
      /\.(ts|tsx|js|mjs|md|sh)$|(^|\/)run$/.test(name),
  );

test(`${MAP} is at most ${MAX_LINES} lines: a map a newcomer reads in ten minutes`, t => {
  const lines = text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
  t.true(lines <= MAX_LINES, `${lines} lines; keep the detail in the code where it is used`);
});

test(`every citation of ${MAP} in the code names one of its sections`, t => {
  const headings = headingsOf(text);
  let citations = 0;
  const problems: string[] = [];
  for (const file of citingFiles()) {
    const source = readFileSync(path.join(REPOSITORY, file), 'utf8');
    citations += source.split(MAP).length - 1;
    problems.push(...citationProblems(source, headings).map(problem => `${file}: ${problem}`));
  }
  t.true(citations >= 30, `only ${citations} citations found: is the scan looking in the right places?`);
  t.deepEqual(problems, [], `sections are: ${headings.join(', ')}`);
});

test('a citation names a heading whole, quoted or not, and nothing else passes', t => {
  const headings = ['Keys', 'The save pipeline', 'File engine'];
  t.deepEqual(citationProblems('// (ARCHITECTURE.md, Keys).', headings), []);
  t.deepEqual(citationProblems(' * one pipeline (ARCHITECTURE.md, "The save\n * pipeline"), used by', headings), []);
  t.deepEqual(citationProblems('// ARCHITECTURE.md, File engine: the steps', headings), []);
  t.is(citationProblems('// see ARCHITECTURE.md)', headings).length, 1);
  t.is(citationProblems('// (ARCHITECTURE.md, Keyspace)', headings).length, 1);
  t.is(citationProblems('// (ARCHITECTURE.md, "The save")', headings).length, 1);
  t.is(citationProblems('// (ARCHITECTURE.md, Toolchain facts)', headings).length, 1);
});

/**
 * The paths the map names in backticks: a span without spaces that starts at a folder of the
 * repository, ends with `/` or a source file's extension. Placeholders (`<name>`), globs, URLs,
 * home folders and build output are not paths of the repository.
 */
const namedPaths = (markdown: string): string[] =>
  [...markdown.matchAll(/`([^`\n]+)`/g)]
    .map(match => match[1]!)
    .filter(span => !/[\s<>*…~]|:\/\//.test(span) && !span.startsWith('/') && !span.startsWith('dist/'))
    .filter(
      span => span.endsWith('/') || /\.(ts|tsx|js|mjs|json|md)$/.test(span) || /^(source|test|scripts|bench|schemas|\.ci)\//.test(span),
    );

/** A path as the map writes it: from the repository's root, or the end of one (`keys/keys.ts`, `handle-request.ts`). */
const exists = (named: string): boolean => PATHS.some(found => found === named || found.endsWith(`/${named}`));

test(`every path ${MAP} names exists`, t => {
  const named = namedPaths(text);
  t.true(named.length >= 60, `only ${named.length} paths found`);
  t.deepEqual(
    named.filter(name => !exists(name)),
    [],
  );
});

test('a named path must be in the repository, whole names only', t => {
  t.true(exists('source/store/engine.ts'));
  t.true(exists('keys/keys.ts'));
  t.true(exists('source/ui/'));
  t.false(exists('source/store/read-changes.ts'));
  t.false(exists('eys/keys.ts'));
  t.deepEqual(namedPaths('`source/a.ts` `dialogs/<name>/` `postgres://…` `/oauth/token` `import-x/no-cycle` `dist/cli.js` `x.ts`'), [
    'source/a.ts',
    'x.ts',
  ]);
});
