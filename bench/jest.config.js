// The quick bench as a smoke test: proves the harness runs and writes every scenario; asserts
// nothing about speed. Needs the build (`npm test` builds first).
module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'bench',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/src/**/*.spec.ts'],
};
