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
  AlterConfigOpType,
  AutoOffsetReset,
  ConfigSource,
  ConsumerBuilder,
  ConsumerGroupState,
  ConsumerGroupType,
  CreatePartitionsException,
  CreateTopicsException,
  DeleteGroupsException,
  DeleteRecordsException,
  DeleteTopicsException,
  DescribeConfigsException,
  DescribeConsumerGroupsException,
  DescribeTopicsException,
  ErrorCode,
  GroupProtocol,
  IncrementalAlterConfigsException,
  KafkaException,
  ListConsumerGroupOffsetsException,
  ListConsumerGroupsException,
  ListOffsetsException,
  OffsetSpec,
  ProducerBuilder,
  ResourceType,
  TopicCollection,
  Uuid,
  type ConsumerGroupDescription,
  type IAdminClient,
  type KafkaError,
} from '../../src/index';
import { createTopicsOutcome, groupOffsetsOutcome, listOffsetsOutcome } from '../../src/admin-client';
import { realBootstrap, startCluster, type TestCluster } from '../helpers/cluster';
import { waitFor } from '../helpers/consumer';

const onMock = !realBootstrap;

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

  test.skipIf(!onMock)('listOffsets after a partition had no leader: the cached "no leader" is refreshed, not final [MockCluster: moves leaders]', async () => {
    // librdkafka caches a leader of -1 and, unrefreshed, fails every later ListOffsets for
    // minutes; on a real cluster this follows createTopics (the leaders are elected a moment
    // after it resolves). The client refreshes the topic's metadata and retries once.
    const mock = cluster.mock!;
    const topic = await cluster.topic(2);
    const spec = (partition: number) => ({ topic, partition, offsetSpec: OffsetSpec.latest() });
    const a = new AdminClientBuilder({ bootstrapServers: cluster.bootstrapServers }).build();
    try {
      mock.setPartitionLeader(topic, 0, -1);
      mock.setPartitionLeader(topic, 1, -1);
      const none = await a.listOffsets([spec(0), spec(1)]).catch((e: unknown) => e);
      expect(none).toBeInstanceOf(KafkaException);
      expect((none as KafkaException).code).toBe(ErrorCode.Local_NoEnt); // "No leaders found"
      mock.setPartitionLeader(topic, 1, 2);
      const partial = await a.listOffsets([spec(0), spec(1)]).catch((e: unknown) => e);
      expect(partial).toBeInstanceOf(ListOffsetsException);
      const infos = (partial as ListOffsetsException).result.resultInfos.map((i) => [i.topicPartitionOffsetError.partition, i.topicPartitionOffsetError.error.code]);
      expect(infos.sort()).toEqual([[0, ErrorCode.LeaderNotAvailable], [1, ErrorCode.NoError]]);
      mock.setPartitionLeader(topic, 0, 1);
      const r = await a.listOffsets([spec(0), spec(1)]);
      expect(r.resultInfos.map((i) => i.topicPartitionOffsetError.offset)).toEqual([0, 0]);
    } finally {
      await a.close();
    }
  });

  test('listOffsets by timestamp and max timestamp (the mock answers -1 for both)', async () => {
    const topic = await cluster.topic(1);
    const base = Date.now() - 60_000;
    const producer = new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers }).build();
    try {
      // The largest timestamp is not the last record's.
      for (const [i, ts] of [base, base + 1000, base + 5000, base + 2000].entries()) {
        await producer.produceAsync({ topic, partition: 0 }, { value: `v${i}`, timestamp: ts });
      }
    } finally {
      await producer.close();
    }
    const r = await admin.listOffsets([
      { topic, partition: 0, offsetSpec: OffsetSpec.forTimestamp(base + 500) },
    ]);
    const m = await admin.listOffsets([{ topic, partition: 0, offsetSpec: OffsetSpec.maxTimestamp() }]);
    const byTime = r.resultInfos[0];
    const max = m.resultInfos[0];
    if (onMock) {
      expect([byTime.topicPartitionOffsetError.offset, max.topicPartitionOffsetError.offset]).toEqual([-1, -1]);
      return;
    }
    expect(byTime.topicPartitionOffsetError.offset).toBe(1);
    expect(byTime.timestamp).toBe(base + 1000);
    expect(max.topicPartitionOffsetError.offset).toBe(2);
    expect(max.timestamp).toBe(base + 5000);
  });
});

describe('topics', () => {
  test('createTopics (TopicAlreadyExists per item), createPartitions, deleteTopics; the mock has none of them', async () => {
    if (onMock) {
      // The mock advertises none of these APIs: librdkafka fails the whole request.
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
      return;
    }
    const a = `admin-${randomUUID()}`;
    const b = `admin-${randomUUID()}`;
    await admin.createTopics([{ name: a, numPartitions: 2, configs: { 'retention.ms': '3600000' } }], { operationTimeoutMs: 30_000 });
    try {
      const md = await admin.getMetadata(10_000, a);
      expect(md.topics[0].partitions).toHaveLength(2);

      const err = await admin.createTopics([{ name: a, numPartitions: 1 }, { name: b, numPartitions: 1 }], { operationTimeoutMs: 30_000 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CreateTopicsException);
      const ex = err as CreateTopicsException;
      expect(ex.code).toBe(ErrorCode.Local_Partial);
      expect(ex.message).toContain(a);
      expect(ex.results.find((r) => r.topic === a)!.error.code).toBe(ErrorCode.TopicAlreadyExists);
      expect(ex.results.find((r) => r.topic === b)!.error.isError).toBe(false); // b was created

      // validateOnly checks without creating
      const c = `admin-${randomUUID()}`;
      await admin.createTopics([{ name: c, numPartitions: 1 }], { validateOnly: true });
      expect((await admin.describeTopics([c]).catch((e: DescribeTopicsException) => e.results.topicDescriptions))).toMatchObject([
        { name: c, error: expect.objectContaining({ code: ErrorCode.UnknownTopicOrPart }) },
      ]);

      await admin.createPartitions([{ topic: a, increaseTo: 3 }], { operationTimeoutMs: 30_000 });
      const three = await admin.describeTopics([a]);
      expect(three.topicDescriptions[0].partitions.map((p) => p.partition)).toEqual([0, 1, 2]);
      // Fewer partitions than now: a per-topic error.
      const shrink = await admin.createPartitions([{ topic: a, increaseTo: 2 }]).catch((e: unknown) => e);
      expect(shrink).toBeInstanceOf(CreatePartitionsException);
      expect((shrink as CreatePartitionsException).results).toEqual([
        { topic: a, error: expect.objectContaining({ code: ErrorCode.InvalidPartitions }) },
      ]);
    } finally {
      await admin.deleteTopics([a, b], { operationTimeoutMs: 30_000 });
    }
    // Deleted: gone from the metadata, and deleting it again is a per-topic error.
    await waitFor('the deleted topics to disappear', async () => {
      const md = await admin.getMetadata(10_000);
      return !md.topics.some((t) => t.topic === a || t.topic === b);
    });
    const again = await admin.deleteTopics([a]).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(DeleteTopicsException);
    expect((again as DeleteTopicsException).results).toEqual([{ topic: a, error: expect.objectContaining({ code: ErrorCode.UnknownTopicOrPart }) }]);
  });

  test('deleteRecords moves the low watermark (the mock: a per-partition Local_UnsupportedFeature)', async () => {
    const topic = await cluster.topic(1);
    await produce(topic, 0, 5);
    const err = await admin.deleteRecords([{ topic, partition: 0, offset: 3 }]).then(
      (r) => r,
      (e: unknown) => e,
    );
    if (onMock) {
      expect(err).toBeInstanceOf(DeleteRecordsException);
      expect((err as DeleteRecordsException).results).toEqual([
        expect.objectContaining({ topic, partition: 0, error: expect.objectContaining({ code: ErrorCode.Local_UnsupportedFeature }) }),
      ]);
      return;
    }
    expect(err).toEqual([{ topic, partition: 0, offset: 3 }]);
    const earliest = await admin.listOffsets([{ topic, partition: 0, offsetSpec: OffsetSpec.earliest() }]);
    expect(earliest.resultInfos[0].topicPartitionOffsetError.offset).toBe(3);
    // Beyond the high watermark: a per-partition error.
    const beyond = await admin.deleteRecords([{ topic, partition: 0, offset: 50 }]).catch((e: unknown) => e);
    expect(beyond).toBeInstanceOf(DeleteRecordsException);
    expect((beyond as DeleteRecordsException).results[0].error.code).toBe(ErrorCode.OffsetOutOfRange);
  });

  test('describeConfigs, incrementalAlterConfigs and alterConfigs of a topic (the mock: Local_UnsupportedFeature)', async () => {
    const topic = await cluster.topic(1);
    const resource = { type: ResourceType.Topic, name: topic };
    if (onMock) {
      for (const call of [
        () => admin.describeConfigs([resource]),
        () => admin.alterConfigs(new Map([[resource, [{ name: 'retention.ms', value: '1000' }]]])),
        () => admin.incrementalAlterConfigs(new Map([[resource, [{ name: 'retention.ms', value: '1000' }]]])),
      ]) {
        const err = await call().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(KafkaException);
        expect((err as KafkaException).code).toBe(ErrorCode.Local_UnsupportedFeature);
      }
      return;
    }
    const describe = async () => (await admin.describeConfigs([resource]))[0].entries;
    const before = await describe();
    expect(before['retention.ms']).toMatchObject({ name: 'retention.ms', isDefault: true, isReadOnly: false, isSensitive: false });
    expect(before['cleanup.policy']).toMatchObject({ value: 'delete', isDefault: true });

    const [r] = await admin.incrementalAlterConfigs(
      new Map([[resource, [{ name: 'retention.ms', value: '3600000' }, { name: 'max.message.bytes', value: '65536' }]]]),
    );
    expect(r.configResource).toEqual(resource);
    const set = await describe();
    expect(set['retention.ms']).toMatchObject({ value: '3600000', isDefault: false, source: ConfigSource.DynamicTopicConfig });
    expect(set['max.message.bytes']).toMatchObject({ value: '65536', source: ConfigSource.DynamicTopicConfig });

    await admin.incrementalAlterConfigs(new Map([[resource, [{ name: 'max.message.bytes', value: null, incrementalOperation: AlterConfigOpType.Delete }]]]));
    const deleted = await describe();
    expect(deleted['max.message.bytes'].isDefault).toBe(true);
    expect(deleted['retention.ms'].value).toBe('3600000');

    // alterConfigs replaces the whole set: what it does not name reverts to the default.
    await admin.alterConfigs(new Map([[resource, [{ name: 'cleanup.policy', value: 'compact' }]]]));
    const replaced = await describe();
    expect(replaced['cleanup.policy']).toMatchObject({ value: 'compact', source: ConfigSource.DynamicTopicConfig });
    expect(replaced['retention.ms'].isDefault).toBe(true);

    // validateOnly changes nothing; a bad value is a per-resource error.
    await admin.incrementalAlterConfigs(new Map([[resource, [{ name: 'cleanup.policy', value: 'delete' }]]]), { validateOnly: true });
    expect((await describe())['cleanup.policy'].value).toBe('compact');
    const bad = await admin.incrementalAlterConfigs(new Map([[resource, [{ name: 'retention.ms', value: 'soon' }]]])).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(IncrementalAlterConfigsException);
    expect((bad as IncrementalAlterConfigsException).results[0].error.code).toBe(ErrorCode.InvalidConfig);

    // A broker's config; an unknown topic is a per-resource error.
    const { controller } = await admin.describeCluster();
    const [broker] = await admin.describeConfigs([{ type: ResourceType.Broker, name: String(controller!.id) }]);
    expect(broker.entries['num.io.threads']).toMatchObject({ name: 'num.io.threads' });
    const missing = await admin.describeConfigs([{ type: ResourceType.Topic, name: `missing-${randomUUID()}` }]).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(DescribeConfigsException);
    expect((missing as DescribeConfigsException).results[0].error.code).toBe(ErrorCode.UnknownTopicOrPart);
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
        expect(listed.valid.find((g) => g.groupId === group)).toMatchObject({
          state: ConsumerGroupState.Stable,
          type: ConsumerGroupType.Classic,
          isSimpleConsumerGroup: false,
        });
        const stable = await admin.listConsumerGroups({ matchStates: [ConsumerGroupState.Stable] });
        expect(stable.valid.map((g) => g.groupId)).toContain(group);
        const emptyOnly = await admin.listConsumerGroups({ matchStates: [ConsumerGroupState.Empty] });
        expect(emptyOnly.valid.map((g) => g.groupId)).not.toContain(group);
        const { consumerGroupDescriptions } = await admin.describeConsumerGroups([group]);
        const [d] = consumerGroupDescriptions;
        expect(d).toMatchObject({ groupId: group, state: ConsumerGroupState.Stable, groupType: ConsumerGroupType.Classic, partitionAssignor: 'range' });
        expect(d.coordinator).not.toBeNull();
        expect(d.error.isError).toBe(false);
        expect(d.members).toHaveLength(1);
        expect(d.members[0].consumerId).toBe(consumer.memberId);
        expect(d.members[0].assignment.topicPartitions.map((p) => p.partition).sort()).toEqual([0, 1]);
      }
    } finally {
      await consumer.close();
    }
  });

  test('a KIP-848 group: listed and described as a Consumer group with its target assignment and instance id (the mock: Local_UnsupportedFeature)', async () => {
    const topic = await cluster.topic(2);
    const group = `g-${randomUUID()}`;
    const consumer = new ConsumerBuilder({
      bootstrapServers: cluster.bootstrapServers,
      groupId: group,
      groupProtocol: GroupProtocol.Consumer,
      groupInstanceId: `${group}-1`,
    }).build();
    try {
      consumer.subscribe(topic);
      await waitFor('an assignment of both partitions', () => consumer.assignment.length === 2, 20_000, [consumer]);
      const desc = await admin.describeConsumerGroups([group]).catch((e: unknown) => e);
      if (onMock) {
        expect(desc).toBeInstanceOf(DescribeConsumerGroupsException);
        expect((desc as DescribeConsumerGroupsException).results.consumerGroupDescriptions[0].error.code).toBe(ErrorCode.Local_UnsupportedFeature);
        return;
      }
      const [d] = (desc as { consumerGroupDescriptions: ConsumerGroupDescription[] }).consumerGroupDescriptions;
      expect(d).toMatchObject({ groupId: group, groupType: ConsumerGroupType.Consumer, state: ConsumerGroupState.Stable, partitionAssignor: 'uniform' });
      expect(d.members).toHaveLength(1);
      const [m] = d.members;
      expect(m).toMatchObject({ consumerId: consumer.memberId, groupInstanceId: `${group}-1` });
      const both = [0, 1].map((partition) => ({ topic, partition }));
      expect(m.assignment.topicPartitions.sort((x, y) => x.partition - y.partition)).toEqual(both);
      expect(m.targetAssignment!.topicPartitions.sort((x, y) => x.partition - y.partition)).toEqual(both);
      const listed = await admin.listConsumerGroups({ matchTypes: [ConsumerGroupType.Consumer] });
      expect(listed.valid.find((g) => g.groupId === group)).toMatchObject({ type: ConsumerGroupType.Consumer, state: ConsumerGroupState.Stable });
      const classic = await admin.listConsumerGroups({ matchTypes: [ConsumerGroupType.Classic] });
      expect(classic.valid.map((g) => g.groupId)).not.toContain(group);
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

  test('listConsumerGroupOffsets without partitions lists every committed one (the mock: none)', async () => {
    const topic = await cluster.topic(2);
    const group = `g-${randomUUID()}`;
    await admin.alterConsumerGroupOffsets([{ group, partitions: [{ topic, partition: 0, offset: 0 }, { topic, partition: 1, offset: 0 }] }]);
    const [all] = await admin.listConsumerGroupOffsets([{ group }]);
    expect(all.group).toBe(group);
    if (onMock) expect(all.partitions).toEqual([]);
    else expect(all.partitions.map((p) => [p.topic, p.partition, p.offset]).sort()).toEqual([[topic, 0, 0], [topic, 1, 0]]);
  });

  test('deleteGroups deletes an empty group; a group with a member or none at all is a per-group error (the mock: Local_UnsupportedFeature)', async () => {
    if (onMock) {
      const err = await admin.deleteGroups(['nobody']).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DeleteGroupsException);
      expect((err as DeleteGroupsException).results).toEqual([{ group: 'nobody', error: expect.objectContaining({ code: ErrorCode.Local_UnsupportedFeature }) }]);
      return;
    }
    const topic = await cluster.topic(1);
    await produce(topic, 0, 1);
    const empty = `g-${randomUUID()}`;
    await admin.alterConsumerGroupOffsets([{ group: empty, partitions: [{ topic, partition: 0, offset: 1 }] }]);
    const busy = `g-${randomUUID()}`;
    const consumer = new ConsumerBuilder({ bootstrapServers: cluster.bootstrapServers, groupId: busy, autoOffsetReset: AutoOffsetReset.Earliest }).build();
    try {
      consumer.subscribe(topic);
      expect(await consumer.consume(15_000)).not.toBeNull();
      const unknown = `g-${randomUUID()}`;
      const err = await admin.deleteGroups([empty, busy, unknown]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DeleteGroupsException);
      const byGroup = new Map((err as DeleteGroupsException).results.map((r) => [r.group, r.error.code]));
      expect(byGroup.get(empty)).toBe(ErrorCode.NoError);
      expect(byGroup.get(busy)).toBe(ErrorCode.NonEmptyGroup);
      expect(byGroup.get(unknown)).toBe(ErrorCode.GroupIdNotFound);
    } finally {
      await consumer.close();
    }
    // The deleted group's offsets are gone; the other group, now empty, can be deleted.
    const [gone] = await admin.listConsumerGroupOffsets([{ group: empty, partitions: [{ topic, partition: 0 }] }]);
    expect(gone.partitions[0].offset).toBe(-1001);
    await admin.deleteGroups([busy]);
    const listed = await admin.listConsumerGroups();
    expect(listed.valid.map((g) => g.groupId)).not.toContain(busy);
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
