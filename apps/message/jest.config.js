module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'message',
  rootDir: __dirname,
};
