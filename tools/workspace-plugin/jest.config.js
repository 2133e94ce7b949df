module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'workspace-plugin',
  rootDir: __dirname,
};
