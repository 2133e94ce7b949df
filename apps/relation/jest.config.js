module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'relation',
  rootDir: __dirname,
};
