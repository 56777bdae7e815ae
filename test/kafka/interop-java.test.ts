/**
 * Interoperability with the reference Java client (org.apache.kafka:kafka-clients 4.1.1, driven
 * by test/java/Interop.java) on a real broker: keyed placement, record contents both ways
 * (plain and with each compression codec),
 * read_committed over Java transactions, and one consumer group shared by both clients (classic
 * protocol with range and cooperative-sticky, and the KIP-848 consumer protocol).
 * Real broker only (`npm run test:kafka`); skipped without javac or the jars.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  AutoOffsetReset,
  CompressionType,
  ConsumerBuilder,
  Deserializers,
  GroupProtocol,
  IsolationLevel,
  Offset,
  PartitionAssignmentStrategy,
  Partitioner,
  ProducerBuilder,
  TimestampType,
  type ConsumeResult,
} from '../../src/index';
import { realBootstrap, startCluster, type TestCluster } from '../helpers/cluster';
import { consumeN, groupName, sleep } from '../helpers/consumer';
import { compileJava, hasJava, java, spawnJava } from '../helpers/java';

type Hdrs = Array<[string, string | null]>;
interface JavaRecord {
  partition: number;
  offset: number;
  key: string | null;
  value: string | null;
  headers: Hdrs;
  timestamp: number;
  timestampType: string;
}

let cluster: TestCluster;
beforeAll(async () => {
  if (!realBootstrap || !hasJava) return;
  compileJava();
  cluster = await startCluster();
}, 120_000);
afterAll(async () => {
  await cluster?.close();
});

const keys = ['', 'k-0', 'k-1', 'clé-2', 'ünïcødé ✓', 'a', 'longer key '.repeat(20), '0', ...Array.from({ length: 200 }, (_, i) => `key-${i}`)];

// Records as both sides write them: duplicate header keys, a null header value, a null
// value (tombstone), a null key, an empty value, explicit CreateTime timestamps.
const t0 = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
const records: Array<{ key: string | null; value: string | null; headers: Hdrs; timestamp: number }> = [
  { key: 'k1', value: 'v1', headers: [['h', 'x'], ['h', 'y'], ['ünï', 'ß']], timestamp: t0 },
  { key: 'k2', value: null, headers: [['nul', null], ['h', 'z']], timestamp: t0 + 1 },
  { key: null, value: 'no key', headers: [], timestamp: t0 + 2 },
  { key: 'k3', value: '', headers: [['empty', ''], ['empty', ''], ['h', null]], timestamp: t0 - 86_400_000 },
  { key: 'clé ✓', value: 'välue ✓', headers: [['a', '1'], ['b', '2'], ['a', '3']], timestamp: 1 },
];

describe.skipIf(!realBootstrap || !hasJava)('Java client (kafka-clients 4.1.1)', () => {
  test('keyed records land on the same partitions (Java default partitioner = Partitioner.Murmur2Random)', async () => {
    const topic = await cluster.topic(6, 'java-part');
    const fromJava = await java<{ partition: number }>(['produce', cluster.bootstrapServers, topic], keys.map((key) => ({ key, value: 'j' })));
    const producer = new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers, partitioner: Partitioner.Murmur2Random }).build();
    try {
      const ours = await Promise.all(keys.map((key) => producer.produceAsync(topic, { key, value: 'n' })));
      expect(ours.map((d) => d.partition)).toEqual(fromJava.map((r) => r.partition));
      // Not all on one partition: the comparison says something.
      expect(new Set(ours.map((d) => d.partition)).size).toBe(6);
    } finally {
      await producer.close();
    }
    // And librdkafka's default (consistent_random, CRC32) does not agree: the setting matters.
    const crc = new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers }).build();
    try {
      const d = await Promise.all(keys.map((key) => crc.produceAsync(topic, { key, value: 'c' })));
      expect(d.map((x) => x.partition)).not.toEqual(fromJava.map((r) => r.partition));
    } finally {
      await crc.close();
    }
  });

  test('kafka-napi reads what Java writes: keys, values, headers (duplicates, nulls, order), timestamps', async () => {
    const topic = await cluster.topic(1, 'java-out');
    const written = await java<{ offset: number; timestamp: number }>(['produce', cluster.bootstrapServers, topic], records.map((r) => ({ ...r, partition: 0 })));
    expect(written.map((w) => w.timestamp)).toEqual(records.map((r) => r.timestamp));
    const c = new ConsumerBuilder({ bootstrapServers: cluster.bootstrapServers, groupId: groupName(), autoOffsetReset: AutoOffsetReset.Earliest })
      .setKeyDeserializer(Deserializers.Utf8)
      .setValueDeserializer(Deserializers.Utf8)
      .build();
    try {
      c.assign({ topic, partition: 0, offset: Offset.Beginning });
      const got = await consumeN(c, records.length);
      expect(
        got.map((r) => ({
          key: r.message!.key,
          value: r.message!.value,
          headers: [...r.message!.headers].map((h) => [h.key, h.value === null ? null : Buffer.from(h.value).toString()]),
          timestamp: r.message!.timestamp,
        })),
      ).toEqual(records.map((r) => ({ key: r.key, value: r.value, headers: r.headers, timestamp: { type: TimestampType.CreateTime, unixTimestampMs: r.timestamp } })));
      expect(got.map((r) => r.offset)).toEqual(written.map((w) => w.offset));
    } finally {
      await c.close();
    }
  });

  test('Java reads what kafka-napi writes: keys, values, headers (duplicates, nulls, order), timestamps', async () => {
    const topic = await cluster.topic(1, 'java-in');
    const producer = new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers }).build();
    try {
      for (const r of records) {
        await producer.produceAsync(
          { topic, partition: 0 },
          { key: r.key, value: r.value, headers: r.headers.map(([key, value]) => ({ key, value })), timestamp: r.timestamp },
        );
      }
    } finally {
      await producer.close();
    }
    const read = await java<JavaRecord>(['consume', cluster.bootstrapServers, topic, String(records.length)]);
    expect(read).toEqual(records.map((r, offset) => ({ partition: 0, offset, ...r, timestampType: 'CreateTime' })));
  });

  test("kafka-napi's read_committed consumer reads a Java transactional producer: committed seen, aborted not", async () => {
    const topic = await cluster.topic(2, 'java-txn');
    const rec = (value: string, partition: number) => ({ key: value, value, partition, headers: [['txn', value[0]]] });
    await java(
      ['produce', cluster.bootstrapServers, topic, `transactional.id=java-tx-${topic}`],
      [
        { txn: 'begin' }, rec('c1', 0), rec('c2', 1), rec('c3', 0), { txn: 'commit' },
        { txn: 'begin' }, rec('a1', 0), rec('a2', 1), { txn: 'abort' },
        { txn: 'begin' }, rec('c4', 1), rec('c5', 0), { txn: 'commit' },
      ],
    );
    const drain = async (isolationLevel: IsolationLevel) => {
      const c = new ConsumerBuilder({ bootstrapServers: cluster.bootstrapServers, groupId: groupName(), autoOffsetReset: AutoOffsetReset.Earliest, isolationLevel })
        .setValueDeserializer(Deserializers.Utf8)
        .build();
      const out: Array<[number, string | null]> = [];
      try {
        c.subscribe(topic);
        for (;;) {
          const r = await c.consume(out.length === 0 ? 15_000 : 2000);
          if (!r) break;
          if (!r.isPartitionEOF) out.push([r.partition, r.message!.value]);
        }
      } finally {
        await c.close();
      }
      const byPartition = (p: number) => out.filter(([q]) => q === p).map(([, v]) => v);
      return [byPartition(0), byPartition(1)];
    };
    expect(await drain(IsolationLevel.ReadCommitted)).toEqual([['c1', 'c3', 'c5'], ['c2', 'c4']]);
    // The aborted records are in the log (a read_uncommitted consumer sees them): the filter did it.
    expect(await drain(IsolationLevel.ReadUncommitted)).toEqual([['c1', 'c3', 'a1', 'c5'], ['c2', 'a2', 'c4']]);
  }, 60_000);

  const codecs = [
    { java: 'gzip', ours: CompressionType.Gzip },
    { java: 'snappy', ours: CompressionType.Snappy },
    { java: 'lz4', ours: CompressionType.Lz4 },
    { java: 'zstd', ours: CompressionType.Zstd },
  ];
  test.each(codecs)('compressed batches ($java) written by either client are read by the other', async ({ java: codec, ours }) => {
    const topic = await cluster.topic(1, `java-${codec}`);
    // Compressible values, several records per batch.
    const batch = Array.from({ length: 200 }, (_, i) => ({ key: `k${i}`, value: `${codec} value ${i} `.repeat(20), headers: [['i', String(i)]] as Hdrs }));
    await java(['produce', cluster.bootstrapServers, topic, `compression.type=${codec}`], batch.map((r) => ({ ...r, partition: 0 })));
    const producer = new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers, compressionType: ours, lingerMs: 20 }).build();
    try {
      await Promise.all(batch.map((r) => producer.produceAsync({ topic, partition: 0 }, { key: r.key, value: r.value, headers: [{ key: 'i', value: r.headers[0][1] }] })));
    } finally {
      await producer.close();
    }
    const c = new ConsumerBuilder({ bootstrapServers: cluster.bootstrapServers, groupId: groupName(), autoOffsetReset: AutoOffsetReset.Earliest })
      .setKeyDeserializer(Deserializers.Utf8)
      .setValueDeserializer(Deserializers.Utf8)
      .build();
    let ours2: Array<{ key: string | null | undefined; value: string | null; i: string }>;
    try {
      c.assign({ topic, partition: 0, offset: Offset.Beginning });
      ours2 = (await consumeN(c, 400)).map((r) => ({ key: r.message!.key, value: r.message!.value, i: r.message!.headers.getLastBytes('i')!.toString() }));
    } finally {
      await c.close();
    }
    const theirs = await java<JavaRecord>(['consume', cluster.bootstrapServers, topic, '400']);
    const want = [...batch, ...batch].map((r) => ({ key: r.key, value: r.value, i: r.headers[0][1] }));
    expect(ours2).toEqual(want);
    expect(theirs.map((r) => ({ key: r.key, value: r.value, i: r.headers[0][1] }))).toEqual(want);
  });

  const assignors = [
    { name: 'range', java: 'org.apache.kafka.clients.consumer.RangeAssignor', ours: PartitionAssignmentStrategy.Range },
    { name: 'cooperative-sticky', java: 'org.apache.kafka.clients.consumer.CooperativeStickyAssignor', ours: PartitionAssignmentStrategy.CooperativeSticky },
    // KIP-848: the broker assigns; the same group, both clients on the new protocol.
    { name: 'KIP-848 consumer protocol', java: 'consumer', ours: undefined },
  ];
  test.each(assignors)('a Java consumer and a kafka-napi consumer share one group ($name): no loss, no duplicates', async ({ java: javaAssignor, ours }) => {
    const protocol =
      ours === undefined
        ? { groupProtocol: GroupProtocol.Consumer }
        : { partitionAssignmentStrategy: ours, sessionTimeoutMs: 10_000, heartbeatIntervalMs: 500 };
    const topic = await cluster.topic(6, 'java-group');
    const group = groupName('java-group');
    const seen = new Map<string, { who: string; value: string | null }>(); // "partition:offset"
    const dups: string[] = [];
    const note = (who: string, partition: number, offset: number, value: string | null) => {
      const id = `${partition}:${offset}`;
      if (seen.has(id)) dups.push(`${id} (${seen.get(id)!.who} then ${who})`);
      seen.set(id, { who, value });
    };
    const values = new Map<string, string>();
    const producer = new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers, lingerMs: 5 }).build();
    let n = 0;
    const produce = async (count: number) => {
      const ds = await Promise.all(Array.from({ length: count }, () => { const i = n++; return producer.produceAsync(topic, { key: `k${i % 97}`, value: `v${i}` }); }));
      for (const d of ds) values.set(`${d.partition}:${d.offset}`, d.message.value as string);
    };

    const consumer = new ConsumerBuilder({
      bootstrapServers: cluster.bootstrapServers,
      groupId: group,
      autoOffsetReset: AutoOffsetReset.Earliest,
      enableAutoCommit: false,
      ...protocol,
    })
      .setValueDeserializer(Deserializers.Utf8)
      .build();
    let ourCount = 0;
    // Commit after processing, before consuming again: a revoke (served inside consume) never
    // finds processed-but-uncommitted records.
    const step = async () => {
      const batch = await consumer.consumeBatch(200, 100);
      const last = new Map<number, ConsumeResult<Buffer | null, string | null>>();
      for (const r of batch) {
        if (r.isPartitionEOF) continue;
        note('napi', r.partition, r.offset, r.message!.value);
        ourCount++;
        last.set(r.partition, r);
      }
      if (last.size > 0) await consumer.commit([...last.values()].map((r) => ({ topic, partition: r.partition, offset: r.offset + 1 })));
    };
    const until = async (what: string, cond: () => boolean, ms = 60_000) => {
      const deadline = Date.now() + ms;
      while (!cond()) {
        if (Date.now() > deadline) throw new Error(`timed out: ${what} (seen ${seen.size} of ${values.size}, duplicates ${dups.length})`);
        await step();
      }
    };

    let javaCount = 0;
    const javaFirst = new Map<number, number>(); // partition -> first offset Java read there
    let javaAssigned: number[] = [];
    let javaClosed = false;
    let jvm: ReturnType<typeof spawnJava> | undefined;
    try {
      // 1. kafka-napi alone: takes all six partitions, reads and commits the first records.
      await produce(600);
      consumer.subscribe(topic);
      await until('kafka-napi reads its first records', () => ourCount >= 600);
      await produce(900);
      // 2. Java joins: the partitions are split; it resumes from what kafka-napi committed.
      jvm = spawnJava(['group', cluster.bootstrapServers, topic, group, javaAssignor], (line) => {
        if (Array.isArray(line.assigned)) javaAssigned = [...new Set([...javaAssigned, ...(line.assigned as number[])])];
        if (Array.isArray(line.revoked)) javaAssigned = javaAssigned.filter((p) => !(line.revoked as number[]).includes(p));
        if (line.closed) javaClosed = true;
        if (typeof line.offset === 'number') {
          javaCount++;
          if (!javaFirst.has(line.partition as number)) javaFirst.set(line.partition as number, line.offset);
          note('java', line.partition as number, line.offset, line.value as string | null);
        }
      });
      await until('Java gets partitions', () => javaAssigned.length > 0 && consumer.assignment.length > 0 && javaAssigned.length + consumer.assignment.length === 6);
      await produce(1500);
      await until('both read everything', () => seen.size === values.size && javaCount > 0);
      // 3. Java leaves: kafka-napi takes its partitions over from Java's commits.
      jvm.stdin.end('stop\n');
      await until('Java closes', () => javaClosed);
      await produce(600);
      await until('kafka-napi reads the rest', () => seen.size === values.size && consumer.assignment.length === 6);
      // A little longer: anything redelivered would show up now.
      const settle = Date.now() + 2000;
      while (Date.now() < settle) await step();
      console.log(`shared group: ${values.size} records, kafka-napi ${ourCount}, Java ${javaCount} (first offsets ${JSON.stringify(Object.fromEntries(javaFirst))}), duplicates ${dups.length}`);
      expect(dups).toEqual([]);
      expect(seen.size).toBe(3600);
      for (const [id, v] of values) expect(seen.get(id)?.value, id).toBe(v);
      expect(javaCount).toBeGreaterThan(0);
      // Java resumed from kafka-napi's commits (not from the beginning) on the partitions it took.
      expect([...javaFirst.values()].every((o) => o > 0)).toBe(true);
    } finally {
      if (jvm && jvm.exitCode === null) {
        jvm.stdin.end();
        await Promise.race([new Promise((r) => jvm!.once('exit', r)), sleep(15_000)]);
        jvm.kill('SIGKILL');
      }
      await consumer.close();
      await producer.close();
    }
  }, 180_000);
});
