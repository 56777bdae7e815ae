/**
 * (b) A consumer group (two members, commit after processing) while a broker — the group's
 * coordinator, also leader of some of the topic's partitions — is SIGKILLed: every record is
 * processed, none twice unless its commit was refused for good, per-key order is kept, the
 * committed offsets end at the log end, every call settles, close() returns in bounded time.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  Acks,
  AutoOffsetReset,
  ConsumerBuilder,
  Deserializers,
  PartitionAssignmentStrategy,
  ProducerBuilder,
  type ConsumeResult,
  type IAdminClient,
  type IConsumer,
} from '../../src/index';
import { groupName, sleep } from '../helpers/consumer';
import { admin, allUp, bootstrap, bounded, check, control, fullIsr, groupCoordinator, threeNodes, type Read } from '../helpers/faults';

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

test.skipIf(!threeNodes)('consumer group, commit after processing; a broker (the group coordinator) is SIGKILLed', async () => {
  const total = 30_000;
  const partitions = 6;
  const topic = `fault-group-${Date.now()}`;
  await a.createTopics([{ name: topic, numPartitions: partitions, replicationFactor: 3 }], { operationTimeoutMs: 30_000 });
  await fullIsr(a, [topic]);
  const expected = new Map<string, string[]>();
  const producer = new ProducerBuilder({ bootstrapServers: bootstrap!, enableIdempotence: true, acks: Acks.All, lingerMs: 5 }).build();
  const sends: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const key = `k${i % 300}`;
    const l = expected.get(key) ?? [];
    expected.set(key, l);
    l.push(String(i));
    sends.push(producer.produceAsync(topic, { key, value: String(i) }));
  }
  await Promise.all(sends);
  await producer.close();

  const group = groupName('fault-group');
  const processed: Read[] = [];
  let refusedCommits = 0; // records whose commit failed for good (their redelivery is legitimate)
  let commitRetries = 0;
  let calls = 0;
  let settledCalls = 0;
  let killedAt = 0;
  let lastProcessed = 0;
  let longestPause = 0;
  let stopping = false;
  const track = <T>(p: Promise<T>): Promise<T> => {
    calls++;
    return p.finally(() => void settledCalls++);
  };
  const member = () =>
    new ConsumerBuilder({
      bootstrapServers: bootstrap!,
      groupId: group,
      autoOffsetReset: AutoOffsetReset.Earliest,
      enableAutoCommit: false,
      partitionAssignmentStrategy: PartitionAssignmentStrategy.CooperativeSticky,
      // Longer than the coordinator's failover (the controller fences a dead broker after
      // broker.session.timeout.ms = 9 s): the members survive it, so nothing need be redelivered.
      sessionTimeoutMs: 30_000,
      heartbeatIntervalMs: 1000,
    })
      .setKeyDeserializer(Deserializers.Utf8)
      .setValueDeserializer(Deserializers.Utf8)
      .build();
  const run = async (c: IConsumer<string | null, string | null>) => {
    c.subscribe(topic);
    while (!stopping) {
      const batch = await track(c.consumeBatch(500, 200));
      const last = new Map<number, ConsumeResult<string | null, string | null>>();
      for (const r of batch) {
        const now = Date.now();
        if (killedAt && lastProcessed) longestPause = Math.max(longestPause, now - Math.max(lastProcessed, killedAt));
        lastProcessed = now;
        processed.push({ key: r.message!.key!, value: r.message!.value!, partition: r.partition, offset: r.offset });
        last.set(r.partition, r);
      }
      if (last.size === 0) continue;
      // Commit after processing; retried while the coordinator moves.
      const offsets = [...last.values()].map((r) => ({ topic, partition: r.partition, offset: r.offset + 1 }));
      for (let attempt = 0; ; attempt++) {
        try {
          await track(c.commit(offsets));
          break;
        } catch (e) {
          const owned = new Set(c.assignment.map((tp) => tp.partition));
          if (attempt >= 60 || offsets.some((o) => !owned.has(o.partition))) {
            refusedCommits += batch.length;
            console.log(`(b) commit refused for good: ${(e as Error).message}`);
            break;
          }
          commitRetries++;
          await sleep(500);
        }
      }
    }
  };
  const c1 = member();
  const c2 = member();
  const loops = [run(c1), run(c2)];
  const deadline = Date.now() + 180_000;
  while (processed.length < total / 3 && Date.now() < deadline) await sleep(20);
  const victim = await groupCoordinator(a, group);
  await control().kill(victim);
  killedAt = Date.now();
  const distinct = () => new Set(processed.map((r) => `${r.partition}:${r.offset}`)).size;
  while (distinct() < total && Date.now() < deadline) await sleep(100);
  const allAt = Date.now();
  await control().start(victim);
  await fullIsr(a, [topic]);
  await sleep(3000); // anything redelivered would show now
  stopping = true;
  await Promise.all(loops);
  const committed = await c1.committed(Array.from({ length: partitions }, (_, partition) => ({ topic, partition })), 10_000);
  const ends = await Promise.all(Array.from({ length: partitions }, (_, partition) => c1.queryWatermarkOffsets({ topic, partition }, 10_000)));
  const closeMs = await bounded('close() of both members', () => Promise.all([c1.close(), c2.close()]), 30_000);

  const result = check(processed, expected);
  console.log(
    `(b) group, coordinator node ${victim} SIGKILLed after ${Math.round(total / 3)} records: processed ${result.records} (distinct ${result.distinct}, ` +
      `duplicates ${result.duplicates}, missing ${result.missing}, keys out of order ${result.outOfOrder}); all processed ${allAt - killedAt} ms after the kill; ` +
      `longest pause in processing after the kill ${longestPause} ms; commit retries ${commitRetries}; records with a refused commit ${refusedCommits}; close() ${closeMs} ms`,
  );
  expect(settledCalls).toBe(calls);
  expect(result.missing).toBe(0);
  expect(result.distinct).toBe(total);
  expect(result.outOfOrder).toBe(0);
  expect(result.duplicates).toBeLessThanOrEqual(refusedCommits);
  expect(committed.map((t) => t.offset)).toEqual(ends.map((w) => w.high));
  await a.deleteTopics([topic]).catch(() => {});
});
