/**
 * Where integration tests find a broker: a real cluster when KAFKA_BOOTSTRAP_SERVERS is set,
 * otherwise an embedded MockCluster. Tests that need the mock's controls (broker down,
 * injected errors) call `requireMock()` and are skipped against a real cluster.
 */
import { randomUUID } from 'node:crypto';
import { AdminClientBuilder } from '../../src/admin-client-builder';
import type { IAdminClient } from '../../src/admin-client';
import { OffsetSpec } from '../../src/admin-types';
import { MockCluster } from '../../src/mock-cluster';

export interface TestCluster {
  bootstrapServers: string;
  /** The embedded cluster, or undefined against a real one. */
  mock?: MockCluster;
  /**
   * Creates a uniquely named topic and returns its name. `configs` (topic configs such as
   * message.timestamp.type) need a real cluster: the mock cannot create topics with configs.
   */
  topic(partitions?: number, prefix?: string, configs?: Record<string, string>): Promise<string>;
  close(): Promise<void>;
}

export const realBootstrap = process.env.KAFKA_BOOTSTRAP_SERVERS;

export async function startCluster(brokers = 3): Promise<TestCluster> {
  if (realBootstrap) {
    // Topics are created with the admin client (not by auto-creation, which may be off and
    // gives the broker's default partition count); names are unique per run, and deleted
    // again on close().
    const bootstrapServers = realBootstrap;
    const admin = new AdminClientBuilder({ bootstrapServers }).build();
    const created: string[] = [];
    return {
      bootstrapServers,
      topic: async (partitions = 6, prefix = 't', configs?: Record<string, string>) => {
        const name = `${prefix}-${randomUUID()}`;
        await admin.createTopics([{ name, numPartitions: partitions, configs }], { operationTimeoutMs: 30_000 });
        created.push(name);
        await untilLeadersServe(admin, name, partitions);
        return name;
      },
      close: async () => {
        try {
          if (created.length > 0) await admin.deleteTopics(created, { operationTimeoutMs: 30_000 });
        } finally {
          await admin.close();
        }
      },
    };
  }
  const mock = new MockCluster({ brokers });
  return {
    bootstrapServers: mock.bootstrapServers,
    mock,
    topic: async (partitions = 6, prefix = 't', configs?: Record<string, string>) => {
      if (configs) throw new TypeError('the MockCluster cannot create topics with configs');
      const name = `${prefix}-${randomUUID()}`;
      mock.createTopic(name, partitions, Math.min(brokers, 3));
      return name;
    },
    close: () => mock.close(),
  };
}

/**
 * createTopics resolves once the controller has the topic; its partitions' leaders take a
 * moment longer to serve them (their first Produce answers NotLeaderForPartition, which
 * librdkafka retries, reordering a non-idempotent producer's batches). A ListOffsets to every
 * leader succeeds once they do.
 */
async function untilLeadersServe(admin: IAdminClient, topic: string, partitions: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  const specs = Array.from({ length: partitions }, (_, partition) => ({ topic, partition, offsetSpec: OffsetSpec.latest() }));
  for (;;) {
    try {
      await admin.listOffsets(specs);
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
