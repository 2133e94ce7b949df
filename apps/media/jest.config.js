const path = require('node:path');

module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'media',
  rootDir: __dirname,
  moduleNameMapper: {
    ...require('../../jest.preset.js').moduleNameMapper,
    // file-type is an ES module only; loaded by Node's require instead of Jest's.
    '^file-type$': path.join(__dirname, '../../libs/testing/src/jest/esm-package.shim.js'),
  },
};
