import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  AutoOffsetReset,
  ConsumerBuilder,
  Deserializers,
  ErrorCode,
  IsolationLevel,
  KafkaException,
  ProducerBuilder,
  type ConsumeResult,
  type IConsumer,
} from '../../src/index';
import { startCluster, type TestCluster } from '../helpers/cluster';

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
// ranges, and its TxnOffsetCommit does not store offsets: those two checks need a real cluster.
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
  expect(values.filter((v) => v!.startsWith('c'))).toEqual(['c1', 'c2', 'c3']);
  if (real()) expect(values).toEqual(['c1', 'c2', 'c3']);
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
  if (real()) {
    const committed = await consumer.committed([{ topic: input, partition: 0 }], 10_000);
    expect(committed[0].offset).toBe(3);
  }
  await producer.close();
  await consumer.close();

  const reader = readCommitted(`r-${output}`);
  reader.subscribe(output);
  expect((await drain(reader)).map((r) => r.message!.value)).toEqual(['M0', 'M1', 'M2']);
  await reader.close();
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
