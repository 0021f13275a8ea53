import { defineConfig } from 'vitest/config';

// Two groups: everything in-process first (two workers), then the browser tests alone, one file at a
// time, so Chromium's software-rendered WebGL does not compete with other tests for the two cores.
export default defineConfig({
  test: {
    globalSetup: ['tests/helpers/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit-api',
          include: ['server/**/*.test.ts', 'geodata/**/*.test.ts', 'client/**/*.test.{ts,tsx}', 'tests/api/**/*.test.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
