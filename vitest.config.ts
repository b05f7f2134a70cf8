import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'plugins/**/*.test.ts', 'cli/**/*.test.ts', 'embedded/**/*.test.ts', 'test/**/*.test.ts'],
    // End-to-end healing spawns compilers and test runners; 2 cores on CI.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
