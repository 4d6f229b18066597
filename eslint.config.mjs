// ESLint flat config: typescript-eslint's type-aware rules over every TypeScript source. The
// promise rules are the point: a floating promise in the language server is an unhandled
// rejection that kills the process or a diagnostic that silently never arrives.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'data/**',
      'samples/**',
      'examples/**',
      'docs/**',
      '.tripline-cache/**',
      'test-results/**',
      '**/*.mjs',
      '**/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        // The two programs that cover every source: client files get the client's settings.
        project: ['./client/tsconfig.json', './tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test's describe/it return promises the runner itself awaits.
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      // tsc's noUnusedLocals/noUnusedParameters already report these, with `_` for intended gaps.
      '@typescript-eslint/no-unused-vars': 'off',
      // A `let` read by a closure before its one assignment (a timer a callback may clear) stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // Tests match YAML output, where literal indentation reads better than ` {4}`.
    files: ['**/*.test.ts'],
    rules: { 'no-regex-spaces': 'off' },
  },
  {
    // The engine is the contract every front end relies on: no `any` may leak from it.
    files: ['server/src/engine/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    files: ['client/src/**/*.ts'],
    rules: {
      // The client shows what the server sends; engine code in the extension host would run twice.
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**'], message: 'The client never imports server code (ARCHITECTURE.md).' }] }],
    },
  },
);
