// Lint rules that carry the house conventions (see ../shared/CONVENTIONS.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

const outsideDomain = ['db', 'services', 'channels', 'payments', 'jobs', 'config', 'main'];

// The layers of CONVENTIONS.md ("Dependencies point inwards"), checked on the import graph.
// import-x over dependency-cruiser: it runs inside `eslint .` (already a step of `npm test`) with
// no second config language, and no-restricted-paths sees type-only imports too.
const layerZones = [
  // Use cases hide the database: channels, pages and jobs get them from the composition root.
  ...['channels', 'web', 'jobs'].map((layer) => ({
    target: `./src/${layer}`, from: './src/db',
    message: `src/${layer} reaches the database only through use cases (src/services/use-cases.ts).`,
  })),
  // The domain is pure: nothing from any other part of src/.
  {
    target: './src/domain', from: './src', except: ['./domain'],
    message: 'src/domain imports only src/domain.',
  },
  // Services know nothing of the channels or pages that call them.
  ...['channels', 'web'].map((layer) => ({
    target: './src/services', from: `./src/${layer}`,
    message: `src/services does not import src/${layer}: the edges call the use cases, not the other way round.`,
  })),
];

export default tseslint.config(
  { ignores: ['node_modules/', 'test-results/', '.saxla/', 'scratch/', 'web/dist/', 'web/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })],
      // no-cycle reads the imported files too; they are TypeScript.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      // A loop between modules hides which layer depends on which; type-only edges count too.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // Tests set up and inspect the database themselves; the layers bind the code they test.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: layerZones }] },
  },
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', fetch: 'readonly', structuredClone: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', performance: 'readonly', setImmediate: 'readonly', queueMicrotask: 'readonly', document: 'readonly', window: 'readonly', navigator: 'readonly', localStorage: 'readonly', location: 'readonly', history: 'readonly', EventSource: 'readonly', FormData: 'readonly', HTMLElement: 'readonly', HTMLFormElement: 'readonly', HTMLInputElement: 'readonly', HTMLSelectElement: 'readonly', Event: 'readonly', SubmitEvent: 'readonly', URLSearchParams: 'readonly', crypto: 'readonly', Response: 'readonly', Request: 'readonly', Headers: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error',
        { selector: 'ExportAllDeclaration', message: 'No barrels: import from the file that defines the thing.' },
        { selector: 'TSEnumDeclaration', message: 'Enums are not erasable syntax; use a union of string literals.' },
        { selector: 'TSParameterProperty', message: 'Parameter properties are not erasable syntax.' },
      ],
    },
  },
  {
    // The domain is pure: no I/O, no clock, nothing from the outer layers.
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: outsideDomain.flatMap((d) => [`../${d}`, `../${d}/*`, `../${d}.ts`, `../../${d}/*`]), message: 'src/domain imports only src/domain.' },
          { group: ['node:*', 'pg', '@electric-sql/*', 'fastify', '@fastify/*', 'smpp', 'pino'], message: 'src/domain does no I/O.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'Date', message: 'The domain takes today/now as parameters; only main.ts reads the clock.' },
        { name: 'process', message: 'The domain does not read the environment.' },
      ],
    },
  },
);
