// The message service benchmarks (not part of `npm test`; one: add its path): `npx jest -c apps/message/bench/jest.config.js`
// after `npx tsc -b tsconfig.build.json` (it runs the built service as a process).
module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'message-bench',
  rootDir: __dirname,
  testMatch: ['<rootDir>/c2c-throughput.ts', '<rootDir>/io-paths.ts'],
};
