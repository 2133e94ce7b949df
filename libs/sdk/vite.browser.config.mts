// The browser build of the SDK: one ES module, `npx vite build -c libs/sdk/vite.browser.config.mts`
// (nx target `build-browser`); the media e2e loads it into Chromium.
import path from 'node:path';

import { defineConfig } from 'vite';

const here = import.meta.dirname;

export default defineConfig({
  root: here,
  resolve: {
    alias: {
      ws: path.join(here, 'src/browser/ws.shim.ts'),
      '@im/contracts': path.join(here, '../contracts/src/index.ts'),
    },
  },
  build: {
    lib: { entry: path.join(here, 'src/browser.ts'), formats: ['es'], fileName: () => 'im-sdk.js' },
    outDir: path.join(here, 'dist-browser'),
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
  },
  logLevel: 'warn',
});
