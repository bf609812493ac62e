import { defineConfig } from 'vitest/config';

// Three tiers: pure unit tests beside the code, integration tests through the in-process app
// on a fresh database, and browser tests that drive the built product in Chromium.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['apps/api/src/**/*.test.ts', 'packages/*/src/**/*.test.ts'] } },
      {
        test: {
          name: 'integration',
          // The portal's bundle test builds the page, so it runs with the slower tier.
          include: ['apps/api/test/**/*.test.ts', 'apps/portal/test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
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
