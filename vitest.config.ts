import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'core/**/*.test.ts',
      'plugins/**/*.test.ts',
      'cli/**/*.test.ts',
      'embedded/**/*.test.ts',
      'adapters/**/*.test.ts',
      'functions/**/*.test.ts',
      'services/**/*.test.ts',
      'infra/**/*.test.ts',
      'localstack/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', 'examples/**', 'cdk.out/**'],
    // End-to-end healing spawns compilers and test runners, and CI has 2 cores: generous limits, no timing asserts.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // Two workers: each end-to-end file already runs candidates in parallel sandboxes on the 2 cores.
    maxWorkers: 2,
  },
});
