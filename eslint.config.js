import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'release/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['warn', { allow: ['warn', 'error', 'table'] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // shared/ is pure domain logic: it must run in main, renderer, CLI and tests alike.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https'],
              message: 'shared/ must not import Node modules.',
            },
            {
              group: ['electron', 'electron/*', 'keytar', 'ccxt', 'ccxt/*', 'react', 'react-dom'],
              message: 'shared/ must stay free of Electron, native, exchange and UI imports.',
            },
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'Layers: shared/ imports nothing from electron/ or renderer/ (see docs/ARCHITECTURE.md).',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'process', 'Buffer'],
    },
  },
  {
    // The renderer talks to main only through the preload's typed API.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Use the typed API (renderer/src/lib/api.ts).' }],
          patterns: [
            {
              group: ['**/electron/**'],
              message:
                'Layers: renderer/ imports nothing from electron/; talk to main through renderer/src/lib/api.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // The services run under plain Node (test/main, the E2E harness): only electron/main may touch Electron.
    files: ['electron/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Layers: electron/services runs under plain Node; use electron/main.' }],
          patterns: [
            { group: ['electron/*'], message: 'Layers: electron/services runs under plain Node; use electron/main.' },
            { group: ['**/renderer/**'], message: 'Layers: main-process code imports nothing from renderer/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['cli/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
