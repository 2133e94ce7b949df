module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'conn-gateway',
  rootDir: __dirname,
};
