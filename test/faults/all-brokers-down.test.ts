/**
 * (e) Every broker is SIGKILLed, and started again later, while a producer and a group
 * consumer are in use: what was produced meanwhile is delivered once the cluster is back (none
 * lost, none twice, per-key order kept), the consumer resumes from its commits, a call made
 * while nothing answers settles within its timeout, and close() returns in bounded time.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  Acks,
  AutoOffsetReset,
  ConsumerBuilder,
  Deserializers,
  ErrorCode,
  KafkaException,
  ProducerBuilder,
  type IAdminClient,
} from '../../src/index';
import { groupName, sleep } from '../helpers/consumer';
import { admin, allUp, bootstrap, bounded, check, control, fullIsr, readAll, threeNodes, type Read } from '../helpers/faults';

let a: IAdminClient;
beforeAll(async () => {
  if (!threeNodes) return;
  await allUp();
  a = admin();
});
afterAll(async () => {
  if (!threeNodes) return;
  await allUp();
  await a?.close();
});

test.skipIf(!threeNodes)('all brokers SIGKILLed, then started again', async () => {
  const perPhase = 5000;
  const partitions = 3;
  const topic = `fault-alldown-${Date.now()}`;
  await a.createTopics([{ name: topic, numPartitions: partitions, replicationFactor: 3 }], { operationTimeoutMs: 30_000 });
  await fullIsr(a, [topic]);

  const producer = new ProducerBuilder({ bootstrapServers: bootstrap!, enableIdempotence: true, acks: Acks.All, lingerMs: 5 }).build();
  const consumer = new ConsumerBuilder({
    bootstrapServers: bootstrap!,
    groupId: groupName('fault-alldown'),
    autoOffsetReset: AutoOffsetReset.Earliest,
    enableAutoCommit: false,
    // With no coordinator for longer than this, librdkafka drops the assignment and rejoins;
    // the restarted coordinator then waits for the old member's session to expire before it
    // completes that rebalance: a shorter session is a quicker recovery here.
    sessionTimeoutMs: 10_000,
  })
    .setKeyDeserializer(Deserializers.Utf8)
    .setValueDeserializer(Deserializers.Utf8)
    .build();
  consumer.subscribe(topic);
  const consumed: Read[] = [];
  let stopConsuming = false;
  let calls = 0;
  let settled = 0;
  const track = <T>(p: Promise<T>) => {
    calls++;
    return p.finally(() => void settled++);
  };
  let commitFailures = 0;
  const consuming = (async () => {
    while (!stopConsuming) {
      const batch = await track(consumer.consumeBatch(1000, 200));
      const next = new Map<number, number>();
      for (const r of batch) {
        consumed.push({ key: r.message!.key!, value: r.message!.value!, partition: r.partition, offset: r.offset });
        next.set(r.partition, r.offset + 1);
      }
      // Commit after processing; while the cluster is down the commit waits or fails: retry.
      while (next.size > 0) {
        try {
          await track(consumer.commit([...next].map(([partition, offset]) => ({ topic, partition, offset }))));
          break;
        } catch {
          commitFailures++;
          await sleep(500);
        }
      }
    }
  })();

  const expected = new Map<string, string[]>();
  let i = 0;
  const failures: string[] = [];
  const produce = (n: number) => {
    const out: Promise<void>[] = [];
    for (const end = i + n; i < end; i++) {
      const key = `k${i % 100}`;
      const l = expected.get(key) ?? [];
      expected.set(key, l);
      l.push(String(i));
      out.push(track(producer.produceAsync(topic, { key, value: String(i) })).then(() => undefined, (e: Error) => void failures.push(e.message)));
    }
    return out;
  };
  const distinct = () => new Set(consumed.map((r) => `${r.partition}:${r.offset}`)).size;
  const until = async (what: string, cond: () => boolean, ms = 120_000) => {
    const deadline = Date.now() + ms;
    while (!cond()) {
      if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
      await sleep(50);
    }
  };

  // 1. Normal operation.
  await Promise.all(produce(perPhase));
  await until('the first records are consumed', () => distinct() === perPhase);

  // A second group member, to be closed while nothing answers.
  const extra = new ConsumerBuilder({ bootstrapServers: bootstrap!, groupId: groupName('fault-alldown-extra'), autoOffsetReset: AutoOffsetReset.Earliest, sessionTimeoutMs: 10_000 }).build();
  extra.subscribe(topic);
  for (let r = await extra.consume(30_000); r === null || r.isPartitionEOF; r = await extra.consume(30_000)) {
    // until it has partitions and a record
  }

  // 2. Every broker dies. Records produced now wait in the producer.
  const nodes = await control().nodes();
  await Promise.all(nodes.map((n) => control().kill(n.id)));
  const downAt = Date.now();
  const during = produce(perPhase);
  // Calls made while nothing answers settle within their timeouts, with typed errors.
  const t = Date.now();
  const metadata = await a.getMetadata(3000).then(() => 'resolved', (e: unknown) => (e instanceof KafkaException ? `KafkaException ${e.error.code}` : `other ${String(e)}`));
  const metadataMs = Date.now() - t;
  const t2 = Date.now();
  const inFlight = await producer.flush(2000);
  const flushMs = Date.now() - t2;
  const downFor = sleep(10_000);
  // close() while nothing answers: bounded, and what could not be delivered is rejected.
  const late = new ProducerBuilder({ bootstrapServers: bootstrap!, enableIdempotence: true, acks: Acks.All }).build();
  const lateOutcomes = Array.from({ length: 10 }, (_, j) =>
    late.produceAsync(topic, { key: 'late', value: String(j) }).then(
      () => 'delivered',
      (e: unknown) => (e instanceof KafkaException ? `KafkaException ${e.error.code}` : `other ${String(e)}`),
    ),
  );
  const lateCloseMs = await bounded('producer close({ timeoutMs: 2000 }) while every broker is down', () => late.close({ timeoutMs: 2000 }), 15_000);
  const lateSettled = await Promise.all(lateOutcomes);
  const extraCloseMs = await bounded('consumer close() while every broker is down', () => extra.close(), 45_000);
  await downFor;

  // 3. Back: all three together (a KRaft quorum needs two of the three controllers).
  const restartAt = Date.now();
  await Promise.all(nodes.map((n) => control().start(n.id)));
  const upAt = Date.now();
  await Promise.all(during);
  const deliveredAt = Date.now();
  await Promise.all(produce(perPhase));
  await until('every record is consumed', () => distinct() === 3 * perPhase);
  const consumedAt = Date.now();
  await sleep(2000); // anything redelivered would show now
  stopConsuming = true;
  await consuming;
  const closeMs = await bounded('close() of producer and consumer', () => Promise.all([producer.close(), consumer.close()]), 30_000);
  await fullIsr(a, [topic]);

  const all = await readAll(topic, partitions);
  const lateStored = all.filter((r) => r.key === 'late').length;
  const stored = check(all.filter((r) => r.key !== 'late'), expected);
  const read = check(consumed, expected);
  console.log(
    `(e) all 3 nodes SIGKILLed for ${restartAt - downAt} ms, ${perPhase} records produced meanwhile: getMetadata(3000) while down: ${metadata} after ${metadataMs} ms; ` +
      `flush(2000) while down returned ${inFlight} in flight after ${flushMs} ms; cluster serving ${upAt - restartAt} ms after the restart; ` +
      `the waiting records delivered ${deliveredAt - upAt} ms after that, everything consumed ${consumedAt - upAt} ms after it; failed deliveries ${failures.length}; ` +
      `commit failures (retried) ${commitFailures}; topic holds ${stored.records} (duplicates ${stored.duplicates}, missing ${stored.missing}, out of order ${stored.outOfOrder}); ` +
      `consumer read ${read.records} (duplicates ${read.duplicates}, missing ${read.missing}, out of order ${read.outOfOrder}); close() ${closeMs} ms; ` +
      `while down: producer close({ timeoutMs: 2000 }) ${lateCloseMs} ms with its 10 records ${[...new Set(lateSettled)].join(', ')}, group member close() ${extraCloseMs} ms`,
  );
  expect(metadata).toMatch(/^KafkaException/);
  expect(metadataMs).toBeLessThan(3000 + 2000);
  expect(inFlight).toBeGreaterThan(0);
  expect(flushMs).toBeLessThan(2000 + 2000);
  expect(failures).toEqual([]);
  expect(new Set(lateSettled)).toEqual(new Set([`KafkaException ${ErrorCode.Local_PurgeQueue}`]));
  expect(lateStored).toBe(0);
  expect(settled).toBe(calls);
  expect(stored).toEqual({ records: 3 * perPhase, distinct: 3 * perPhase, duplicates: 0, missing: 0, outOfOrder: 0 });
  expect(read).toEqual({ records: 3 * perPhase, distinct: 3 * perPhase, duplicates: 0, missing: 0, outOfOrder: 0 });
  await a.deleteTopics([topic]).catch(() => {});
});
