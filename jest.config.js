// Root Jest: every project in one run, sharing one set of real servers (globalSetup runs once).
// Global options (testTimeout, ...) only count here, not in the projects' configs.
module.exports = {
  // Generous: end-to-end files start every service as a process on a 2-core machine.
  testTimeout: 90000,
  projects: [
    '<rootDir>/libs/*/jest.config.js',
    '<rootDir>/apps/*/jest.config.js',
    '<rootDir>/deploy/jest.config.js',
    '<rootDir>/tools/*/jest.config.js',
    '<rootDir>/bench/jest.config.js',
  ],
};
