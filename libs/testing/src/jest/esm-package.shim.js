// Jest's module registry cannot load packages that ship only as ES modules (file-type): this
// shim, mapped in their place by moduleNameMapper, loads them with Node's own require (taken
// from the real `module` builtin, not Jest's), which loads ES modules synchronously (Node ≥
// 20.19). Production code imports them with import().
const { createRequire } = process.getBuiltinModule('node:module');

module.exports = { __esModule: true, ...createRequire(__filename)('file-type') };
