import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Tests run the workspace packages from their TypeScript sources, not from their built dist/.
const SOURCE = '@kaoping/source';

// Three tiers: pure unit tests beside the code, integration tests through the in-process app
// on a fresh database, and browser tests that drive the built product in Chromium.
export default defineConfig({
  ssr: { resolve: { conditions: [SOURCE, ...defaultServerConditions] } },
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['apps/api/src/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'apps/admin/src/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          // The bundle tests of the two UIs build them, so they run with the slower tier.
          include: ['apps/api/test/**/*.test.ts', 'apps/portal/test/**/*.test.ts', 'apps/admin/test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
});
