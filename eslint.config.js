// Lint: typescript-eslint's recommended rules, no import cycles, and the layers (ARCHITECTURE.md, Layers).
import js from '@eslint/js';
import {createNodeResolver, importX} from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** A part of source/ (a folder) may import itself and `may`, nothing else of source/; its tests are free. */
const layer = (part, may, message) => ({
  target: `./source/${part}/**/!(*.test).{ts,tsx}`,
  from: './source',
  except: [`./${part}`, ...may.map(other => `./${other}`)],
  message,
});

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
      // The layers (ARCHITECTURE.md, Layers): what each part of source/ may import; only the files at its top join the parts.
      // keys/ and widgets/ are generic: they know nothing of the console or its dialogs.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            layer('domain', [], 'domain/ is pure: it imports nothing else of ours.'),
            layer('store', ['domain'], 'store/ imports only domain/.'),
            layer('server', ['store', 'domain'], 'server/ imports only store/ and domain/.'),
            layer('commands', ['store', 'domain'], 'commands/ import only store/ and domain/ (a server client comes in their context).'),
            layer('ui', ['domain'], 'ui/ imports only domain/: the data through ThirdPartyStore, the rest through LiveSources.'),
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
