// ESLint: type-aware TypeScript rules, Nx module boundaries (who may import whom, STYLE.md),
// no focused tests, Prettier owns formatting.
import nx from '@nx/eslint-plugin';
import jest from 'eslint-plugin-jest';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const libs = ['type:contracts', 'type:platform', 'type:usersig', 'type:sdk'];
const depConstraints = (extraForApps = []) => [
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:usersig', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts', 'type:usersig'] },
  { sourceTag: 'type:sdk', onlyDependOnLibsWithTags: ['type:contracts', 'type:usersig'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: libs },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: [...libs, ...extraForApps] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: [...libs, 'type:testing'] },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: [...libs, 'type:testing'] },
];
const boundaries = (extraForApps) => [
  'error',
  { enforceBuildableLibDependency: false, allow: [], depConstraints: depConstraints(extraForApps) },
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
      '@nx/enforce-module-boundaries': boundaries([]),
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
    // Tests may use the harness (libs/testing) and jest's loose typing of mocks and matchers.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'],
    extends: [jest.configs['flat/recommended']],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(['type:testing']),
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
