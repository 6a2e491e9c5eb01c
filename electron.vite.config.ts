import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { CHANNELS, EVENTS } from './shared/ipc/contract';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Native and heavy modules stay external and are loaded at run time (ccxt lazily, per exchange).
      externalizeDeps: true,
      rolldownOptions: {
        input: { index: resolve('electron/main/index.ts') },
      },
    },
  },
  preload: {
    // The sandboxed preload cannot require packages: it receives the contract's channel and event names
    // as build-time constants instead of importing the (zod-based) contract module.
    define: {
      __BALLAST_CHANNELS__: JSON.stringify(CHANNELS),
      __BALLAST_EVENTS__: JSON.stringify(EVENTS),
    },
    build: {
      externalizeDeps: false,
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // What ships is minified; each view is its own chunk (lazy imports in views/registry.ts).
      minify: true,
      rolldownOptions: {
        input: { index: resolve('renderer/index.html') },
      },
    },
  },
});
