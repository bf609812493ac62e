import { defineConfig, type Plugin } from 'vite';
import { precompress } from '../../scripts/precompress.ts';

/**
 * The page's one script as a classic deferred script (`<script defer>`, an IIFE): a WebView too old
 * for `type="module"` (Chrome before 61, iOS before 11) runs it as well, where a module would be
 * skipped and the page left empty.
 */
const classicScript = (): Plugin => ({
  name: 'kaoping-classic-script',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler: (html) => html.replace(/<script type="module" crossorigin src=/g, '<script defer src='),
  },
});

/**
 * The citizens' page, served by the API under `/p/` (assets at `/p/assets/…`, so a page at
 * `/p/<slug>/ticket` finds them too). ES2017 keeps it working in WeChat's in-app browser on older phones.
 */
export default defineConfig({
  base: '/p/',
  plugins: [classicScript(), precompress()],
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
    // The styles stay one file of their own (the page's policy allows no inline style).
    cssCodeSplit: false,
    rolldownOptions: { output: { format: 'iife' } },
  },
});
