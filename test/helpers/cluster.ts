/**
 * Where integration tests find a broker: a real cluster when KAFKA_BOOTSTRAP_SERVERS is set,
 * otherwise an embedded MockCluster. Tests that need the mock's controls (broker down,
 * injected errors) call `requireMock()` and are skipped against a real cluster.
 */
import { randomUUID } from 'node:crypto';
import { MockCluster } from '../../src/mock-cluster';

export interface TestCluster {
  bootstrapServers: string;
  /** The embedded cluster, or undefined against a real one. */
  mock?: MockCluster;
  /** Creates a uniquely named topic and returns its name. */
  topic(partitions?: number, prefix?: string): Promise<string>;
  close(): Promise<void>;
}

export const realBootstrap = process.env.KAFKA_BOOTSTRAP_SERVERS;

export async function startCluster(brokers = 3): Promise<TestCluster> {
  if (realBootstrap) {
    // Topics are created by auto-creation on first use on a real cluster (or by the admin
    // client once it exists); names are unique per run.
    return {
      bootstrapServers: realBootstrap,
      topic: async (_partitions = 6, prefix = 't') => `${prefix}-${randomUUID()}`,
      close: async () => {},
    };
  }
  const mock = new MockCluster({ brokers });
  return {
    bootstrapServers: mock.bootstrapServers,
    mock,
    topic: async (partitions = 6, prefix = 't') => {
      const name = `${prefix}-${randomUUID()}`;
      mock.createTopic(name, partitions, Math.min(brokers, 3));
      return name;
    },
    close: () => mock.close(),
  };
}
