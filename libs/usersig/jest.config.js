module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'usersig',
  rootDir: __dirname,
};
