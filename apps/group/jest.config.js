module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'group',
  rootDir: __dirname,
};
