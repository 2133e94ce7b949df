// The group service's benchmark (not part of `npx jest apps/group`):
//   npx tsc -b tsconfig.build.json && npx jest -c apps/group/bench/jest.config.js
// Prints its figures to stdout; it asserts nothing about time.
module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'group-bench',
  rootDir: __dirname,
  testMatch: ['**/*.bench.ts'],
  testTimeout: 30 * 60 * 1000,
};
