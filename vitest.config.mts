import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real-broker suites: `npm run test:kafka` (vitest.kafka.config.mts), `npm run test:faults`.
    exclude: ['**/node_modules/**', 'test/kafka/**', 'test/faults/**'],
    // Integration tests each start their own MockCluster; keep two files at a time on 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    typecheck: { enabled: true, include: ['test/types/**/*.test-d.ts'] },
  },
});
