// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { dependencyPlugin } from './.eslint/dependencyRules.js';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'storybook-static/**', 'test/lint/fixtures/**', '**/.data/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { deps: dependencyPlugin },
    rules: {
      'deps/one-way': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-expect-error': 'allow-with-description' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only (STYLE.md).' }],
    },
  },
  {
    // Config files are the one place tools require a default export; a declaration of a library's types says what the library exports.
    files: ['**/*.config.{ts,js,mjs}', '.storybook/**', '**/*.stories.tsx', '**/*.d.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
