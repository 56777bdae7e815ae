import { afterAll, beforeAll, expect, test } from 'vitest';
import { ConsumerBuilder, ProducerBuilder, AutoOffsetReset } from '../../src/index';
import { startCluster, type TestCluster } from '../helpers/cluster';

let cluster: TestCluster;
beforeAll(async () => { cluster = await startCluster(); });
afterAll(async () => { await cluster?.close(); });

test('smoke: produce then consume', async () => {
  const topic = await cluster.topic(3);
  const producer = new ProducerBuilder({ bootstrapServers: cluster.bootstrapServers, lingerMs: 5 }).build();
  const results = await Promise.all(Array.from({ length: 100 }, (_, i) => producer.produceAsync(topic, { key: `k${i}`, value: `v${i}` })));
  expect(results.every((r) => r.offset >= 0)).toBe(true);
  await producer.close();
  const consumer = new ConsumerBuilder({ bootstrapServers: cluster.bootstrapServers, groupId: 'g1', autoOffsetReset: AutoOffsetReset.Earliest }).build();
  consumer.subscribe(topic);
  const seen: string[] = [];
  while (seen.length < 100) {
    const r = await consumer.consume(10_000);
    expect(r).not.toBeNull();
    seen.push(r!.message!.value!.toString());
  }
  expect(new Set(seen).size).toBe(100);
  await consumer.close();
});
