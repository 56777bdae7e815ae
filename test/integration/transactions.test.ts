import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  AutoOffsetReset,
  ConsumerBuilder,
  Deserializers,
  ErrorCode,
  IsolationLevel,
  KafkaException,
  Offset,
  ProducerBuilder,
  type ConsumeResult,
  type KafkaError,
  type IConsumer,
} from '../../src/index';
import { startCluster, type TestCluster } from '../helpers/cluster';
import { waitFor } from '../helpers/consumer';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(async () => {
  await cluster?.close();
});

async function drain(consumer: IConsumer<Buffer | null, string | null>, idleMs = 1500): Promise<ConsumeResult<Buffer | null, string | null>[]> {
  const out: ConsumeResult<Buffer | null, string | null>[] = [];
  for (;;) {
    const r = await consumer.consume(idleMs);
    if (!r) return out;
    if (!r.isPartitionEOF) out.push(r);
  }
}

function readCommitted(groupId: string) {
  return new ConsumerBuilder({
    bootstrapServers: cluster.bootstrapServers,
    groupId,
    autoOffsetReset: AutoOffsetReset.Earliest,
    isolationLevel: IsolationLevel.ReadCommitted,
  })
    .setValueDeserializer(Deserializers.Utf8)
    .build();
}

// librdkafka's mock cluster writes the abort marker but its Fetch does not filter aborted
// ranges, its TxnOffsetCommit does not store offsets and it fences no zombie: on the mock
// these tests assert those documented differences, on a real cluster the real behaviour.
const real = () => !cluster.mock;

test('committed transactions are visible to read_committed consumers, aborted ones are not', async () => {
  const topic = await cluster.topic(1, 'txn');
  const producer = new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers, transactionalId: `tx-${topic}` }).build();
  await producer.initTransactions(10_000);

  producer.beginTransaction();
  await Promise.all(['a1', 'a2'].map((v) => producer.produceAsync(topic, { value: v })));
  await producer.abortTransaction();

  producer.beginTransaction();
  for (const v of ['c1', 'c2', 'c3']) producer.produce(topic, { value: v });
  await producer.commitTransaction(); // flushes first
  await producer.close();

  const consumer = readCommitted(`g-${topic}`);
  consumer.subscribe(topic);
  const values = (await drain(consumer)).map((r) => r.message!.value);
  await consumer.close();
  // The mock does not filter aborted records out for read_committed (MockCluster documents it).
  expect(values).toEqual(real() ? ['c1', 'c2', 'c3'] : ['a1', 'a2', 'c1', 'c2', 'c3']);
});

test('sendOffsetsToTransaction commits consumed offsets atomically with the output (consume-transform-produce)', async () => {
  const input = await cluster.topic(1, 'txin');
  const output = await cluster.topic(1, 'txout');
  const seed = new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers }).build();
  for (let i = 0; i < 5; i++) seed.produce(input, { value: `m${i}` });
  expect(await seed.flush(10_000)).toBe(0);
  await seed.close();

  const group = `g-${input}`;
  const consumer = new ConsumerBuilder({
    bootstrapServers: cluster.bootstrapServers,
    groupId: group,
    autoOffsetReset: AutoOffsetReset.Earliest,
    enableAutoCommit: false,
  })
    .setValueDeserializer(Deserializers.Utf8)
    .build();
  consumer.subscribe(input);
  const producer = new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers, transactionalId: `tx-${input}` }).build();
  await producer.initTransactions(10_000);
  producer.beginTransaction();
  let last: ConsumeResult<Buffer | null, string | null> | null = null;
  for (let i = 0; i < 3; i++) {
    last = await consumer.consume(10_000);
    expect(last).not.toBeNull();
    producer.produce(output, { value: last!.message!.value!.toUpperCase() });
  }
  await producer.sendOffsetsToTransaction(
    [{ topic: input, partition: last!.partition, offset: last!.offset + 1 }],
    consumer.consumerGroupMetadata,
    10_000,
  );
  await producer.commitTransaction(10_000);
  // The group's committed offset is the one sent with the transaction (the mock's
  // TxnOffsetCommit stores nothing: MockCluster documents it).
  const committed = await consumer.committed([{ topic: input, partition: 0 }], 10_000);
  expect(committed[0].offset).toBe(real() ? 3 : Offset.Unset);
  await producer.close();
  await consumer.close();

  const reader = readCommitted(`r-${output}`);
  reader.subscribe(output);
  expect((await drain(reader)).map((r) => r.message!.value)).toEqual(['M0', 'M1', 'M2']);
  await reader.close();
});

test('zombie fencing: a new producer with the same transactionalId fences the old one, whose open transaction is aborted', async () => {
  const topic = await cluster.topic(1, 'fence');
  const transactionalId = `tx-${topic}`;
  const heard: KafkaError[] = [];
  const zombie = new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers, transactionalId })
    .setErrorHandler((_p, e) => heard.push(e))
    .setLogHandler(() => {})
    .build();
  const fresh = new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers, transactionalId }).build();
  try {
    await zombie.initTransactions(10_000);
    zombie.beginTransaction();
    await zombie.produceAsync(topic, { value: 'zombie' });

    // The new instance takes over the transactional id: the coordinator bumps the epoch
    // and aborts the zombie's open transaction.
    await fresh.initTransactions(30_000);
    fresh.beginTransaction();
    await fresh.produceAsync(topic, { value: 'fresh' });
    await fresh.commitTransaction(10_000);

    const err = await zombie.commitTransaction(10_000).catch((e: unknown) => e);
    if (!real()) {
      // The mock hands every InitProducerId a new producer id and fences nobody: the
      // zombie's transaction commits (MockCluster documents this).
      expect(err).toBeUndefined();
    } else {
      expect(err).toBeInstanceOf(KafkaException);
      const ke = (err as KafkaException).error;
      expect(ke.isFatal).toBe(true);
      // librdkafka turns the broker's ProducerFenced into its fatal Local_Fenced
      expect(ke.code).toBe(ErrorCode.Local_Fenced);
      expect(ke.reason).toMatch(/fenced by a newer instance/);
      // The error handler heard of the fatal error too, and the zombie cannot go on.
      await waitFor('the fatal error at the error handler', () => heard.some((e) => e.isFatal));
      expect(() => zombie.beginTransaction()).toThrow(KafkaException);
    }
  } finally {
    await zombie.close({ timeoutMs: 0 }).catch(() => {});
    await fresh.close();
  }

  const reader = readCommitted(`r-${topic}`);
  reader.subscribe(topic);
  const values = (await drain(reader)).map((r) => r.message!.value);
  await reader.close();
  expect(values).toEqual(real() ? ['fresh'] : ['zombie', 'fresh']);
});

test('transactional misuse fails with a KafkaException, not a crash', async () => {
  const producer = new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers }).build();
  // No transactionalId: librdkafka refuses.
  const e = await producer.initTransactions(1000).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(KafkaException);
  expect((e as KafkaException).error.code).toBe(ErrorCode.Local_NotConfigured);
  expect(() => producer.beginTransaction()).toThrow(KafkaException);
  await expect(producer.initTransactions(-1)).rejects.toThrow(TypeError);
  await producer.close();
  await expect(producer.commitTransaction()).rejects.toThrow(/closed/);
});
