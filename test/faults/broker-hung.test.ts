/**
 * (d) The leader of a topic's partitions is SIGSTOPped (hung, not dead: connections stay open,
 * nothing answers) for longer than socket.timeout.ms, while an idempotent producer writes and a
 * group consumer reads: requests to it time out, the cluster moves leadership away, and once
 * it is resumed nothing is lost, duplicated or reordered; a call aimed at it in the meantime
 * settles within its timeout.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  Acks,
  AutoOffsetReset,
  ConsumerBuilder,
  Deserializers,
  KafkaException,
  ProducerBuilder,
  type IAdminClient,
} from '../../src/index';
import { groupName, sleep } from '../helpers/consumer';
import { admin, allUp, bootstrap, bounded, check, control, fullIsr, leaderOf, readAll, threeNodes, type Read } from '../helpers/faults';

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

test.skipIf(!threeNodes)('a broker SIGSTOPped for longer than socket.timeout.ms while producing and consuming', async () => {
  const total = 40_000;
  const partitions = 3;
  const socketTimeoutMs = 5000;
  const pauseMs = 20_000;
  const victim = 3;
  const others = [1, 2];
  const topic = `fault-hung-${Date.now()}`;
  await a.createTopics([{ name: topic, replicasAssignments: { 0: [victim, 1, 2], 1: [victim, 2, 1], 2: [victim, 1, 2] } }], { operationTimeoutMs: 30_000 });
  await fullIsr(a, [topic]);
  for (let p = 0; p < partitions; p++) expect(await leaderOf(a, topic, p)).toBe(victim);
  expect(others).not.toContain(victim);

  const producer = new ProducerBuilder({ bootstrapServers: bootstrap!, enableIdempotence: true, acks: Acks.All, lingerMs: 5, socketTimeoutMs }).build();
  const consumer = new ConsumerBuilder({
    bootstrapServers: bootstrap!,
    groupId: groupName('fault-hung'),
    autoOffsetReset: AutoOffsetReset.Earliest,
    enableAutoCommit: false,
    sessionTimeoutMs: 30_000,
    socketTimeoutMs,
  })
    .setKeyDeserializer(Deserializers.Utf8)
    .setValueDeserializer(Deserializers.Utf8)
    .build();
  consumer.subscribe(topic);
  const consumed: Read[] = [];
  let stopConsuming = false;
  let consumeCalls = 0;
  let consumeSettled = 0;
  const consuming = (async () => {
    while (!stopConsuming) {
      consumeCalls++;
      const batch = await consumer.consumeBatch(1000, 200).finally(() => void consumeSettled++);
      const next = new Map<number, number>();
      for (const r of batch) {
        consumed.push({ key: r.message!.key!, value: r.message!.value!, partition: r.partition, offset: r.offset });
        next.set(r.partition, r.offset + 1);
      }
      if (next.size > 0) await consumer.commit([...next].map(([partition, offset]) => ({ topic, partition, offset })));
    }
  })();

  const expected = new Map<string, string[]>();
  let delivered = 0;
  const failures: string[] = [];
  let pausedAt = 0;
  let resumed: Promise<unknown> | undefined;
  let lastDelivery = 0;
  let longestGap = 0;
  let probe: Promise<{ ms: number; outcome: string }> | undefined;
  // Where partition 0's leadership is just before the resume, and how much was delivered meanwhile.
  let leaderBeforeResume = -1;
  let deliveredDuringHang = 0;
  const resume = async () => {
    deliveredDuringHang = delivered - deliveredAtPause;
    leaderBeforeResume = await leaderOf(a, topic, 0).catch(() => -1);
    await control().resume(victim);
  };
  let deliveredAtPause = 0;
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const key = `k${i % 200}`;
    const l = expected.get(key) ?? [];
    expected.set(key, l);
    l.push(String(i));
    pending.push(
      producer.produceAsync(topic, { key, value: String(i) }).then(
        () => {
          const now = Date.now();
          if (pausedAt && lastDelivery) longestGap = Math.max(longestGap, now - Math.max(lastDelivery, pausedAt));
          lastDelivery = now;
          delivered++;
        },
        (e: Error) => void failures.push(e.message),
      ),
    );
    if (i % 1000 === 999) {
      while (i - delivered - failures.length > 10_000) await sleep(5);
      if (!pausedAt && delivered >= 10_000) {
        await control().pause(victim);
        pausedAt = Date.now();
        deliveredAtPause = delivered;
        // Resumed on a timer: if the producer stalled for good, the resume must still come.
        resumed = sleep(pauseMs).then(resume);
        // A call that needs the hung broker (its partitions' watermarks) settles within its timeout.
        const t = Date.now();
        probe = consumer.queryWatermarkOffsets({ topic, partition: 0 }, 3000).then(
          (w) => ({ ms: Date.now() - t, outcome: `resolved high=${w.high}` }),
          (e: unknown) => ({ ms: Date.now() - t, outcome: e instanceof KafkaException ? `KafkaException ${e.error.code}` : `other ${String(e)}` }),
        );
      }
    }
  }
  await Promise.all(pending);
  await resumed;
  const probed = await probe!;
  const drainDeadline = Date.now() + 120_000;
  while (new Set(consumed.map((r) => `${r.partition}:${r.offset}`)).size < total && Date.now() < drainDeadline) await sleep(100);
  stopConsuming = true;
  await consuming;
  await fullIsr(a, [topic]);
  const closeMs = await bounded('close() of producer and consumer', () => Promise.all([producer.close(), consumer.close()]), 30_000);

  const stored = check(await readAll(topic, partitions), expected);
  const read = check(consumed, expected);
  console.log(
    `(d) node ${victim} (leader of all partitions) SIGSTOPped for ${pauseMs} ms (socket.timeout.ms ${socketTimeoutMs}) after 10000 deliveries: ` +
      `longest pause in deliveries ${longestGap} ms; failed deliveries ${failures.length}; topic holds ${stored.records} (duplicates ${stored.duplicates}, missing ${stored.missing}, ` +
      `keys out of order ${stored.outOfOrder}); consumer read ${read.records} (duplicates ${read.duplicates}, missing ${read.missing}, out of order ${read.outOfOrder}); ` +
      `watermark query during the hang: ${probed.outcome} after ${probed.ms} ms; close() ${closeMs} ms; ${deliveredDuringHang} delivered during the hang, partition 0 led by node ${leaderBeforeResume} before the resume`,
  );
  expect(pausedAt).toBeGreaterThan(0);
  // The cluster moved leadership away from the hung broker and the producer followed it.
  expect(others).toContain(leaderBeforeResume);
  expect(deliveredDuringHang).toBeGreaterThan(0);
  expect(failures).toEqual([]);
  expect(stored).toEqual({ records: total, distinct: total, duplicates: 0, missing: 0, outOfOrder: 0 });
  expect(read).toEqual({ records: total, distinct: total, duplicates: 0, missing: 0, outOfOrder: 0 });
  expect(consumeSettled).toBe(consumeCalls);
  expect(probed.ms).toBeLessThan(3000 + 2000);
  await a.deleteTopics([topic]).catch(() => {});
});
