import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'apps/admin/public/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['**/*.{js,mjs}'], languageOptions: { globals: { ...globals.node } } },
  // SQL only in repositories (docs/ARCHITECTURE.md): outside `*.repository.ts` the API neither calls
  // `.query(…)` nor spells SQL. The database's own plumbing, migrations, seeds, tests and benchmarks
  // are exempt below.
  {
    files: ['apps/api/src/**/*.ts'],
    ignores: [
      'apps/api/src/**/*.repository.ts',
      'apps/api/src/**/*.test.ts',
      // The connection, migrations, schema dump and backups: the database layer itself.
      'apps/api/src/db/**',
      // Demo data is written as SQL fixtures.
      'apps/api/src/seed/**',
      // LISTEN/NOTIFY on a dedicated connection: messaging between instances, not data access.
      'apps/api/src/modules/screen/screen-events.ts',
      // Readiness and metrics probe the connection with `select 1`.
      'apps/api/src/modules/health/health.routes.ts',
      'apps/api/src/modules/metrics/metrics.routes.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='query']",
          message: 'SQL belongs in a *.repository.ts: call a repository function here.',
        },
        {
          selector: String.raw`Literal[value=/^\s*(select\s[\s\S]*\bfrom\s|insert\s+into\s|update\s+\w+\s+set\s|delete\s+from\s|with\s+\w+\s+as\s*\()/]`,
          message: 'SQL belongs in a *.repository.ts.',
        },
        {
          selector: String.raw`TemplateElement[value.raw=/^\s*(select\s[\s\S]*\bfrom\s|insert\s+into\s|update\s+\w+\s+set\s|delete\s+from\s|with\s+\w+\s+as\s*\()/]`,
          message: 'SQL belongs in a *.repository.ts.',
        },
      ],
    },
  },
);
