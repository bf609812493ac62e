import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from '../../scripts/precompress.ts';

const SHARED_SRC = fileURLToPath(new URL('../../packages/shared/src/', import.meta.url));

/**
 * zod and the schemas built from it (`const fooSchema = z.object(…)` in packages/shared): building a
 * schema changes nothing else, so the bundler may drop every call on them whose result no page reads
 * (`z.…`, `fooSchema.partial()` …) — and zod itself from the pages that read none. A `z.…` call that
 * matters for its effect must therefore be made by another name (see src/zod-configured.ts).
 */
const pureSchemaCalls = (): string[] => [
  'z',
  ...readdirSync(SHARED_SRC)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    // Only compound names (fooSchema, boolQuery): the setting is global, and a library's `id(…)` must stay a call.
    .flatMap((f) => [...readFileSync(SHARED_SRC + f, 'utf8').matchAll(/\bconst ([a-z]+[A-Z]\w*)(?:: [^=]+)? =\s*z\b/g)].map((m) => m[1]!)),
];

/** The admin is served by the API from `/`; in development Vite proxies `/api` to it. */
export default defineConfig({
  base: '/',
  plugins: [react(), precompress()],
  // @kaoping/shared is bundled from its TypeScript sources (its dist/ is the API's build).
  resolve: {
    conditions: ['@kaoping/source', ...defaultClientConditions],
    // Every `import … from 'zod'` gets zod with the admin's settings (see zod-configured.ts).
    alias: [{ find: /^zod$/, replacement: fileURLToPath(new URL('./src/zod-configured.ts', import.meta.url)) }],
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // .vite/manifest.json: which chunks each page loads (the bundle budget test reads it).
    manifest: true,
    rolldownOptions: {
      treeshake: { manualPureFunctions: pureSchemaCalls() },
      output: {
        // React changes less often than the app: its own chunk stays cached across releases. antd is
        // left to the bundler, so each page's chunk takes only the components that page uses.
        codeSplitting: {
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/ }],
        },
      },
    },
  },
});
