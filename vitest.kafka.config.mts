import { defineConfig } from 'vitest/config';

// `npm run test:kafka`: scripts/kafka.js starts one real Kafka node (all listeners) and runs this
// with its KAFKA_* environment: the integration suite unchanged, plus the real-broker-only tests.
export default defineConfig({
  test: {
    include: ['test/integration/**/*.test.ts', 'test/kafka/**/*.test.ts'],
    // One broker for the whole run; two files at a time on 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    // A real coordinator's rebalances and transactions take seconds, not the mock's milliseconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
