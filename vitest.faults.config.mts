import { defineConfig } from 'vitest/config';

// `npm run test:faults`: scripts/kafka.js starts a three-node cluster and runs test/faults with
// its KAFKA_* environment (KAFKA_CONTROL_URL for kafkaControl(): stop/kill/pause/resume/start a
// node). The files share that cluster and take nodes down, so they run one at a time.
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 300_000,
    hookTimeout: 300_000,
    passWithNoTests: true,
  },
});
