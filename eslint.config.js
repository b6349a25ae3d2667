// Lint rules that carry the house conventions (see ../shared/CONVENTIONS.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const outsideDomain = ['db', 'services', 'channels', 'payments', 'jobs', 'config', 'main'];

export default tseslint.config(
  { ignores: ['node_modules/', 'test-results/', '.saxla/', 'scratch/', 'web/dist/', 'web/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
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
