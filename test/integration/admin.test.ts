/**
 * AdminClient against the embedded MockCluster (or a real cluster with KAFKA_BOOTSTRAP_SERVERS).
 *
 * librdkafka's mock implements Metadata, ListOffsets, OffsetFetch/OffsetCommit and the group
 * protocol, but not CreateTopics, DeleteTopics, CreatePartitions, ListGroups, DescribeGroups,
 * DeleteGroups, DeleteRecords or the config APIs (deps/librdkafka/src/rdkafka_mock_handlers.c):
 * librdkafka fails those with Local_UnsupportedFeature. Tests of their success paths run only
 * against a real cluster; against the mock we check that the failure is reported cleanly and
 * check the per-item result mapping on the shapes native code produces.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  AdminClientBuilder,
  AutoOffsetReset,
  ConsumerBuilder,
  ConsumerGroupState,
  CreateTopicsException,
  DeleteGroupsException,
  DescribeConsumerGroupsException,
  DescribeTopicsException,
  ErrorCode,
  KafkaException,
  ListConsumerGroupOffsetsException,
  ListConsumerGroupsException,
  OffsetSpec,
  ProducerBuilder,
  TopicCollection,
  Uuid,
  type IAdminClient,
  type KafkaError,
} from '../../src/index';
import { createTopicsOutcome, groupOffsetsOutcome, listOffsetsOutcome } from '../../src/admin-client';
import { realBootstrap, startCluster, type TestCluster } from '../helpers/cluster';

const onMock = !realBootstrap;
// Skip reasons, part of the test names.
const REAL_ONLY = '[skipped on MockCluster: it has no CreateTopics/DeleteTopics/CreatePartitions/ListGroups/DescribeGroups; set KAFKA_BOOTSTRAP_SERVERS]';
const MOCK_ONLY = '[MockCluster only: checks how unsupported APIs fail]';

let cluster: TestCluster;
let admin: IAdminClient;
const errors: KafkaError[] = [];

beforeAll(async () => {
  cluster = await startCluster(3);
  admin = new AdminClientBuilder({ bootstrapServers: cluster.bootstrapServers })
    .setErrorHandler((_a, e) => errors.push(e))
    .build();
});
afterAll(async () => {
  await admin?.close();
  await cluster?.close();
});

async function produce(topic: string, partition: number, n: number): Promise<void> {
  const producer = new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers }).build();
  try {
    await Promise.all(Array.from({ length: n }, (_, i) => producer.produceAsync({ topic, partition }, { value: `v${i}` })));
  } finally {
    await producer.close();
  }
}

describe('metadata and cluster', () => {
  test('getMetadata: brokers, topics and partitions in .NET shapes', async () => {
    const topic = await cluster.topic(4);
    const all = await admin.getMetadata(10_000);
    if (onMock) {
      expect(all.brokers.map((b) => b.brokerId).sort()).toEqual([1, 2, 3]);
    }
    for (const b of all.brokers) {
      expect(typeof b.host).toBe('string');
      expect(b.port).toBeGreaterThan(0);
    }
    // -1 when the answer came over the bootstrap connection, before broker ids were known
    expect([-1, ...all.brokers.map((b) => b.brokerId)]).toContain(all.originatingBrokerId);
    expect(all.originatingBrokerName).toMatch(/^[\w.-]+:\d+\/(\d+|bootstrap)$/);
    expect(all.topics.map((t) => t.topic)).toContain(topic);

    const one = await admin.getMetadata(10_000, topic);
    expect(one.topics).toHaveLength(1);
    const [t] = one.topics;
    expect(t.topic).toBe(topic);
    expect(t.error.code).toBe(ErrorCode.NoError);
    expect(t.partitions.map((p) => p.partitionId).sort()).toEqual([0, 1, 2, 3]);
    const brokerIds = one.brokers.map((b) => b.brokerId);
    for (const p of t.partitions) {
      expect(brokerIds).toContain(p.leader);
      expect(p.replicas).toContain(p.leader);
      expect(p.inSyncReplicas.length).toBeGreaterThan(0);
      expect(p.error.isError).toBe(false);
    }
  });

  test('describeCluster: id, controller and nodes', async () => {
    const c = await admin.describeCluster();
    expect(typeof c.clusterId).toBe('string');
    expect(c.clusterId!.length).toBeGreaterThan(0);
    if (onMock) expect(c.nodes.map((n) => n.id).sort()).toEqual([1, 2, 3]);
    expect(c.controller).not.toBeNull();
    expect(c.nodes.map((n) => n.id)).toContain(c.controller!.id);
    expect(c.authorizedOperations).toBeNull(); // not requested
  });

  test('describeTopics: partitions, topic id; an unknown topic is a per-topic error', async () => {
    const topic = await cluster.topic(3);
    const r = await admin.describeTopics(TopicCollection.ofTopicNames([topic]));
    expect(r.topicDescriptions).toHaveLength(1);
    const d = r.topicDescriptions[0];
    expect(d.name).toBe(topic);
    expect(d.isInternal).toBe(false);
    expect(d.partitions.map((p) => p.partition)).toEqual([0, 1, 2]);
    expect(d.partitions[0].leader).not.toBeNull();
    expect(d.topicId).toBeInstanceOf(Uuid);
    expect(d.topicId!.toString()).toMatch(/^[A-Za-z0-9+/_-]{22}$/);

    const missing = `missing-${randomUUID()}`;
    const err = await admin.describeTopics([topic, missing]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DescribeTopicsException);
    const ex = err as DescribeTopicsException;
    expect(ex.code).toBe(ErrorCode.Local_Partial);
    expect(ex.message).toContain(missing);
    const byName = new Map(ex.results.topicDescriptions.map((t) => [t.name, t]));
    expect(byName.get(topic)!.error.isError).toBe(false);
    expect(byName.get(missing)!.error.code).toBe(ErrorCode.UnknownTopicOrPart);
  });

  test('listOffsets: earliest and latest', async () => {
    const topic = await cluster.topic(2);
    await produce(topic, 0, 5);
    const r = await admin.listOffsets([
      { topic, partition: 0, offsetSpec: OffsetSpec.earliest() },
      { topic, partition: 1, offsetSpec: OffsetSpec.latest() },
    ]);
    const byPartition = new Map(r.resultInfos.map((i) => [i.topicPartitionOffsetError.partition, i.topicPartitionOffsetError]));
    expect(byPartition.get(0)!.offset).toBe(0);
    expect(byPartition.get(1)!.offset).toBe(0);
    const latest = await admin.listOffsets([{ topic, partition: 0, offsetSpec: OffsetSpec.latest() }]);
    expect(latest.resultInfos[0].topicPartitionOffsetError.offset).toBe(5);
    expect(latest.resultInfos[0].topicPartitionOffsetError.error.isError).toBe(false);
  });
});

describe('topics', () => {
  test.skipIf(onMock)(`createTopics, then TopicAlreadyExists as a per-item error, then deleteTopics ${REAL_ONLY}`, async () => {
    const a = `admin-${randomUUID()}`;
    const b = `admin-${randomUUID()}`;
    await admin.createTopics([{ name: a, numPartitions: 2 }], { operationTimeoutMs: 10_000 });
    const md = await admin.getMetadata(10_000, a);
    expect(md.topics[0].partitions).toHaveLength(2);

    const err = await admin.createTopics([{ name: a, numPartitions: 1 }, { name: b, numPartitions: 1 }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CreateTopicsException);
    const results = (err as CreateTopicsException).results;
    expect(results.find((r) => r.topic === a)!.error.code).toBe(ErrorCode.TopicAlreadyExists);
    expect(results.find((r) => r.topic === b)!.error.isError).toBe(false);

    await admin.createPartitions([{ topic: a, increaseTo: 3 }], { operationTimeoutMs: 10_000 });
    await admin.deleteTopics([a, b], { operationTimeoutMs: 10_000 });
  });

  test.skipIf(!onMock)(`createTopics/deleteTopics/createPartitions reject with a top-level KafkaException ${MOCK_ONLY}`, async () => {
    for (const call of [
      () => admin.createTopics([{ name: 'never', numPartitions: 1 }]),
      () => admin.deleteTopics(['never']),
      () => admin.createPartitions([{ topic: 'never', increaseTo: 2 }]),
    ]) {
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KafkaException);
      expect(err).not.toBeInstanceOf(CreateTopicsException);
      expect((err as KafkaException).code).toBe(ErrorCode.Local_UnsupportedFeature);
      // the caller's stack is attached to the asynchronous rejection
      expect((err as Error).stack).toContain('called from');
    }
  });

  test('per-topic errors become a CreateTopicsException with every report (native result shape)', () => {
    let thrown: unknown;
    try {
      createTopicsOutcome([
        { topic: 'ok' },
        { topic: 'dup', error: { code: ErrorCode.TopicAlreadyExists, reason: "Topic 'dup' already exists." } },
      ]);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(CreateTopicsException);
    const ex = thrown as CreateTopicsException;
    expect(ex).toBeInstanceOf(KafkaException);
    expect(ex.name).toBe('CreateTopicsException');
    expect(ex.code).toBe(ErrorCode.Local_Partial);
    expect(ex.message).toBe("An error occurred creating topics: [dup]: [Topic 'dup' already exists.].");
    expect(ex.results.map((r) => [r.topic, r.error.code])).toEqual([
      ['ok', ErrorCode.NoError],
      ['dup', ErrorCode.TopicAlreadyExists],
    ]);
    expect(() => createTopicsOutcome([{ topic: 'ok' }])).not.toThrow();
  });

  test('per-partition errors: ListConsumerGroupOffsetsException and ListOffsetsException', () => {
    expect(() =>
      groupOffsetsOutcome(
        [{ group: 'g', partitions: [{ topic: 't', partition: 0, offset: 3 }, { topic: 't', partition: 1, offset: -1001, error: { code: 3, reason: 'unknown' } }] }],
        ListConsumerGroupOffsetsException,
      ),
    ).toThrow(ListConsumerGroupOffsetsException);
    expect(
      groupOffsetsOutcome([{ group: 'g', partitions: [{ topic: 't', partition: 0, offset: 3 }] }], ListConsumerGroupOffsetsException),
    ).toEqual([{ group: 'g', partitions: [{ topic: 't', partition: 0, offset: 3 }] }]);
    expect(() =>
      listOffsetsOutcome([{ topic: 't', partition: 0, offset: -1, timestamp: -1, error: { code: 3, reason: 'unknown' } }]),
    ).toThrow(/listing offsets: \[t \[0\]\]/);
  });
});

describe('consumer groups', () => {
  test('list/describe groups and committed offsets with a running consumer', async () => {
    const topic = await cluster.topic(2);
    await produce(topic, 0, 3);
    const group = `g-${randomUUID()}`;
    const consumer = new ConsumerBuilder({
      bootstrapServers: cluster.bootstrapServers,
      groupId: group,
      autoOffsetReset: AutoOffsetReset.Earliest,
      enableAutoCommit: false,
    }).build();
    try {
      consumer.subscribe(topic);
      const msg = await consumer.consume(15_000);
      expect(msg).not.toBeNull();
      await consumer.commit(msg!);

      const [offsets] = await admin.listConsumerGroupOffsets([
        { group, partitions: [{ topic, partition: 0 }, { topic, partition: 1 }] },
      ]);
      expect(offsets.group).toBe(group);
      const byPartition = new Map(offsets.partitions.map((p) => [p.partition, p.offset]));
      expect(byPartition.get(msg!.partition)).toBe(msg!.offset + 1);
      expect(byPartition.get(1 - msg!.partition)).toBe(-1001); // Offset.Unset: nothing committed

      if (onMock) {
        // MOCK_ONLY: no ListGroups / DescribeGroups in the mock.
        const listErr = await admin.listConsumerGroups().catch((e: unknown) => e);
        expect(listErr).toBeInstanceOf(ListConsumerGroupsException);
        const lr = (listErr as ListConsumerGroupsException).results;
        expect(lr.errors.length).toBeGreaterThan(0);
        expect(lr.errors.every((e) => e.code === ErrorCode.Local_UnsupportedFeature)).toBe(true);

        const descErr = await admin.describeConsumerGroups([group]).catch((e: unknown) => e);
        expect(descErr).toBeInstanceOf(DescribeConsumerGroupsException);
        const [d] = (descErr as DescribeConsumerGroupsException).results.consumerGroupDescriptions;
        expect(d.groupId).toBe(group);
        expect(d.error.code).toBe(ErrorCode.Local_UnsupportedFeature);
      } else {
        const listed = await admin.listConsumerGroups();
        expect(listed.valid.map((g) => g.groupId)).toContain(group);
        const { consumerGroupDescriptions } = await admin.describeConsumerGroups([group]);
        const [d] = consumerGroupDescriptions;
        expect(d.state).toBe(ConsumerGroupState.Stable);
        expect(d.members).toHaveLength(1);
        expect(d.members[0].consumerId).toBe(consumer.memberId);
        expect(d.members[0].assignment.topicPartitions.map((p) => p.partition).sort()).toEqual([0, 1]);
      }
    } finally {
      await consumer.close();
    }
  });

  test('listConsumerGroupOffsets reflects alterConsumerGroupOffsets', async () => {
    const topic = await cluster.topic(1);
    await produce(topic, 0, 10);
    const group = `g-${randomUUID()}`;
    const [altered] = await admin.alterConsumerGroupOffsets([{ group, partitions: [{ topic, partition: 0, offset: 7 }] }]);
    expect(altered.partitions).toEqual([{ topic, partition: 0, offset: 7 }]);
    const [listed] = await admin.listConsumerGroupOffsets([{ group, partitions: [{ topic, partition: 0 }] }]);
    expect(listed.partitions.map((p) => p.offset)).toEqual([7]);
  });

  test.skipIf(!onMock)(`deleteGroups reports a per-group error ${MOCK_ONLY}`, async () => {
    const err = await admin.deleteGroups(['nobody']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeleteGroupsException);
    expect((err as DeleteGroupsException).results).toEqual([{ group: 'nobody', error: expect.objectContaining({ code: ErrorCode.Local_UnsupportedFeature }) }]);
  });
});

describe('arguments and lifecycle', () => {
  test('wrong argument types reject with TypeError (builders throw it)', async () => {
    const a = admin as unknown as Record<string, (...args: unknown[]) => unknown>;
    await expect(a.createTopics('t')).rejects.toThrow(TypeError);
    await expect(a.createTopics([{ name: 5 }])).rejects.toThrow(TypeError);
    await expect(a.createTopics([{ name: 't', numPartitions: '3' }])).rejects.toThrow(/numPartitions must be an integer/);
    await expect(a.createTopics([{ name: 't', replicasAssignments: { 1: [1] } }])).rejects.toThrow(/missing 0/);
    await expect(a.deleteTopics([''])).rejects.toThrow(TypeError);
    await expect(a.getMetadata('1000')).rejects.toThrow(/timeoutMs/);
    await expect(a.getMetadata(1000, 7)).rejects.toThrow(TypeError);
    await expect(a.describeCluster({ requestTimeoutMs: 'soon' })).rejects.toThrow(/requestTimeoutMs/);
    await expect(a.describeCluster({ validateOnly: true })).rejects.toThrow(/unknown option 'validateOnly'/);
    await expect(a.listOffsets([{ topic: 't', partition: 0, offsetSpec: -1 }])).rejects.toThrow(/OffsetSpec/);
    await expect(a.listConsumerGroupOffsets([{ group: 'g', partitions: [{ topic: 't', partition: -1 }] }])).rejects.toThrow(TypeError);
    await expect(a.describeTopics('t')).rejects.toThrow(/TopicCollection/);
    expect(() => new AdminClientBuilder(null as never)).toThrow(TypeError);
    expect(() => new AdminClientBuilder({}).setLogHandler(5 as never)).toThrow(TypeError);
  });

  test('invalid config fails at build() naming the key', () => {
    expect(() => new AdminClientBuilder({ bootstrapServers: 'x', socketTimeoutMs: -5 }).build()).toThrow(KafkaException);
    expect(() => new AdminClientBuilder({ bootstrapServers: 'x', 'no.such.key': '1' } as never).build()).toThrow(/no\.such\.key/);
  });

  test('close: pending requests settle (answered or Local_Destroy), then every call rejects; close is idempotent', async () => {
    const a = new AdminClientBuilder({ bootstrapServers: cluster.bootstrapServers }).build();
    expect(a.name).toMatch(/^rdkafka#producer-\d+$/);
    const pending = a.getMetadata(10_000).then(
      () => 'resolved',
      (e: KafkaException) => e.code,
    );
    const closing = a.close();
    expect(a.close()).toBe(closing);
    await closing;
    // A request issued before close() either got its answer before the destroy or is
    // rejected with Local_Destroy; it never hangs.
    expect(['resolved', ErrorCode.Local_Destroy]).toContain(await pending);
    const pendingCluster = a[Symbol.asyncDispose]();
    await pendingCluster;
    const thrown = await a.describeCluster().catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(KafkaException);
    expect((thrown as KafkaException).code).toBe(ErrorCode.Local_Destroy);
    await expect(a.getMetadata(100)).rejects.toThrow(/closed/);
  });

  test('an unreachable cluster: the error handler hears of it and getMetadata fails within its timeout', async () => {
    const heard: KafkaError[] = [];
    const a = new AdminClientBuilder({ bootstrapServers: '127.0.0.1:1', logLevel: 0 })
      .setErrorHandler((client, e) => {
        expect(client).toBe(a);
        heard.push(e);
      })
      .build();
    try {
      const err = await a.getMetadata(300).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KafkaException);
      // librdkafka reports the last connection failure, or a timeout if there was none yet
      expect([ErrorCode.Local_TimedOut, ErrorCode.Local_Transport]).toContain((err as KafkaException).code);
      expect(heard.length).toBeGreaterThan(0);
      expect(heard.some((e) => e.code === ErrorCode.Local_AllBrokersDown || e.code === ErrorCode.Local_Transport)).toBe(true);
    } finally {
      await a.close();
    }
  });

  test('no error reached the shared client\'s error handler', () => {
    expect(errors).toEqual([]);
  });
});
