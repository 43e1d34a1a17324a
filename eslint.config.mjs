// Lint runs as part of `npm test`; type-aware rules catch floating promises in extension and webview code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', '.tmp/**', 'bench/data/**', 'node_modules/**', 'tools/**', '.vscode-test/**', '*.vsix', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // node:test's test()/describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', name: ['test', 'it', 'describe', 'suite', 'before', 'after', 'beforeEach', 'afterEach'], package: 'node:test' }] },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  // The layering: core (pure) <- protocol <- cli / extension; the webview sees only the protocol and itself.
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core is pure: it never imports vscode.' }],
          patterns: [{ group: ['**/extension/**', '**/cli/**', '**/webview/**', '**/protocol/**', '**/presentation/**'], message: 'src/core imports nothing from the extension, the CLI, the protocol, the presentation layer or the webview.' }],
        },
      ],
    },
  },
  {
    files: ['src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'the protocol is shared with the browser.' }],
          patterns: [{ regex: '^(?!\\./|\\.\\./core/schema$)', message: 'the protocol imports only its own files and the schema layer (core/schema.ts): the webview loads it in the browser.' }],
        },
      ],
    },
  },
  {
    files: ['src/presentation/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/presentation is pure: what the editor shows, built from the core, unit-tested without VS Code.' }],
          patterns: [{ group: ['**/extension/**', '**/cli/**', '**/webview/**'], message: 'src/presentation uses the core and the protocol only.' }],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'the CLI runs without VS Code.' }], patterns: [{ group: ['**/extension/**', '**/webview/**'], message: 'the CLI uses the core only.' }] }],
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'the webview runs in the browser.' }],
          patterns: [{ group: ['../src/*', '!../src/protocol', '../src/protocol/*', '!../src/protocol/messages', '!../src/protocol/reports'], message: 'the webview imports only the protocol and its own files.' }],
        },
      ],
    },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/cli/**', '**/webview/**'], message: 'the extension uses the core and the protocol, never the CLI or the webview code.' }] }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', fetch: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', structuredClone: 'readonly' } },
  },
);
