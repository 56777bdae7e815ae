/**
 * What the consumer's batching must not change: the event loop keeps turning while messages
 * are always ready, and messages held by the client (fetched, not yet handed out) are neither
 * lost nor duplicated across pause/resume and seek, and are not stored or committed.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ConsumerBuilder, Deserializers, Offset } from '../../src/index';
import { startCluster, type TestCluster } from '../helpers/cluster';
import { consumeN, consumerConfig, produce } from '../helpers/consumer';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(async () => {
  await cluster?.close();
});

test('a consume loop that always finds messages still lets timers run', async () => {
  const topic = await cluster.topic(4);
  await produce(cluster, topic, 60_000, (i) => ({ value: `m${i}` }));
  const consumer = new ConsumerBuilder(consumerConfig(cluster)).build();
  consumer.subscribe(topic);
  try {
    await consumeN(consumer, 1); // joined, messages are flowing
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    let n = 1;
    for await (const _r of consumer) if (++n === 30_000) break;
    let m = 0;
    while (m < 20_000) m += (await consumer.consumeBatch(5000, 5000)).length;
    while (m < 29_990) if (await consumer.consume(5000)) m++;
    clearInterval(timer);
    // Without yielding, every consume resolves on the microtask queue and the 1 ms timer
    // never fires until the loop ends.
    expect(ticks).toBeGreaterThanOrEqual(3);
  } finally {
    await consumer.close();
  }
});

test('held messages of a paused partition come back on resume: no gap, no duplicate', async () => {
  const topic = await cluster.topic(1);
  await produce(cluster, topic, 500, (i) => ({ value: String(i) }), 0);
  const consumer = new ConsumerBuilder(consumerConfig(cluster)).setValueDeserializer(Deserializers.Utf8).build();
  const tp = { topic, partition: 0 };
  consumer.assign([{ ...tp, offset: Offset.Beginning }]);
  try {
    const first = await consumeN(consumer, 10);
    expect(first.map((r) => r.offset)).toEqual([...Array(10).keys()]);
    consumer.pause([tp]);
    expect(consumer.position(tp)).toBe(10); // the application's position, not the fetcher's
    expect(await consumer.consume(300)).toBeNull(); // nothing from a paused partition
    consumer.resume([tp]);
    const rest = await consumeN(consumer, 490);
    expect(rest.map((r) => r.offset)).toEqual([...Array(490).keys()].map((i) => i + 10));
    expect(rest.map((r) => r.message!.value)).toEqual([...Array(490).keys()].map((i) => String(i + 10)));
  } finally {
    await consumer.close();
  }
});

test('seek gives back what was held for the partition, and only handed-out offsets are stored', async () => {
  const topic = await cluster.topic(1);
  await produce(cluster, topic, 300, (i) => ({ value: String(i) }), 0);
  const groupId = `g-${topic}`;
  const tp = { topic, partition: 0 };
  const consumer = new ConsumerBuilder(consumerConfig(cluster, { groupId, enableAutoCommit: false })).build();
  consumer.assign([{ ...tp, offset: Offset.Beginning }]);
  try {
    await consumeN(consumer, 3); // more than 3 are fetched and held
    const stored = await consumer.commit(); // commits what was stored: handed-out ones only
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ ...tp, offset: 3 });
    await consumer.seek({ ...tp, offset: 100 });
    const [r] = await consumeN(consumer, 1);
    expect(r.offset).toBe(100);
    expect(consumer.position(tp)).toBe(101);
  } finally {
    await consumer.close();
  }
});
