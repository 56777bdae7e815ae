/**
 * Producer integration tests: every semantic of issue 2 §7 (delivery reports, produceAsync,
 * backpressure, partitioners, close, handlers, config, secrets, argument checks, message size),
 * plus codecs, headers and timestamps, acks, the idempotent producer under injected errors and
 * a broker going down and up, and Library.
 *
 * Against the embedded MockCluster by default; against a real cluster when
 * KAFKA_BOOTSTRAP_SERVERS is set, where the tests that need the mock's controls (broker down,
 * injected errors) are skipped.
 */
import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  Acks,
  AdminClientBuilder,
  AutoOffsetReset,
  CompressionType,
  ConsumerBuilder,
  ErrorCode,
  Headers,
  KafkaError,
  KafkaException,
  Library,
  MockCluster,
  Offset,
  Partitioner,
  PersistenceStatus,
  ProduceException,
  ProducerBuilder,
  SaslMechanism,
  SecurityProtocol,
  Serializers,
  TimestampType,
  type ConsumeResult,
  type DeliveryReport,
  type DeliveryResult,
  type IProducer,
  type LogMessage,
  type ProducerConfig,
  type Statistics,
} from '../../src/index';
import { native, type Dispatch } from '../../src/binding';
import { realBootstrap, startCluster, type TestCluster } from '../helpers/cluster';

type Bytes = string | Buffer | null;
type P = IProducer<Bytes, Bytes>;

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(async () => {
  await closeAll();
  await cluster?.close();
});

/** Tests that need MockCluster controls (broker down/up, injected errors). */
const itMock = it.skipIf(realBootstrap !== undefined);

// Reconnect fast after a broker comes back; give up on a dead connection quickly.
const FAST: ProducerConfig = { reconnectBackoffMs: 10, reconnectBackoffMaxMs: 50, socketConnectionSetupTimeoutMs: 1000 };

/**
 * The mock answers every Produce with LogAppendTime 1234 (rdkafka_mock_handlers.c), which
 * librdkafka then reports as the delivered message's timestamp; a real broker answers -1 for
 * CreateTime topics and the report carries the message's own timestamp.
 */
const MOCK_DELIVERY_TIMESTAMP = { type: TimestampType.LogAppendTime, unixTimestampMs: 1234 };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const macrotask = () => new Promise<void>((r) => setImmediate(r));

interface Hooks<K = Bytes, V = Bytes> {
  error?: (p: IProducer<K, V>, e: KafkaError) => void;
  log?: (p: IProducer<K, V>, l: LogMessage) => void;
  stats?: (p: IProducer<K, V>, stats: Statistics, json: string) => void;
}

const live: Array<IProducer<unknown, unknown>> = [];
afterEach(closeAll);
async function closeAll(): Promise<void> {
  await Promise.all(live.splice(0).map((p) => p.close({ timeoutMs: 0 }).catch(() => {})));
}

/** A producer on the test cluster (or `bootstrapServers` in `config`), closed after the test. */
function producer(config: ProducerConfig = {}, hooks: Hooks = {}): P {
  const b = new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers, ...config });
  // Quiet: connection failures are expected in several tests.
  b.setLogHandler(hooks.log ?? (() => {}));
  if (hooks.error) b.setErrorHandler(hooks.error);
  if (hooks.stats) b.setStatisticsHandler(hooks.stats);
  const p = b.build();
  live.push(p as IProducer<unknown, unknown>);
  return p;
}

/** A one-broker MockCluster of the test's own, so taking its broker down affects no other test. */
async function withSoloMock(fn: (mc: MockCluster, topic: string) => Promise<void>): Promise<void> {
  const mc = new MockCluster({ brokers: 1 });
  const topic = `solo-${randomUUID()}`;
  mc.createTopic(topic, 1);
  try {
    await fn(mc, topic);
  } finally {
    await closeAll();
    await mc.close();
  }
}

/** Records every call native code makes into the dispatcher of clients built meanwhile. */
function spyOnDispatch<T>(build: () => T): { client: T; calls: Array<{ kind: number; count?: number; at: number }> } {
  const calls: Array<{ kind: number; count?: number; at: number }> = [];
  const binding = native as { Client: unknown };
  const Original = native.Client;
  binding.Client = function (type: 0 | 1, config: Record<string, string>, dispatch: Dispatch) {
    return new Original(type, config, (kind, a, b, c) => {
      calls.push({ kind, count: kind === 1 ? (b as number) : undefined, at: Date.now() });
      dispatch(kind, a, b, c);
    });
  };
  try {
    return { client: build(), calls };
  } finally {
    binding.Client = Original;
  }
}
const EV_DELIVERY = 1;

/** Resolves with the first delivery report of `produce` (rejecting on a synchronous throw). */
function produceReport(p: P, topic: string | { topic: string; partition: number }, message: { key?: Bytes; value: Bytes }) {
  return new Promise<DeliveryReport<Bytes, Bytes>>((resolve) => p.produce(topic, message, resolve));
}

async function waitUntil(what: string, cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Reads `count` messages back from the given partitions, from the beginning. */
async function readBack(topic: string, partitions: number[], count: number, timeoutMs = 20_000): Promise<ConsumeResult<Buffer | null, Buffer | null>[]> {
  const consumer = new ConsumerBuilder({
    bootstrapServers: cluster.bootstrapServers,
    groupId: `rb-${randomUUID()}`,
    autoOffsetReset: AutoOffsetReset.Earliest,
    enableAutoCommit: false,
  }).setLogHandler(() => {}).build();
  try {
    consumer.assign(partitions.map((partition) => ({ topic, partition, offset: Offset.Beginning })));
    const out: ConsumeResult<Buffer | null, Buffer | null>[] = [];
    const deadline = Date.now() + timeoutMs;
    while (out.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`read back ${out.length} of ${count} messages`);
      for (const r of await consumer.consumeBatch(count - out.length, left)) if (!r.isPartitionEOF) out.push(r);
    }
    return out;
  } finally {
    // unassign() first: consumer.close() after a manual assign() does not settle otherwise (consumer bug, reported).
    consumer.unassign();
    await consumer.close();
  }
}

/**
 * The partition count of a topic: known on the mock; read from the metadata on a real cluster
 * (not probed by producing, which would add records to the topic under test).
 */
async function partitionCount(topic: string, mockCount: number): Promise<number> {
  if (cluster.mock) return mockCount;
  const admin = new AdminClientBuilder({ bootstrapServers: cluster.bootstrapServers }).build();
  try {
    return (await admin.getMetadata(10_000, topic)).topics[0].partitions.length;
  } finally {
    await admin.close();
  }
}

/** Kafka's Java client murmur2 (org.apache.kafka.common.utils.Utils.murmur2), seed 0x9747b28c. */
function javaMurmur2(data: Uint8Array): number {
  const length = data.length;
  const m = 0x5bd1e995;
  const r = 24;
  let h = (0x9747b28c ^ length) | 0;
  const length4 = length >> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = data[i4] | (data[i4 + 1] << 8) | (data[i4 + 2] << 16) | (data[i4 + 3] << 24);
    k = Math.imul(k, m);
    k ^= k >>> r;
    k = Math.imul(k, m);
    h = Math.imul(h, m);
    h ^= k;
  }
  const rest = length & 3;
  const base = length & ~3;
  if (rest === 3) h ^= data[base + 2] << 16;
  if (rest >= 2) h ^= data[base + 1] << 8;
  if (rest >= 1) {
    h ^= data[base];
    h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
}
/** The Java client's DefaultPartitioner / BuiltInPartitioner for a keyed record. */
const javaPartition = (key: Uint8Array, partitions: number) => (javaMurmur2(key) & 0x7fffffff) % partitions;

// ---------------------------------------------------------------------------------------------

describe('delivery reports', () => {
  it('arrive on the JS thread after produce() returned, several per native call (batched)', async () => {
    const topic = await cluster.topic(1);
    const { client: p, calls } = spyOnDispatch(() => producer({ lingerMs: 50 }));
    const N = 500;
    let inProduce = false;
    let reentered = 0;
    let depth = 0;
    const threads = new Set<boolean>();
    // Handler invocations per macrotask: reports of one wake-up run back to back.
    const perTask: number[] = [];
    let current = 0;
    let delivered = 0;
    await new Promise<void>((resolve) => {
      const handler = (r: DeliveryReport<Bytes, Bytes>) => {
        expect(r.error.isError).toBe(false);
        if (inProduce || depth > 0) reentered++;
        depth++;
        threads.add(isMainThread);
        if (current++ === 0) setImmediate(() => {
          perTask.push(current);
          current = 0;
        });
        if (++delivered === N) resolve();
        depth--;
      };
      for (let i = 0; i < N; i++) {
        inProduce = true;
        p.produce(topic, { value: `v${i}` }, handler);
        inProduce = false;
      }
    });
    await macrotask();
    expect(reentered).toBe(0);
    expect([...threads]).toEqual([true]);
    const deliveryCalls = calls.filter((c) => c.kind === EV_DELIVERY);
    expect(deliveryCalls.reduce((s, c) => s + c.count!, 0)).toBe(N);
    expect(deliveryCalls.length).toBeLessThan(N);
    expect(Math.max(...deliveryCalls.map((c) => c.count!))).toBeGreaterThan(1);
    expect(perTask.reduce((s, n) => s + n, 0)).toBe(N);
    expect(perTask.length).toBeLessThan(N);
    expect(Math.max(...perTask)).toBeGreaterThan(1);
  });

  it('arrive in per-partition order: offsets strictly increase per partition in handler order', async () => {
    // (Produce order too, as nothing is retried here: without idempotence a retried batch,
    // e.g. after NotLeaderForPartition, may land behind later ones.)
    const topic = await cluster.topic(4);
    const p = producer({ lingerMs: 2, batchNumMessages: 50 });
    const N = 4000;
    const byPartition = new Map<number, Array<{ offset: number; seq: number }>>();
    await new Promise<void>((resolve, reject) => {
      let n = 0;
      for (let i = 0; i < N; i++) {
        p.produce(topic, { key: `key-${i % 32}`, value: String(i) }, (r) => {
          if (r.error.isError) reject(new Error(r.error.reason));
          const list = byPartition.get(r.partition) ?? [];
          list.push({ offset: r.offset, seq: Number(r.value) });
          byPartition.set(r.partition, list);
          if (++n === N) resolve();
        });
      }
    });
    if (cluster.mock) expect(byPartition.size).toBeGreaterThan(1);
    for (const list of byPartition.values()) {
      for (let i = 1; i < list.length; i++) {
        expect(list[i].offset).toBeGreaterThan(list[i - 1].offset);
        expect(list[i].seq).toBeGreaterThan(list[i - 1].seq); // the order they were produced in
      }
    }
  });

  it('produceAsync results settle in per-partition order too', async () => {
    const topic = await cluster.topic(3);
    const p = producer({ lingerMs: 2, batchNumMessages: 50 });
    const order: DeliveryResult<Bytes, Bytes>[] = [];
    await Promise.all(
      Array.from({ length: 1500 }, (_, i) => p.produceAsync(topic, { key: `k${i % 10}`, value: String(i) }).then((r) => order.push(r))),
    );
    const last = new Map<number, { offset: number; seq: number }>();
    for (const r of order) {
      const prev = last.get(r.partition);
      if (prev) {
        expect(r.offset).toBeGreaterThan(prev.offset);
        expect(Number(r.value)).toBeGreaterThan(prev.seq);
      }
      last.set(r.partition, { offset: r.offset, seq: Number(r.value) });
    }
  });

  it("produce's handler gets a DeliveryReport whose error.isError tells success from failure", async () => {
    const topic = await cluster.topic(3);
    const p = producer();
    const ok = await produceReport(p, topic, { key: 'k', value: 'v' });
    expect(ok.error).toBeInstanceOf(KafkaError);
    expect(ok.error.isError).toBe(false);
    expect(ok.error.code).toBe(ErrorCode.NoError);
    expect(ok.status).toBe(PersistenceStatus.Persisted);
    expect(ok.offset).toBeGreaterThanOrEqual(0);
    expect(ok.topic).toBe(topic);
    expect(ok.key).toBe('k');
    expect(ok.value).toBe('v');

    // A partition that does not exist. A fresh producer does not know the partition count yet,
    // so the message is accepted and fails in its report...
    const fresh = producer();
    const bad = await produceReport(fresh, { topic, partition: 97 }, { value: 'x' });
    expect(bad.error.isError).toBe(true);
    expect(bad.error.code).toBe(ErrorCode.Local_UnknownPartition);
    expect(bad.status).toBe(PersistenceStatus.NotPersisted);
    expect(bad.offset).toBe(Offset.Unset);
    expect(bad.value).toBe('x');
    // ...and once the count is known, produce refuses it at once.
    let thrown: unknown;
    try {
      fresh.produce({ topic, partition: 97 }, { value: 'y' }, () => expect.unreachable('no report after a throw'));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ProduceException);
    expect((thrown as ProduceException<Bytes, Bytes>).error.code).toBe(ErrorCode.Local_UnknownPartition);
    expect((thrown as ProduceException<Bytes, Bytes>).deliveryResult.value).toBe('y');
    await fresh.flush();
  });

  itMock('a message that cannot be delivered in messageTimeoutMs gets an error report (Local_MsgTimedOut)', async () => {
    await withSoloMock(async (mc, topic) => {
      mc.setBrokerDown(1);
      const p = producer({ bootstrapServers: mc.bootstrapServers, messageTimeoutMs: 300, ...FAST });
      const report = await produceReport(p, topic, { value: 'late' });
      expect(report.error.isError).toBe(true);
      expect(report.error.code).toBe(ErrorCode.Local_MsgTimedOut);
      expect(report.status).toBe(PersistenceStatus.NotPersisted);
      const err = await p.produceAsync(topic, { value: 'late too' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProduceException);
      expect((err as ProduceException<Bytes, Bytes>).error.code).toBe(ErrorCode.Local_MsgTimedOut);
    });
  });
});

describe('produceAsync', () => {
  it('resolves with a DeliveryResult: topic, partition, offset, Persisted, timestamp, the message', async () => {
    const topic = await cluster.topic(3);
    const p = new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers })
      .setKeySerializer(Serializers.Utf8)
      .setValueSerializer(Serializers.Int32)
      .build();
    live.push(p as IProducer<unknown, unknown>);
    const headers = new Headers().add('h', 'x');
    const before = Date.now();
    const message = { key: 'key-1', value: 42, headers };
    const r = await p.produceAsync(topic, message);
    expect(r.topic).toBe(topic);
    expect(r.partition).toBeGreaterThanOrEqual(0);
    expect(r.partition).toBeLessThan(await partitionCount(topic, 3));
    expect(r.offset).toBeGreaterThanOrEqual(0);
    expect(r.status).toBe(PersistenceStatus.Persisted);
    if (cluster.mock) {
      expect(r.timestamp).toEqual(MOCK_DELIVERY_TIMESTAMP);
    } else {
      expect(r.timestamp.type).toBe(TimestampType.CreateTime);
      expect(r.timestamp.unixTimestampMs).toBeGreaterThanOrEqual(before - 1000);
      expect(r.timestamp.unixTimestampMs).toBeLessThanOrEqual(Date.now() + 1000);
    }
    expect(r.key).toBe('key-1');
    expect(r.value).toBe(42); // the value as given, not its bytes
    expect(r.headers?.getLastBytes('h')?.toString()).toBe('x');
    expect(r.message).toBe(message);
    expect(r.topicPartitionOffset).toEqual({ topic, partition: r.partition, offset: r.offset });
    // The next message to that partition gets the next offset.
    const next = await p.produceAsync({ topic, partition: r.partition }, { key: 'key-2', value: 43 });
    expect(next.partition).toBe(r.partition);
    expect(next.offset).toBe(r.offset + 1);
  });

  it('rejects with a ProduceException carrying the DeliveryResult', async () => {
    const topic = await cluster.topic(3);
    const p = producer();
    const err = await p.produceAsync({ topic, partition: 97 }, { key: 'k', value: 'v' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProduceException);
    expect(err).toBeInstanceOf(KafkaException);
    const pe = err as ProduceException<Bytes, Bytes>;
    expect(pe.error.code).toBe(ErrorCode.Local_UnknownPartition);
    expect(pe.message).toBe(pe.error.reason);
    expect(pe.deliveryResult.topic).toBe(topic);
    expect(pe.deliveryResult.partition).toBe(97);
    expect(pe.deliveryResult.offset).toBe(Offset.Unset);
    expect(pe.deliveryResult.status).toBe(PersistenceStatus.NotPersisted);
    expect(pe.deliveryResult.key).toBe('k');
    expect(pe.deliveryResult.value).toBe('v');
  });
});

describe('backpressure', () => {
  itMock('a full local queue: produce throws ProduceException(Local_QueueFull), produceAsync waits for room', async () => {
    await withSoloMock(async (mc, topic) => {
      mc.setBrokerDown(1);
      const p = producer({ bootstrapServers: mc.bootstrapServers, queueBufferingMaxMessages: 10, messageTimeoutMs: 20_000, lingerMs: 0, ...FAST });
      const reports: DeliveryReport<Bytes, Bytes>[] = [];
      for (let i = 0; i < 10; i++) p.produce(topic, { value: `s${i}` }, (r) => reports.push(r));

      let thrown: unknown;
      try {
        p.produce(topic, { value: 'overflow' }, () => expect.unreachable('a refused message gets no report'));
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(ProduceException);
      expect((thrown as ProduceException<Bytes, Bytes>).error.code).toBe(ErrorCode.Local_QueueFull);
      expect((thrown as ProduceException<Bytes, Bytes>).deliveryResult.value).toBe('overflow');

      // produceAsync does not throw or reject: it waits, in call order.
      const settled: string[] = [];
      const asyncs = Array.from({ length: 30 }, (_, i) =>
        p.produceAsync(topic, { value: `a${i}` }).then(
          (r) => (settled.push('ok'), r),
          (e: unknown) => (settled.push('rejected'), Promise.reject(e)),
        ),
      );
      await sleep(300);
      expect(settled).toEqual([]);

      mc.setBrokerUp(1);
      const results = await Promise.all(asyncs);
      expect(results.map((r) => r.value)).toEqual(Array.from({ length: 30 }, (_, i) => `a${i}`));
      for (let i = 1; i < results.length; i++) expect(results[i].offset).toBeGreaterThan(results[i - 1].offset);
      expect(await p.flush(10_000)).toBe(0);
      expect(reports.map((r) => r.error.code)).toEqual(Array(10).fill(ErrorCode.NoError));
      expect(results[0].offset).toBeGreaterThan(Math.max(...reports.map((r) => r.offset)));
    });
  });
});

describe('backpressure and flush/close', () => {
  itMock('flush() also waits for produceAsync calls that are waiting for room', async () => {
    await withSoloMock(async (mc, topic) => {
      mc.setBrokerDown(1);
      const p = producer({ bootstrapServers: mc.bootstrapServers, queueBufferingMaxMessages: 10, messageTimeoutMs: 20_000, ...FAST });
      const settled: number[] = [];
      const asyncs = Array.from({ length: 35 }, (_, i) => p.produceAsync(topic, { value: `a${i}` }).then(() => settled.push(i)));
      const flushed = p.flush();
      expect(await p.flush(100)).toBe(35); // all of them count as outstanding
      mc.setBrokerUp(1);
      expect(await flushed).toBe(0);
      expect(settled).toHaveLength(35);
      await Promise.all(asyncs);
    });
  });

  itMock('close() rejects produceAsync calls still waiting for room with ProduceException', async () => {
    await withSoloMock(async (mc, topic) => {
      mc.setBrokerDown(1);
      const p = producer({ bootstrapServers: mc.bootstrapServers, queueBufferingMaxMessages: 5, messageTimeoutMs: 60_000, ...FAST });
      const all = Array.from({ length: 15 }, (_, i) => p.produceAsync(topic, { value: `a${i}` }).catch((e: unknown) => e));
      await p.close({ timeoutMs: 100 });
      const errors = await Promise.all(all);
      errors.forEach((e, i) => {
        expect(e).toBeInstanceOf(ProduceException);
        expect((e as ProduceException<Bytes, Bytes>).deliveryResult.value).toBe(`a${i}`);
      });
    });
  });
});

describe('partitioners', () => {
  for (const partitioner of [Partitioner.Consistent, Partitioner.Murmur2]) {
    it(`${Partitioner[partitioner]}: null keys all go to one partition`, async () => {
      const topic = await cluster.topic(6);
      const p = producer({ partitioner, stickyPartitioningLingerMs: 0 });
      const results = await Promise.all(Array.from({ length: 60 }, (_, i) => p.produceAsync(topic, { key: null, value: `v${i}` })));
      expect(new Set(results.map((r) => r.partition)).size).toBe(1);
    });
  }

  for (const partitioner of [Partitioner.ConsistentRandom, Partitioner.Murmur2Random, Partitioner.Random]) {
    it(`${Partitioner[partitioner]}: null keys are spread`, async (ctx) => {
      const topic = await cluster.topic(6);
      if ((await partitionCount(topic, 6)) < 2) ctx.skip();
      const p = producer({ partitioner, stickyPartitioningLingerMs: 0 });
      const results = await Promise.all(Array.from({ length: 200 }, (_, i) => p.produceAsync(topic, { key: null, value: `v${i}` })));
      expect(new Set(results.map((r) => r.partition)).size).toBeGreaterThan(1);
    });
  }

  it('the test murmur2 is the Java client one (its own test vectors)', () => {
    // org.apache.kafka.common.utils.UtilsTest#testMurmur2
    const cases: Array<[string, number]> = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829],
      ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
      ['abc', 479470107],
    ];
    for (const [s, h] of cases) expect(javaMurmur2(Buffer.from(s))).toBe(h);
  });

  for (const partitioner of [Partitioner.Murmur2, Partitioner.Murmur2Random]) {
    it(`${Partitioner[partitioner]}: keyed placement equals the Java client's`, async () => {
      const topic = await cluster.topic(7);
      const n = await partitionCount(topic, 7);
      const p = new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers, partitioner })
        .setKeySerializer(Serializers.ByteArray)
        .setLogHandler(() => {})
        .build();
      live.push(p as IProducer<unknown, unknown>);
      const keys: Buffer[] = [Buffer.alloc(0), Buffer.from('ключ-é-🙂'), Buffer.from([0xff, 0x80, 0x00, 0x7f, 0x01])];
      for (let i = 0; i < 300; i++) keys.push(Buffer.from(`key-${i}-${'x'.repeat(i % 9)}`));
      const results = await Promise.all(keys.map((key) => p.produceAsync(topic, { key, value: 'v' })));
      const expected = keys.map((k) => javaPartition(k, n));
      expect(results.map((r) => r.partition)).toEqual(expected);
      if (n > 1) expect(new Set(expected).size).toBeGreaterThan(1);
    });
  }
});

describe('flush and close', () => {
  it('flush() resolves 0 once every outstanding message is delivered (reports first)', async () => {
    const topic = await cluster.topic(2);
    const p = producer({ lingerMs: 100 });
    expect(await p.flush()).toBe(0);
    let reports = 0;
    for (let i = 0; i < 200; i++) p.produce(topic, { value: `v${i}` }, () => reports++);
    expect(await p.flush()).toBe(0);
    expect(reports).toBe(200);
  });

  it('flush() and close() do not wait for linger.ms (librdkafka flush semantics)', async () => {
    const topic = await cluster.topic(2);
    const p = producer({ lingerMs: 60_000 });
    const reports: DeliveryReport<Bytes, Bytes>[] = [];
    for (let i = 0; i < 10; i++) p.produce(topic, { value: `f${i}` }, (r) => reports.push(r));
    // Far below linger.ms: only a flush that overrides linger delivers them in time.
    expect(await p.flush(5_000)).toBe(0);
    expect(reports.map((r) => r.error.code)).toEqual(Array(10).fill(ErrorCode.NoError));
    const asyncs = Array.from({ length: 10 }, (_, i) => p.produceAsync(topic, { value: `c${i}` }));
    await p.close({ timeoutMs: 5_000 });
    for (const r of await Promise.all(asyncs)) expect(r.status).toBe(PersistenceStatus.Persisted);
  });

  itMock('flush(timeoutMs) resolves with the number still outstanding', async () => {
    await withSoloMock(async (mc, topic) => {
      mc.setBrokerDown(1);
      const p = producer({ bootstrapServers: mc.bootstrapServers, messageTimeoutMs: 60_000, ...FAST });
      for (let i = 0; i < 5; i++) p.produce(topic, { value: `v${i}` });
      expect(await p.flush(100)).toBe(5);
      mc.setBrokerUp(1);
      expect(await p.flush(15_000)).toBe(0);
    });
  });

  it('close() flushes outstanding messages before destroying', async () => {
    const topic = await cluster.topic(2);
    const p = producer({ lingerMs: 300 });
    const reports: DeliveryReport<Bytes, Bytes>[] = [];
    for (let i = 0; i < 100; i++) p.produce(topic, { value: `v${i}` }, (r) => reports.push(r));
    const asyncs = Array.from({ length: 50 }, (_, i) => p.produceAsync(topic, { value: `a${i}` }));
    await p.close();
    expect(reports).toHaveLength(100);
    expect(reports.filter((r) => r.error.isError)).toEqual([]);
    for (const r of await Promise.all(asyncs)) expect(r.status).toBe(PersistenceStatus.Persisted);
  });

  itMock('close({ timeoutMs }) fails what is still undelivered with ProduceException, within the timeout', async () => {
    await withSoloMock(async (mc, topic) => {
      const p = producer({ bootstrapServers: mc.bootstrapServers, messageTimeoutMs: 120_000, ...FAST });
      await p.produceAsync(topic, { value: 'connected' });
      mc.setBrokerDown(1);
      const reports: DeliveryReport<Bytes, Bytes>[] = [];
      for (let i = 0; i < 20; i++) p.produce(topic, { value: `h${i}` }, (r) => reports.push(r));
      const asyncs = Array.from({ length: 20 }, (_, i) => p.produceAsync(topic, { value: `a${i}` }).catch((e: unknown) => e));
      const started = Date.now();
      await p.close({ timeoutMs: 300 });
      // Bounded by the timeout (plus the purge), nowhere near messageTimeoutMs.
      expect(Date.now() - started).toBeLessThan(10_000);
      const failures = [ErrorCode.Local_PurgeQueue, ErrorCode.Local_PurgeInflight, ErrorCode.Local_MsgTimedOut];
      expect(reports).toHaveLength(20);
      for (const r of reports) {
        expect(r.error.isError).toBe(true);
        expect(failures).toContain(r.error.code);
      }
      const errors = await Promise.all(asyncs);
      errors.forEach((e, i) => {
        expect(e).toBeInstanceOf(ProduceException);
        const pe = e as ProduceException<Bytes, Bytes>;
        expect(failures).toContain(pe.error.code);
        expect(pe.deliveryResult.value).toBe(`a${i}`);
      });
    });
  });

  it('close() is idempotent: every call returns the same promise', async () => {
    const p = producer();
    const a = p.close();
    const b = p.close({ timeoutMs: 5 });
    const c = p[Symbol.asyncDispose]();
    expect(b).toBe(a);
    expect(c).toBe(a);
    await expect(Promise.all([a, b, c])).resolves.toEqual([undefined, undefined, undefined]);
    expect(p.close()).toBe(a);
  });

  it('after close() every call throws a KafkaException (Local_Destroy), from the moment close() is called', async () => {
    const topic = await cluster.topic(1);
    const p = producer();
    await p.produceAsync(topic, { value: 'before' });
    const closing = p.close();
    const check = async () => {
      const expectDestroyed = (e: unknown) => {
        expect(e).toBeInstanceOf(KafkaException);
        expect((e as KafkaException).error.code).toBe(ErrorCode.Local_Destroy);
        expect((e as KafkaException).message).toMatch(/closed/);
      };
      let n = 0;
      for (const call of [
        () => p.produce(topic, { value: 'x' }),
        () => p.produce(topic, { value: 'x' }, () => {}),
      ]) {
        try {
          call();
        } catch (e) {
          expectDestroyed(e);
          n++;
        }
      }
      expect(n).toBe(2);
      // Promise-returning methods reject rather than throw.
      expectDestroyed(await p.produceAsync(topic, { value: 'x' }).catch((e: unknown) => e));
      expectDestroyed(await p.flush().catch((e: unknown) => e));
      expectDestroyed(await p.flush(10).catch((e: unknown) => e));
      expect(typeof p.name).toBe('string');
    };
    await check(); // while closing
    await closing;
    await check(); // closed
  });

  it('no handler and no native dispatch runs after close() resolved', async () => {
    const topic = await cluster.topic(2);
    let events = 0;
    const { client: p, calls } = spyOnDispatch(() =>
      producer(
        { statisticsIntervalMs: 10, debug: 'broker,topic,msg', lingerMs: 20 },
        { error: () => events++, log: () => events++, stats: () => events++ },
      ),
    );
    for (let i = 0; i < 100; i++) p.produce(topic, { value: `v${i}` }, () => events++);
    const asyncs = Array.from({ length: 20 }, () => p.produceAsync(topic, { value: 'a' }).then(() => events++));
    await waitUntil('statistics and logs', () => events > 130);
    await p.close();
    await Promise.all(asyncs);
    const afterClose = { events, calls: calls.length };
    await sleep(200);
    expect({ events, calls: calls.length }).toEqual(afterClose);
  });

  it('close() from inside a delivery handler works', async () => {
    const topic = await cluster.topic(1);
    const p = producer();
    let closed: Promise<void> | undefined;
    const seen: number[] = [];
    await new Promise<void>((resolve) => {
      for (let i = 0; i < 10; i++) {
        p.produce(topic, { value: `v${i}` }, () => {
          seen.push(i);
          closed ??= p.close();
          if (seen.length === 10) resolve();
        });
      }
    });
    await closed;
    expect(seen).toEqual([...Array(10).keys()]);
  });
});

describe('user handlers', () => {
  it('a throwing delivery handler is reported to the error handler as Local_Application', async () => {
    const topic = await cluster.topic(1);
    const errors: Array<{ client: unknown; error: KafkaError }> = [];
    const p = producer({}, { error: (client, error) => errors.push({ client, error }) });
    const after: number[] = [];
    await new Promise<void>((resolve) => {
      p.produce(topic, { value: 'a' }, () => {
        throw new Error('delivery-boom');
      });
      p.produce(topic, { value: 'b' }, () => {
        after.push(1);
        resolve();
      });
    });
    expect(after).toEqual([1]); // later reports are still delivered
    const app = errors.filter((e) => e.error.code === ErrorCode.Local_Application);
    expect(app).toHaveLength(1);
    expect(app[0].client).toBe(p);
    expect(app[0].error.reason).toContain('delivery-boom');
    expect(app[0].error.isError).toBe(true);
  });

  it('a throwing statistics handler is reported to the error handler as Local_Application', async () => {
    const errors: KafkaError[] = [];
    let stats = 0;
    producer(
      { statisticsIntervalMs: 10 },
      {
        error: (_, e) => errors.push(e),
        stats: (_, parsed, json) => {
          stats++;
          expect(parsed.type).toBe('producer');
          expect(JSON.parse(json)).toEqual(parsed);
          throw new TypeError('stats-boom');
        },
      },
    );
    await waitUntil('a statistics error', () => errors.some((e) => e.code === ErrorCode.Local_Application));
    const e = errors.find((x) => x.code === ErrorCode.Local_Application)!;
    expect(e.reason).toContain('stats-boom');
    expect(stats).toBeGreaterThan(0);
  });

  it('a throwing log handler is reported too, and a throwing error handler breaks nothing', async () => {
    const topic = await cluster.topic(1);
    const errors: KafkaError[] = [];
    const p = producer(
      { debug: 'topic' },
      {
        error: (_, e) => {
          errors.push(e);
          throw new Error('error-handler-boom');
        },
        log: () => {
          throw new Error('log-boom');
        },
      },
    );
    const r = await p.produceAsync(topic, { value: 'v' });
    expect(r.status).toBe(PersistenceStatus.Persisted);
    expect(errors.some((e) => e.code === ErrorCode.Local_Application && e.reason.includes('log-boom'))).toBe(true);
  });
});

describe('config', () => {
  const build = (config: Record<string, unknown>) => () =>
    new ProducerBuilder({ bootstrapServers: '127.0.0.1:9', ...config } as ProducerConfig).build();
  const buildError = (config: Record<string, unknown>): KafkaException => {
    try {
      const p = build(config)();
      void p.close();
    } catch (e) {
      expect(e).toBeInstanceOf(KafkaException);
      expect((e as KafkaException).error.code).toBe(ErrorCode.Local_InvalidArg);
      return e as KafkaException;
    }
    return expect.unreachable(`build() accepted ${inspect(config)}`);
  };

  it('an unknown key throws KafkaException from build() naming it', () => {
    expect(buildError({ lingerMss: 5 }).message).toContain('lingerMss');
    expect(buildError({ lingerMss: 5 }).message).toContain('lingerMs'); // the suggestion
    expect(buildError({ 'no.such.property': 'x' }).message).toContain('no.such.property');
  });

  it('a bad value throws KafkaException from build() naming the key as the user wrote it', () => {
    for (const [config, key] of [
      [{ lingerMs: -5 }, 'lingerMs'],
      [{ acks: 'x' }, 'acks'],
      [{ lingerMs: 'soon' }, 'lingerMs'],
      [{ enableIdempotence: 'maybe' }, 'enableIdempotence'],
      [{ 'linger.ms': -5 }, 'linger.ms'],
      [{ messageTimeoutMs: 1.5 }, 'messageTimeoutMs'],
      [{ compressionType: 99 }, 'compressionType'],
    ] as Array<[Record<string, unknown>, string]>) {
      const e = buildError(config);
      expect(e.message).toContain(key);
      expect(e.message).not.toMatch(/\n$/);
    }
  });

  it('a value of the wrong type throws KafkaException from build() naming the key', () => {
    for (const [config, key] of [
      [{ lingerMs: {} }, 'lingerMs'],
      [{ enableIdempotence: [true] }, 'enableIdempotence'],
      [{ bootstrapServers: { host: 'x' } }, 'bootstrapServers'],
      [{ lingerMs: NaN }, 'lingerMs'],
    ] as Array<[Record<string, unknown>, string]>) {
      expect(buildError(config).message).toContain(key);
    }
  });

  describe('secrets never appear in errors or toString()', () => {
    const password = 'pw-Sup3rSecret-1';
    const keyPassword = 'kp-Sup3rSecret-2';
    const oauthSecret = 'oa-Sup3rSecret-3';
    const oauthConfig = 'principal=sub-Sup3rSecret-4';
    const secrets = [password, keyPassword, oauthSecret, oauthConfig, 'Sup3rSecret'];
    const text = (e: unknown) => {
      const ex = e as KafkaException;
      return [ex.message, String(ex), ex.stack, inspect(ex, { depth: 5 }), JSON.stringify(ex), JSON.stringify(ex.error), inspect(ex.error)].join('\n');
    };
    const expectNoSecret = (s: string) => {
      for (const secret of secrets) expect(s).not.toContain(secret);
    };
    const saslSsl = {
      securityProtocol: SecurityProtocol.SaslSsl,
      saslMechanism: SaslMechanism.Plain,
      saslUsername: 'u',
      saslPassword: password,
      sslKeyPassword: keyPassword,
    };

    it('a config error elsewhere in a config that holds secrets', () => {
      const e = buildError({ ...saslSsl, lingerMs: -5 });
      expectNoSecret(text(e));
      // Redaction does not garble the message (a one-letter username is no reason to).
      expect(e.message).toMatch(/outside allowed range/);
    });

    it('a config error on the secret-bearing property itself', () => {
      for (const config of [
        { ...saslSsl, saslPassword: { value: password } },
        { ...saslSsl, sslKeyPassword: [keyPassword, keyPassword] , sslKeyLocation: '/nonexistent/key.pem' },
        { saslOauthbearerClientSecret: oauthSecret, securityProtocol: SecurityProtocol.SaslSsl, saslMechanism: SaslMechanism.OAuthBearer },
        { 'sasl.password': { v: password } },
        { sslKeyPem: `-----BEGIN PRIVATE KEY-----\n${keyPassword}\n-----END PRIVATE KEY-----\n`, securityProtocol: SecurityProtocol.Ssl },
      ]) {
        expectNoSecret(text(buildError(config)));
      }
    });

    it('toString() of a producer redacts them', () => {
      const p = producer({ ...saslSsl, securityProtocol: SecurityProtocol.SaslPlaintext, saslOauthbearerConfig: oauthConfig });
      const s = String(p);
      expectNoSecret(s);
      expect(s).toContain('[redacted]');
      expect(s).toContain('bootstrap.servers=');
    });

    it('errors librdkafka reports at run time are redacted before the error handler sees them', async () => {
      const errors: KafkaError[] = [];
      const logs: string[] = [];
      producer(
        {
          securityProtocol: SecurityProtocol.SaslPlaintext,
          saslMechanism: SaslMechanism.OAuthBearer,
          enableSaslOauthbearerUnsecureJwt: true,
          saslOauthbearerConfig: oauthConfig,
          debug: 'security,conf,broker',
        },
        { error: (_, e) => errors.push(e), log: (_, l) => logs.push(l.message) },
      );
      await waitUntil('the token refresh error', () => errors.some((e) => e.code === ErrorCode.Local_Authentication || /OAUTHBEARER/.test(e.reason)));
      for (const e of errors) expectNoSecret(`${e.reason}\n${inspect(e)}`);
      expectNoSecret(logs.join('\n'));
    });
  });
});

describe('argument checks', () => {
  it('wrong argument types throw TypeError (produce) or reject with TypeError (produceAsync)', async () => {
    const topic = await cluster.topic(1);
    const p = producer();
    const bad: Array<[unknown, unknown, unknown?]> = [
      [123, { value: 'x' }],
      [null, { value: 'x' }],
      ['', { value: 'x' }],
      [{ topic: 5, partition: 0 }, { value: 'x' }],
      [{ topic, partition: 1.5 }, { value: 'x' }],
      [{ topic, partition: -2 }, { value: 'x' }],
      [topic, null],
      [topic, 'just a string'],
      [topic, { value: 42 }],
      [topic, { key: 42, value: 'x' }],
      [topic, { value: { an: 'object' } }],
      [topic, { value: 'x', headers: 5 }],
      [topic, { value: 'x', headers: [{ key: 1, value: 'v' }] }],
      [topic, { value: 'x', headers: [{ key: 'k', value: 5 }] }],
      [topic, { value: 'x', timestamp: 'now' }],
      [topic, { value: 'x', timestamp: { type: TimestampType.LogAppendTime, unixTimestampMs: 1 } }],
    ];
    const anyP = p as unknown as { produce(...a: unknown[]): void; produceAsync(...a: unknown[]): Promise<unknown> };
    for (const [t, m] of bad) {
      expect(() => anyP.produce(t, m), inspect([t, m])).toThrow(TypeError);
      await expect(anyP.produceAsync(t, m), inspect([t, m])).rejects.toThrow(TypeError);
    }
    expect(() => anyP.produce(topic, { value: 'x' }, 'not a function')).toThrow(TypeError);
    await expect((p as unknown as { flush(t: unknown): Promise<number> }).flush('soon')).rejects.toThrow(TypeError);
    await expect((p as unknown as { flush(t: unknown): Promise<number> }).flush(-1)).rejects.toThrow(TypeError);
    await expect(p.close({ timeoutMs: -1 })).rejects.toThrow(TypeError);
    // Nothing was sent and the producer still works.
    expect((await p.produceAsync(topic, { value: 'fine' })).offset).toBe(0);
  });

  it('builder arguments of the wrong type throw TypeError', () => {
    const b = new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers });
    expect(() => new ProducerBuilder(null as unknown as ProducerConfig)).toThrow(TypeError);
    expect(() => b.setErrorHandler('x' as never)).toThrow(TypeError);
    expect(() => b.setLogHandler(undefined as never)).toThrow(TypeError);
    expect(() => b.setStatisticsHandler({} as never)).toThrow(TypeError);
    expect(() => b.setValueSerializer({} as never)).toThrow(TypeError);
    expect(() => b.setKeySerializer((() => Buffer.alloc(0)) as never)).toThrow(TypeError);
  });

  it('a message over messageMaxBytes fails with MsgSizeTooLarge (produce throws, produceAsync rejects)', async () => {
    const topic = await cluster.topic(1);
    const p = producer({ messageMaxBytes: 10_000 });
    const big = Buffer.alloc(20_000, 'x');
    let thrown: unknown;
    try {
      p.produce(topic, { value: big }, () => expect.unreachable('a refused message gets no report'));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ProduceException);
    expect((thrown as ProduceException<Bytes, Bytes>).error.code).toBe(ErrorCode.MsgSizeTooLarge);
    expect((thrown as ProduceException<Bytes, Bytes>).deliveryResult.value).toBe(big);
    const rejected = await p.produceAsync(topic, { value: big }).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(ProduceException);
    expect((rejected as ProduceException<Bytes, Bytes>).error.code).toBe(ErrorCode.MsgSizeTooLarge);
    // Small messages still go through.
    expect((await p.produceAsync(topic, { value: 'small' })).status).toBe(PersistenceStatus.Persisted);
  });
});

describe('round trips (read back with a consumer)', () => {
  for (const codec of [CompressionType.Gzip, CompressionType.Snappy, CompressionType.Lz4, CompressionType.Zstd]) {
    it(`compression ${CompressionType[codec]} round-trips`, async () => {
      const topic = await cluster.topic(1);
      const p = producer({ compressionType: codec, lingerMs: 20 });
      const values = Array.from({ length: 300 }, (_, i) => `value-${i}-${'abc'.repeat(50 + (i % 7))}`);
      // One partition, so the order read back is the order produced (on a real cluster too).
      await Promise.all(values.map((value, i) => p.produceAsync({ topic, partition: 0 }, { key: `k${i}`, value })));
      const read = await readBack(topic, [0], values.length);
      expect(read.map((r) => r.message!.value!.toString())).toEqual(values);
      expect(read.map((r) => r.message!.key!.toString())).toEqual(values.map((_, i) => `k${i}`));
    });
  }

  it('headers (duplicates, null and empty values, order) and CreateTime timestamps round-trip', async () => {
    const topic = await cluster.topic(1);
    const p = producer();
    const binary = Buffer.from([0, 1, 2, 0xfe, 0xff]);
    const headers = new Headers()
      .add('dup', 'first')
      .add('n', null)
      .add('dup', 'second')
      .add('empty', Buffer.alloc(0))
      .add('bin', binary)
      .add('ü-ключ', 'ünïcödé')
      .add('dup', 'third');
    const ts1 = 1_600_000_000_123;
    const ts2 = 1_700_000_000_456;
    const r1 = await p.produceAsync({ topic, partition: 0 }, { key: 'a', value: 'one', headers, timestamp: { type: TimestampType.CreateTime, unixTimestampMs: ts1 } });
    const r2 = await p.produceAsync({ topic, partition: 0 }, { key: 'b', value: 'two', headers: [{ key: 'x', value: 'y' }, { key: 'x', value: null }], timestamp: ts2 });
    const r3 = await p.produceAsync({ topic, partition: 0 }, { key: 'c', value: null });
    expect(r1.timestamp).toEqual(cluster.mock ? MOCK_DELIVERY_TIMESTAMP : { type: TimestampType.CreateTime, unixTimestampMs: ts1 });
    expect(r2.timestamp).toEqual(cluster.mock ? MOCK_DELIVERY_TIMESTAMP : { type: TimestampType.CreateTime, unixTimestampMs: ts2 });
    const [m1, m2, m3] = await readBack(topic, [r1.partition], 3);
    const list = (h: Headers | undefined) => [...(h ?? [])].map(({ key, value }) => [key, value === null ? null : [...value]]);
    expect(list(m1.message!.headers as Headers)).toEqual(list(headers));
    expect(m1.message!.headers!.tryGetLastBytes('n')).toBeNull();
    expect(m1.message!.headers!.tryGetLastBytes('empty')).toEqual(Buffer.alloc(0));
    expect(m1.message!.timestamp).toEqual({ type: TimestampType.CreateTime, unixTimestampMs: ts1 });
    expect(list(m2.message!.headers as Headers)).toEqual([['x', [...Buffer.from('y')]], ['x', null]]);
    expect(m2.message!.timestamp).toEqual({ type: TimestampType.CreateTime, unixTimestampMs: ts2 });
    expect(m3.message!.value).toBeNull();
    expect(m3.message!.timestamp.type).toBe(TimestampType.CreateTime);
    expect([...(m3.message!.headers ?? [])]).toEqual([]);
  });

  it('CreateTime and LogAppendTime topics: delivery reports and consumed messages carry the right timestamp type', async () => {
    const old = 1_600_000_000_000;
    const p = producer();
    if (cluster.mock) {
      // The mock cannot create a LogAppendTime topic; it reports its LogAppendTime 1234 on
      // every delivery and hands the message's CreateTime to consumers.
      const topic = await cluster.topic(1);
      const r = await p.produceAsync({ topic, partition: 0 }, { value: 'x', timestamp: old });
      expect(r.timestamp).toEqual(MOCK_DELIVERY_TIMESTAMP);
      const [m] = await readBack(topic, [0], 1);
      expect(m.message!.timestamp).toEqual({ type: TimestampType.CreateTime, unixTimestampMs: old });
      return;
    }
    const createTime = await cluster.topic(1, 'ct', { 'message.timestamp.type': 'CreateTime' });
    const appendTime = await cluster.topic(1, 'lat', { 'message.timestamp.type': 'LogAppendTime' });
    const before = Date.now();
    const rc = await p.produceAsync({ topic: createTime, partition: 0 }, { value: 'c', timestamp: old });
    const ra = await p.produceAsync({ topic: appendTime, partition: 0 }, { value: 'a', timestamp: old });
    const after = Date.now();
    expect(rc.timestamp).toEqual({ type: TimestampType.CreateTime, unixTimestampMs: old });
    // The broker's clock replaces the producer's timestamp (same machine: within a second).
    expect(ra.timestamp.type).toBe(TimestampType.LogAppendTime);
    expect(ra.timestamp.unixTimestampMs).toBeGreaterThanOrEqual(before - 1000);
    expect(ra.timestamp.unixTimestampMs).toBeLessThanOrEqual(after + 1000);
    const [mc] = await readBack(createTime, [0], 1);
    expect(mc.message!.timestamp).toEqual({ type: TimestampType.CreateTime, unixTimestampMs: old });
    const [ma] = await readBack(appendTime, [0], 1);
    expect(ma.message!.timestamp).toEqual(ra.timestamp);
  });

  it('acks None, Leader and All all deliver', async () => {
    const topic = await cluster.topic(1);
    const values: string[] = [];
    for (const acks of [Acks.None, Acks.Leader, Acks.All]) {
      const p = producer({ acks });
      const batch = Array.from({ length: 20 }, (_, i) => `${Acks[acks]}-${i}`);
      values.push(...batch);
      const results = await Promise.all(batch.map((value) => p.produceAsync({ topic, partition: 0 }, { value })));
      for (const r of results) {
        expect(r.status).not.toBe(PersistenceStatus.NotPersisted);
        if (acks !== Acks.None) {
          expect(r.status).toBe(PersistenceStatus.Persisted);
          expect(r.offset).toBeGreaterThanOrEqual(0);
        }
      }
      await p.close();
    }
    const read = await readBack(topic, [0], values.length);
    expect(read.map((r) => r.message!.value!.toString())).toEqual(values);
  });

  itMock('the idempotent producer delivers every message exactly once through injected Produce errors and a broker down/up', async () => {
    const mock = cluster.mock!;
    const topic = await cluster.topic(3);
    const errors: KafkaError[] = [];
    const p = producer({ enableIdempotence: true, lingerMs: 5, batchNumMessages: 100, retryBackoffMs: 10, ...FAST }, { error: (_, e) => errors.push(e) });
    const N = 5000;
    const chunk = 500;
    const results: Array<Promise<DeliveryResult<Bytes, Bytes>>> = [];
    for (let start = 0; start < N; start += chunk) {
      const step = start / chunk;
      if (step === 1 || step === 6) {
        mock.pushRequestErrors(0 /* Produce */, [
          ErrorCode.NotLeaderForPartition,
          ErrorCode.RequestTimedOut,
          ErrorCode.NotEnoughReplicas,
          ErrorCode.LeaderNotAvailable,
          ErrorCode.NotEnoughReplicasAfterAppend,
        ]);
      }
      if (step === 3) mock.setBrokerDown(2);
      if (step === 5) mock.setBrokerUp(2);
      for (let i = start; i < start + chunk; i++) results.push(p.produceAsync(topic, { key: `k${i % 97}`, value: `m${i}` }));
      await sleep(20);
    }
    const delivered = await Promise.all(results);
    expect(delivered.every((r) => r.status === PersistenceStatus.Persisted)).toBe(true);
    expect(errors.filter((e) => e.isFatal)).toEqual([]);
    // No duplicate in the log: per partition, the offsets are exactly 0..n-1 for n messages.
    const perPartition = new Map<number, number[]>();
    for (const r of delivered) perPartition.set(r.partition, [...(perPartition.get(r.partition) ?? []), r.offset]);
    for (const offsets of perPartition.values()) {
      expect([...offsets].sort((a, b) => a - b)).toEqual([...offsets.keys()]);
    }
    // Read back: every value once, none lost.
    const read = await readBack(topic, [...perPartition.keys()], N);
    const values = read.map((r) => r.message!.value!.toString());
    expect(new Set(values).size).toBe(N);
    expect(new Set(values)).toEqual(new Set(Array.from({ length: N }, (_, i) => `m${i}`)));
    // And nothing beyond them.
    const c = new ConsumerBuilder({ bootstrapServers: cluster.bootstrapServers, groupId: `x-${randomUUID()}` }).setLogHandler(() => {}).build();
    try {
      for (const [partition, offsets] of perPartition) {
        const wm = await c.queryWatermarkOffsets({ topic, partition }, 5000);
        expect(wm.high).toBe(offsets.length);
      }
    } finally {
      await c.close();
    }
  });
});

describe('Library', () => {
  it('reports the vendored librdkafka and its features', () => {
    expect(Library.versionString).toBe('2.15.1');
    expect(Library.version).toBe(0x020f01ff);
    expect(Library.features).toEqual(
      expect.arrayContaining(['gzip', 'snappy', 'lz4', 'zstd', 'ssl', 'sasl_plain', 'sasl_scram', 'sasl_oauthbearer']),
    );
  });
});
