import { defineConfig } from 'vite';
import { precompress } from '../../scripts/precompress.ts';

/**
 * The citizens' page, served by the API under `/p/` (assets at `/p/assets/…`, so a page at
 * `/p/<slug>/ticket` finds them too). ES2017 keeps it working in WeChat's in-app browser on older phones.
 */
export default defineConfig({
  base: '/p/',
  plugins: [precompress()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2017',
    cssTarget: 'chrome61',
    // One small entry: nothing to preload, and no polyfill script to ship.
    modulePreload: false,
    reportCompressedSize: true,
  },
});
