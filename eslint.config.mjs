// ESLint: type-aware TypeScript rules, Nx module boundaries (who may import whom, STYLE.md),
// no focused tests, Prettier owns formatting.
import nx from '@nx/eslint-plugin';
import jest from 'eslint-plugin-jest';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const libs = ['type:contracts', 'type:platform', 'type:usersig', 'type:sdk'];
/** Who may import whom in production code (STYLE.md). */
const constraints = [
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:usersig', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts', 'type:usersig'] },
  { sourceTag: 'type:sdk', onlyDependOnLibsWithTags: ['type:contracts', 'type:usersig'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: libs },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: libs },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: [...libs, 'type:testing'] },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: [...libs, 'type:testing'] },
];
/** Tests may also use the harness (libs/testing), which itself builds on libs/platform. */
const testConstraints = constraints.map((c) => ({
  ...c,
  onlyDependOnLibsWithTags: [...new Set([...c.onlyDependOnLibsWithTags, 'type:testing'])],
}));
const boundaries = (depConstraints, ignoredCircularDependencies = []) => [
  'error',
  { enforceBuildableLibDependency: false, allow: [], depConstraints, ignoredCircularDependencies },
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.data/**',
      '.nx/**',
      'coverage/**',
      'bench/results/**',
    ],
  },
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': boundaries(constraints),
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Transport stays transport (STYLE.md layering): an RPC handler or a durable event consumer
    // makes one call into a service; only services reach repositories.
    files: ['**/*.consumer.ts', '**/*.handler.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/*.repository', '**/*-repository'],
              message: 'Handlers and consumers call a service; only services use repositories.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests may use the harness (libs/testing) and jest's loose typing of mocks and matchers.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'],
    extends: [jest.configs['flat/recommended']],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(testConstraints, [['platform', 'testing']]),
      'jest/no-focused-tests': 'error',
      'jest/valid-title': ['error', { ignoreTypeOfDescribeName: true }],
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*', 'assert*'] }],
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
  },
  prettier,
);
