// Lint: typescript-eslint's recommended rules, and no import cycles (ARCHITECTURE.md: the
// feature folders of source/ui depend on each other in one direction only).
import js from '@eslint/js';
import {createNodeResolver, importX} from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {ignores: ['dist/', 'node_modules/', 'bench/minimal-ink.js', 'bench/bare-server.js', 'data/']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: {'import-x': importX},
    settings: {
      // Imports name the built .js file; the source is the .ts or .tsx beside it.
      'import-x/resolver-next': [createNodeResolver({extensions: ['.ts', '.tsx', '.js'], extensionAlias: {'.js': ['.ts', '.tsx', '.js']}})],
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': {'@typescript-eslint/parser': ['.ts', '.tsx']},
    },
    rules: {
      'import-x/no-cycle': 'error',
      // keys/ and widgets/ are generic (ARCHITECTURE.md, Keys): they know nothing of the console or its dialogs.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './source/ui/{keys,widgets}/!(*.test).{ts,tsx}',
              from: './source/ui',
              except: ['./keys', './widgets'],
              message: 'keys/ and widgets/ import nothing of the console: pass its state and keys as type parameters.',
            },
          ],
        },
      ],
      // A terminal console reads and strips control characters and escape sequences on purpose.
      'no-control-regex': 'off',
      'no-misleading-character-class': 'off',
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
    },
  },
  {
    // Node's globals for the plain scripts (the TypeScript files get them from @types/node).
    files: ['**/*.{js,mjs}'],
    languageOptions: {
      globals: Object.fromEntries(
        ['process', 'console', 'URL', 'setTimeout', 'clearTimeout', 'performance', 'Buffer'].map(name => [name, 'readonly']),
      ),
    },
  },
);
