// End-to-end: the built services as processes, driven over HTTP as an app backend would.
// Needs the build (`npm test` builds first; `nx test e2e` builds through dependsOn).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'e2e',
  rootDir: __dirname,
  // Notes a failed test, so the fixtures keep the services' logs (src/failed-run.ts).
  testEnvironment: '<rootDir>/src/e2e.environment.ts',
};
