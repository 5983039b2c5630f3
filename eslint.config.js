// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * A small rule set about correctness, not style (Prettier owns the layout): the recommended
 * JavaScript and typescript-eslint rules, plus promises that must be awaited or handled.
 */
export default tseslint.config(
  { ignores: ['node_modules/', 'data/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test registers suites and tests synchronously; their promises are the runner's to await.
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    // Pages and routes never touch the database: they call a use case of their capability, which is
    // where queries live (ARCHITECTURE.md; the import side is checked by .dependency-cruiser.cjs).
    files: ['src/**/*pages.tsx', 'src/**/*page.tsx', 'src/**/*routes.tsx', 'src/**/*-route.tsx', 'src/**/routes.ts'],
    ignores: ['**/*.test.*'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|transaction|executeQuery)$/]',
          message: 'Pages and routes call use cases; the query belongs in a use case of this capability.',
        },
        { selector: "TaggedTemplateExpression[tag.name='sql']", message: 'Pages and routes call use cases; SQL belongs in a use case of this capability.' },
      ],
    },
  },
  { files: ['**/*.js', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
);
