/**
 * (a) An idempotent producer (acks=all) writes 100k keyed records while the leader of all
 * their partitions is SIGKILLed, and later restarted: every record is written exactly once,
 * in order per key, and every delivery settles successfully.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Acks, ProducerBuilder, type IAdminClient } from '../../src/index';
import { sleep } from '../helpers/consumer';
import { admin, allUp, bootstrap, bounded, check, control, fullIsr, leaderOf, readAll, threeNodes } from '../helpers/faults';

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

test.skipIf(!threeNodes)('idempotent producer, acks=all, 100k keyed records; the leader of their partitions is SIGKILLed, then restarted', async () => {
  const total = 100_000;
  const keys = 500;
  const partitions = 3;
  const victim = 2;
  const others = [1, 2, 3].filter((x) => x !== victim);
  const topic = `fault-producer-${Date.now()}`;
  // Every partition led by the victim (first replica = preferred leader).
  await a.createTopics([{ name: topic, replicasAssignments: { 0: [victim, ...others], 1: [victim, ...others.reverse()], 2: [victim, ...others] } }], { operationTimeoutMs: 30_000 });
  await fullIsr(a, [topic]);
  for (let p = 0; p < partitions; p++) expect(await leaderOf(a, topic, p)).toBe(victim);

  const producer = new ProducerBuilder({ bootstrapServers: bootstrap!, enableIdempotence: true, acks: Acks.All, lingerMs: 5 }).build();
  const expected = new Map<string, string[]>();
  let delivered = 0;
  const failures: string[] = [];
  let killedAt = 0;
  let restarted: Promise<unknown> | undefined;
  let lastDelivery = 0;
  let longestGapAfterKill = 0;
  let settled = 0;
  const onDelivered = () => {
    const now = Date.now();
    if (killedAt && lastDelivery) longestGapAfterKill = Math.max(longestGapAfterKill, now - Math.max(lastDelivery, killedAt));
    lastDelivery = now;
    delivered++;
  };
  const t0 = Date.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const key = `k${i % keys}`;
    const value = String(i);
    let l = expected.get(key);
    if (!l) expected.set(key, (l = []));
    l.push(value);
    pending.push(
      producer.produceAsync(topic, { key, value }).then(
        () => onDelivered(),
        (e: Error) => void failures.push(e.message),
      ).finally(() => void settled++),
    );
    if (i % 1000 === 999) {
      // Keep at most 20k in flight; the kill comes once 20k are written.
      while (i - delivered - failures.length > 20_000) await sleep(5);
      if (!killedAt && delivered >= 20_000) {
        await control().kill(victim);
        killedAt = Date.now();
      }
      if (killedAt && !restarted && Date.now() - killedAt > 10_000) restarted = control().start(victim);
    }
  }
  await Promise.all(pending);
  const produceMs = Date.now() - t0;
  if (!restarted) restarted = control().start(victim);
  await restarted;
  const closeMs = await bounded('producer.close()', () => producer.close(), 30_000);
  await fullIsr(a, [topic]);

  const result = check(await readAll(topic, partitions), expected);
  console.log(
    `(a) producer, leader SIGKILLed: ${total} records in ${produceMs} ms; killed node ${victim} after ${20_000} deliveries; ` +
      `longest pause in deliveries after the kill ${longestGapAfterKill} ms; failed deliveries ${failures.length}; ` +
      `topic holds ${result.records} (distinct ${result.distinct}, duplicates ${result.duplicates}, missing ${result.missing}, keys out of order ${result.outOfOrder}); close() ${closeMs} ms`,
  );
  expect(killedAt).toBeGreaterThan(0);
  expect(settled).toBe(total);
  expect(failures).toEqual([]);
  expect(result).toEqual({ records: total, distinct: total, duplicates: 0, missing: 0, outOfOrder: 0 });
  await a.deleteTopics([topic]).catch(() => {});
});
