// Root Jest: every project in one run, sharing one set of real servers (globalSetup runs once).
module.exports = {
  projects: ['<rootDir>/libs/*/jest.config.js', '<rootDir>/apps/*/jest.config.js'],
};
